// HttpServer: the HTTP endpoint on --http-port (StarRocks' 8030).
//
// Serves health now; later issues add Stream Load, error logs and metrics by registering
// handlers with Route() before Start(). Handlers run on the server's worker threads and must be
// thread-safe. cpp-httplib stays inside http_server.cc: handlers see our own request and
// response types.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <thread>

#include "base/status.h"

namespace tributary {

struct HttpRequest {
    std::string method;
    std::string path;
    std::vector<std::string> path_groups;        // the route pattern's capture groups
    std::map<std::string, std::string> params;   // query-string parameters
    std::multimap<std::string, std::string> headers;
    std::string_view body;                       // valid while the handler runs
    std::string remote_addr;
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
};

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse*)>;

class HttpServer {
public:
    HttpServer();
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Registers `handler` for `method` ("GET", "PUT", ...) and `path`, an exact path or a
    // regular expression whose capture groups arrive in HttpRequest::path_groups
    // ("/api/([^/]+)/([^/]+)/_stream_load").
    // REQUIRES: called before Start().
    void Route(const std::string& method, const std::string& path, HttpHandler handler);

    // Binds `host:port` and serves on a background thread. Fails when the port is taken.
    Status Start(const std::string& host, int port);
    // Stops accepting and waits for in-flight requests. Idempotent.
    void Stop();
    int port() const { return port_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace tributary
