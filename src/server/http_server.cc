#include "server/http_server.h"

#include <httplib.h>

#include "base/logging.h"

namespace tributary {

struct HttpServer::Impl {
    httplib::Server server;
};

HttpServer::HttpServer() : impl_(std::make_unique<Impl>()) {}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Route(const std::string& method, const std::string& path, HttpHandler handler) {
    auto adapter = [handler = std::move(handler)](const httplib::Request& req,
                                                  httplib::Response& res) {
        HttpRequest request;
        request.method = req.method;
        request.path = req.path;
        for (size_t i = 1; i < req.matches.size(); ++i) request.path_groups.push_back(req.matches[i]);
        for (const auto& [k, v] : req.params) request.params[k] = v;
        for (const auto& [k, v] : req.headers) request.headers.emplace(k, v);
        request.body = req.body;
        request.remote_addr = req.remote_addr;
        HttpResponse response;
        handler(request, &response);
        res.status = response.status;
        res.set_content(response.body, response.content_type.c_str());
    };
    if (method == "GET") {
        impl_->server.Get(path, adapter);
    } else if (method == "PUT") {
        impl_->server.Put(path, adapter);
    } else if (method == "POST") {
        impl_->server.Post(path, adapter);
    } else if (method == "DELETE") {
        impl_->server.Delete(path, adapter);
    }
}

Status HttpServer::Start(const std::string& host, int port) {
    impl_->server.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown error";
            try {
                if (ep) std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            LOG_ERROR("http {} {} failed: {}", req.method, req.path, what);
            res.status = 500;
            res.set_content(R"({"status":"FAILED","msg":"internal error"})", "application/json");
        });
    if (port == 0) {
        port_ = impl_->server.bind_to_any_port(host);
        if (port_ < 0) return Status::IOError("cannot bind HTTP server on " + host);
    } else {
        if (!impl_->server.bind_to_port(host, port)) {
            return Status::IOError("cannot bind HTTP port " + std::to_string(port) +
                                   " (is another server running?)");
        }
        port_ = port;
    }
    thread_ = std::thread([this] { impl_->server.listen_after_bind(); });
    LOG_INFO("HTTP server listening on {}:{}", host, port_);
    return Status::OK();
}

void HttpServer::Stop() {
    impl_->server.stop();
    if (thread_.joinable()) thread_.join();
}

}  // namespace tributary
