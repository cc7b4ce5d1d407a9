#include "server/http_routes.h"

#include "server/http_server.h"

namespace tributary {

void RegisterHttpRoutes(HttpServer* http) {
    http->Route("GET", "/api/health", [](const HttpRequest&, HttpResponse* response) {
        response->body = R"({"status":"OK","msg":"Tributary is running"})";
    });
}

}  // namespace tributary
