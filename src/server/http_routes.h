// The HTTP endpoints Tributary serves on --http-port (StarRocks' FE port 8030; there is no
// separate BE port, so Stream Load needs no redirect and the error-log URL is on this port too):
//   GET /api/health                       {"status":"OK","msg":"..."} (StarRocks' shape)
//   PUT /api/{db}/{table}/_stream_load    Stream Load (load/stream_load.h), basic auth
//   GET /api/_load_error_log?file=<name>  a load's error rows as text (load/load_error_log.h)
#pragma once

#include <string>
#include <string_view>

namespace tributary {

class ErrorLogStore;
class HttpServer;
class StreamLoad;

struct HttpRouteTargets {
    StreamLoad* stream_load = nullptr;
    ErrorLogStore* error_logs = nullptr;
};

void RegisterHttpRoutes(HttpServer* http, HttpRouteTargets targets);

// The user and password of an "Authorization: Basic <base64>" header; false when the header
// is not a well-formed Basic one.
bool ParseBasicAuthorization(std::string_view header, std::string* user, std::string* password);

}  // namespace tributary
