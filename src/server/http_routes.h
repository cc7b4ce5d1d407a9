// The HTTP endpoints Tributary serves on --http-port. Each later subsystem (Stream Load, error
// logs, metrics) adds its routes here.
#pragma once

namespace tributary {

class HttpServer;

// GET /api/health -> {"status":"OK","msg":"..."} (StarRocks' shape).
void RegisterHttpRoutes(HttpServer* http);

}  // namespace tributary
