#include "load/routine/schema_registry_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/string_util.h"

namespace tributary {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kFailurePrefix = "Schema Registry ";
constexpr size_t kMaxAnswerBytes = 16 << 20;  // a schema; anything larger is not one

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding of URL credentials; false on a malformed escape.
bool PercentDecode(std::string_view text, std::string* out) {
    out->clear();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out->push_back(text[i]);
            continue;
        }
        if (i + 2 >= text.size()) return false;
        const int hi = HexValue(text[i + 1]);
        const int lo = HexValue(text[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

size_t AppendAnswer(char* data, size_t size, size_t count, void* user) {
    auto* answer = static_cast<std::string*>(user);
    const size_t bytes = size * count;
    if (answer->size() + bytes > kMaxAnswerBytes) return 0;  // aborts the transfer
    answer->append(data, bytes);
    return bytes;
}

void InitCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The registry's own message from an error answer ({"error_code": 40403, "message": "..."}).
std::string RegistryMessage(const Json& answer, const std::string& body) {
    if (answer.is_object() && answer.contains("message") && answer["message"].is_string()) {
        return answer["message"].get<std::string>();
    }
    return body.size() > 200 ? body.substr(0, 200) + "..." : body;
}

}  // namespace

StatusOr<SchemaRegistryUrl> ParseSchemaRegistryUrl(std::string_view url) {
    auto invalid = [&](std::string_view why) {
        return Status::InvalidArgument(fmt::format(
            "confluent.schema.registry.url '{}' is invalid: {}; the format is "
            "http[s]://[<schema-registry-api-key>:<schema-registry-api-secret>@]<hostname|ip "
            "address>[:<port>]",
            MaskSchemaRegistryUrl(url), why));
    };
    const std::string_view trimmed = Trim(url);
    const size_t scheme_end = trimmed.find("://");
    if (scheme_end == std::string_view::npos) return invalid("it has no http:// or https://");
    const std::string scheme = ToLower(trimmed.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") {
        return invalid(fmt::format("the scheme is '{}', not http or https", scheme));
    }
    std::string_view rest = trimmed.substr(scheme_end + 3);
    const size_t path_start = rest.find('/');
    std::string_view authority = rest.substr(0, path_start);
    std::string_view path = path_start == std::string_view::npos ? "" : rest.substr(path_start);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    SchemaRegistryUrl out;
    const size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view credentials = authority.substr(0, at);
        const size_t colon = credentials.find(':');
        if (!PercentDecode(credentials.substr(0, colon), &out.user) ||
            (colon != std::string_view::npos &&
             !PercentDecode(credentials.substr(colon + 1), &out.password))) {
            return invalid("the credentials have a malformed %-escape");
        }
        if (out.user.empty()) return invalid("the credentials have no key");
        authority = authority.substr(at + 1);
    }
    if (authority.empty() || authority.front() == ':') return invalid("it has no host");
    for (char c : authority) {
        if (c == ' ' || c == '?' || c == '#') return invalid("the host is malformed");
    }
    out.base = fmt::format("{}://{}{}", scheme, authority, path);
    out.masked = at == std::string_view::npos
                     ? out.base
                     : fmt::format("{}://******@{}{}", scheme, authority, path);
    return out;
}

std::string MaskSchemaRegistryUrl(std::string_view url) {
    const size_t scheme_end = url.find("://");
    const size_t authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    const size_t path_start = url.find('/', authority_start);
    const size_t at = url.substr(0, path_start).rfind('@');
    if (at == std::string_view::npos || at < authority_start) return std::string(url);
    return fmt::format("{}******{}", url.substr(0, authority_start), url.substr(at));
}

bool IsSchemaRegistryFailure(const Status& status) {
    return status.code() == Status::Code::kIOError &&
           status.message().starts_with(kFailurePrefix);
}

StatusOr<std::shared_ptr<SchemaRegistryClient>> SchemaRegistryClient::Create(
    std::string_view url, SchemaRegistryOptions options) {
    ASSIGN_OR_RETURN(SchemaRegistryUrl parsed, ParseSchemaRegistryUrl(url));
    InitCurlOnce();
    return std::shared_ptr<SchemaRegistryClient>(
        new SchemaRegistryClient(std::move(parsed), options));
}

StatusOr<std::string> SchemaRegistryClient::SchemaText(int32_t id) {
    {
        std::lock_guard lock(mu_);
        if (auto it = cache_.find(id); it != cache_.end()) return it->second;
    }
    // Fetched without the lock: a slow registry must not hold up cached ids. Two threads may
    // fetch the same id at once; both get the same text.
    ASSIGN_OR_RETURN(std::string schema, Fetch(id));
    std::lock_guard lock(mu_);
    return cache_.emplace(id, std::move(schema)).first->second;
}

StatusOr<std::string> SchemaRegistryClient::Fetch(int32_t id) const {
    auto failure = [&](std::string problem) {
        return Status::IOError(fmt::format("{}{}: {}", kFailurePrefix, url_.masked, problem));
    };
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (curl == nullptr) return failure("cannot create an HTTP client");
    const std::string request = fmt::format("{}/schemas/ids/{}", url_.base, id);
    std::string body;
    char error[CURL_ERROR_SIZE] = {0};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // worker threads; timeouts without SIGALRM
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout_ms));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &AppendAnswer);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    struct curl_slist* headers =
        curl_slist_append(nullptr, "Accept: application/vnd.schemaregistry.v1+json, "
                                   "application/json");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                          curl_slist_free_all);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (!url_.user.empty()) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
        curl_easy_setopt(c, CURLOPT_USERNAME, url_.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, url_.password.c_str());
    }
    const CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK) {
        return failure(fmt::format("cannot fetch schema id {} ({}{}{})", id,
                                   curl_easy_strerror(code), *error != '\0' ? ": " : "", error));
    }
    long http = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
    const Json answer = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (http == 404 && answer.is_object() && answer.value("error_code", 0) == 40403) {
        return Status::NotFound(RegistryMessage(answer, body));
    }
    if (http == 401 || http == 403) {
        return failure(fmt::format("HTTP {} ({}): check the key and secret in "
                                   "confluent.schema.registry.url",
                                   http, RegistryMessage(answer, body)));
    }
    if (http != 200) {
        return failure(fmt::format("HTTP {} for schema id {} ({})", http, id,
                                   RegistryMessage(answer, body)));
    }
    if (!answer.is_object() || !answer.contains("schema") || !answer["schema"].is_string()) {
        return failure(fmt::format("the answer for schema id {} has no \"schema\": is this a "
                                   "Schema Registry?",
                                   id));
    }
    if (answer.contains("schemaType") && answer["schemaType"].is_string() &&
        answer["schemaType"].get<std::string>() != "AVRO") {
        // Not a registry failure: the message that names this id cannot be Avro.
        return Status::NotFound(fmt::format("schema id {} is a {} schema, not Avro", id,
                                            answer["schemaType"].get<std::string>()));
    }
    return answer["schema"].get<std::string>();
}

}  // namespace tributary
