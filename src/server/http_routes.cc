#include "server/http_routes.h"

#include <openssl/evp.h>

#include "base/string_util.h"
#include "load/load_error_log.h"
#include "load/stream_load.h"
#include "server/http_server.h"

namespace tributary {
namespace {

// The value of header `name` (case-insensitive), or empty.
std::string_view FindHeader(const HttpRequest& request, std::string_view name) {
    for (const auto& [key, value] : request.headers) {
        if (EqualsIgnoreCase(key, name)) return value;
    }
    return {};
}

void HandleStreamLoad(StreamLoad* stream_load, const HttpRequest& http, HttpResponse* response) {
    StreamLoadRequest request;
    request.db = http.path_groups.at(0);
    request.table = http.path_groups.at(1);
    request.has_credentials =
        ParseBasicAuthorization(FindHeader(http, "Authorization"), &request.user,
                                &request.password);
    request.client_host = http.remote_addr;
    for (const auto& [key, value] : http.headers) request.headers[ToLower(key)] = value;
    request.body = http.body;
    request.server_host = std::string(FindHeader(http, "Host"));
    StreamLoadResponse result = stream_load->Execute(request);
    response->status = result.http_status;
    response->body = std::move(result.json);
}

void HandleErrorLog(ErrorLogStore* error_logs, const HttpRequest& http, HttpResponse* response) {
    auto file = http.params.find("file");
    if (file == http.params.end()) {
        response->status = 400;
        response->content_type = "text/plain";
        response->body = "missing parameter 'file'\n";
        return;
    }
    auto content = error_logs->Read(file->second);
    response->content_type = "text/plain; charset=utf-8";
    if (!content.ok()) {
        response->status = content.status().code() == Status::Code::kNotFound ? 404 : 400;
        response->body = std::string(content.status().message()) + "\n";
        return;
    }
    response->body = std::move(content).value();
}

}  // namespace

bool ParseBasicAuthorization(std::string_view header, std::string* user, std::string* password) {
    header = Trim(header);
    constexpr std::string_view kBasic = "Basic ";
    if (header.size() <= kBasic.size() || !EqualsIgnoreCase(header.substr(0, kBasic.size()), kBasic)) {
        return false;
    }
    const std::string_view encoded = Trim(header.substr(kBasic.size()));
    if (encoded.size() % 4 != 0) return false;
    std::string decoded(encoded.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                  reinterpret_cast<const unsigned char*>(encoded.data()),
                                  static_cast<int>(encoded.size()));
    if (n < 0) return false;
    size_t length = static_cast<size_t>(n);
    // EVP_DecodeBlock counts the padding as zero bytes.
    for (size_t i = encoded.size(); i > 0 && encoded[i - 1] == '='; --i) --length;
    decoded.resize(length);
    const size_t colon = decoded.find(':');
    if (colon == std::string::npos) return false;
    *user = decoded.substr(0, colon);
    *password = decoded.substr(colon + 1);
    return true;
}

void RegisterHttpRoutes(HttpServer* http, HttpRouteTargets targets) {
    http->Route("GET", "/api/health", [](const HttpRequest&, HttpResponse* response) {
        response->body = R"({"status":"OK","msg":"Tributary is running"})";
    });
    if (targets.stream_load != nullptr) {
        http->Route("PUT", R"(/api/([^/]+)/([^/]+)/_stream_load)",
                    [stream_load = targets.stream_load](const HttpRequest& request,
                                                        HttpResponse* response) {
                        HandleStreamLoad(stream_load, request, response);
                    });
    }
    if (targets.error_logs != nullptr) {
        http->Route("GET", "/api/_load_error_log",
                    [error_logs = targets.error_logs](const HttpRequest& request,
                                                      HttpResponse* response) {
                        HandleErrorLog(error_logs, request, response);
                    });
    }
}

}  // namespace tributary
