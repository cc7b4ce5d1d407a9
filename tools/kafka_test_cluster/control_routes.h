// The control channel of kafka_test_cluster: HTTP routes that drive a MockKafkaCluster.
//
// Every answer is JSON. Success: {"ok": true, ...}. Failure: {"ok": false, "error": "<what was
// wrong>"} with status 400 (bad or missing parameter), 404 (no such broker, topic or partition)
// or 409 (topic exists). The routes are listed in tools/kafka_test_cluster/README.md.
//
// Lifetime: `cluster` must outlive `server`'s serving (stop the server before destroying it).
// Handlers run on the server's worker threads; MockKafkaCluster is thread-safe.
#pragma once

#include "kafka_test_cluster/mock_cluster.h"
#include "server/http_server.h"

namespace tributary::kafka_test_cluster {

// REQUIRES: called before server->Start().
void RegisterControlRoutes(HttpServer* server, MockKafkaCluster* cluster);

}  // namespace tributary::kafka_test_cluster
