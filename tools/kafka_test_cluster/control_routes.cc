#include "kafka_test_cluster/control_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/string_util.h"
#include "kafka_test_cluster/kafka_names.h"

namespace tributary::kafka_test_cluster {

namespace {

using nlohmann::json;

void Reply(HttpResponse* res, const json& body) {
    res->status = 200;
    res->body = body.dump() + "\n";
}

void ReplyError(HttpResponse* res, const Status& st) {
    switch (st.code()) {
        case Status::Code::kInvalidArgument:
            res->status = 400;
            break;
        case Status::Code::kNotFound:
            res->status = 404;
            break;
        case Status::Code::kAlreadyExists:
            res->status = 409;
            break;
        default:
            res->status = 500;
            break;
    }
    res->body = json{{"ok", false}, {"error", std::string(st.message())}}.dump() + "\n";
}

StatusOr<std::string> RequiredParam(const HttpRequest& req, const std::string& name) {
    auto it = req.params.find(name);
    if (it == req.params.end() || it->second.empty()) {
        return Status::InvalidArgument("missing parameter '" + name + "'");
    }
    return it->second;
}

// Parses `text` (the value of `what`) as an integer in [lo, hi].
StatusOr<int64_t> ParseBounded(const std::string& what, const std::string& text, int64_t lo,
                               int64_t hi) {
    int64_t value = 0;
    if (!ParseInt64(text, &value) || value < lo || value > hi) {
        return Status::InvalidArgument(what + " must be an integer in " + std::to_string(lo) +
                                       ".." + std::to_string(hi) + ", not '" + text + "'");
    }
    return value;
}

// The integer parameter `name`, or `fallback` when absent.
StatusOr<int64_t> IntParam(const HttpRequest& req, const std::string& name, int64_t fallback,
                           int64_t lo, int64_t hi) {
    auto it = req.params.find(name);
    if (it == req.params.end()) return fallback;
    return ParseBounded("parameter '" + name + "'", it->second, lo, hi);
}

StatusOr<int32_t> BrokerFromPath(const HttpRequest& req) {
    ASSIGN_OR_RETURN(int64_t id, ParseBounded("broker id", req.path_groups.at(0), 1, INT32_MAX));
    return static_cast<int32_t>(id);
}

// Wraps a handler body that returns a Status or a JSON answer.
HttpHandler Handle(std::function<StatusOr<json>(const HttpRequest&)> body) {
    return [body = std::move(body)](const HttpRequest& req, HttpResponse* res) {
        StatusOr<json> answer = body(req);
        if (!answer.ok()) {
            ReplyError(res, answer.status());
            return;
        }
        json out = std::move(answer).value();
        out["ok"] = true;
        Reply(res, out);
    };
}

json StatusJson(const MockKafkaCluster& cluster) {
    json brokers = json::array();
    for (const BrokerState& b : cluster.Brokers()) {
        brokers.push_back({{"id", b.id}, {"up", b.up}, {"rtt_ms", b.rtt_ms}});
    }
    json topics = json::array();
    for (const TopicRecord& t : cluster.Topics()) {
        json leaders = json::object();
        for (const auto& [partition, broker] : t.leader_overrides) {
            leaders[std::to_string(partition)] = broker;
        }
        topics.push_back({{"name", t.name},
                          {"partitions", t.partitions},
                          {"replication_factor", t.replication_factor},
                          {"leader_overrides", leaders}});
    }
    return {{"bootstrap", cluster.bootstrap_servers()}, {"brokers", brokers}, {"topics", topics}};
}

}  // namespace

void RegisterControlRoutes(HttpServer* server, MockKafkaCluster* cluster) {
    server->Route("GET", "/status", Handle([cluster](const HttpRequest&) -> StatusOr<json> {
                      return StatusJson(*cluster);
                  }));

    server->Route(
        "GET", "/metadata", Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
            ASSIGN_OR_RETURN(int64_t timeout_ms, IntParam(req, "timeout_ms", 5000, 1, 600000));
            ASSIGN_OR_RETURN(std::vector<TopicMetadata> topics,
                             cluster->Metadata(static_cast<int>(timeout_ms)));
            json out = json::array();
            for (const TopicMetadata& t : topics) {
                json parts = json::array();
                for (const PartitionMetadata& p : t.partitions) {
                    parts.push_back({{"id", p.id},
                                     {"leader", p.leader},
                                     {"replicas", p.replicas},
                                     {"error", p.error}});
                }
                out.push_back({{"name", t.name}, {"error", t.error}, {"partitions", parts}});
            }
            return json{{"topics", out}};
        }));

    server->Route(
        "POST", "/topics", Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
            ASSIGN_OR_RETURN(std::string name, RequiredParam(req, "name"));
            ASSIGN_OR_RETURN(int64_t partitions, IntParam(req, "partitions", 1, 1, 10000));
            ASSIGN_OR_RETURN(int64_t replication, IntParam(req, "replication_factor", 0, 0, 64));
            RETURN_IF_ERROR(cluster->CreateTopic(name, static_cast<int>(partitions),
                                                 static_cast<int>(replication)));
            return json{{"topic", name}, {"partitions", partitions}};
        }));

    server->Route(
        "POST", "/topics/([^/]+)/error",
        Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
            ASSIGN_OR_RETURN(std::string code_text, RequiredParam(req, "code"));
            ASSIGN_OR_RETURN(int16_t code, ParseBrokerErrorCode(code_text));
            RETURN_IF_ERROR(cluster->SetTopicError(req.path_groups.at(0), code));
            return json{{"topic", req.path_groups.at(0)}, {"code", BrokerErrorName(code)}};
        }));

    for (const char* action : {"down", "up"}) {
        bool up = std::string(action) == "up";
        server->Route("POST", std::string("/brokers/([^/]+)/") + action,
                      Handle([cluster, up](const HttpRequest& req) -> StatusOr<json> {
                          ASSIGN_OR_RETURN(int32_t broker, BrokerFromPath(req));
                          RETURN_IF_ERROR(cluster->SetBrokerUp(broker, up));
                          return json{{"broker", broker}, {"up", up}};
                      }));
    }

    server->Route("POST", "/brokers/([^/]+)/rtt",
                  Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
                      ASSIGN_OR_RETURN(int32_t broker, BrokerFromPath(req));
                      ASSIGN_OR_RETURN(std::string ms_text, RequiredParam(req, "ms"));
                      ASSIGN_OR_RETURN(int64_t ms, ParseBounded("ms", ms_text, 0, 3600000));
                      RETURN_IF_ERROR(cluster->SetBrokerRtt(broker, static_cast<int>(ms)));
                      return json{{"broker", broker}, {"rtt_ms", ms}};
                  }));

    // POST /errors?api=Fetch&code=NOT_LEADER_FOR_PARTITION&count=3[&broker=2&rtt_ms=100]
    // or ?api=Fetch&codes=NOT_LEADER_FOR_PARTITION,0,REQUEST_TIMED_OUT for a mixed sequence.
    server->Route("POST", "/errors", Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
                      ASSIGN_OR_RETURN(std::string api_text, RequiredParam(req, "api"));
                      ASSIGN_OR_RETURN(int16_t api, ParseApiKey(api_text));
                      std::vector<int16_t> codes;
                      if (req.params.count("codes") != 0) {
                          if (req.params.count("code") != 0 || req.params.count("count") != 0) {
                              return Status::InvalidArgument(
                                  "give either 'codes' or 'code' with 'count', not both");
                          }
                          for (const std::string& piece : Split(req.params.at("codes"), ",")) {
                              ASSIGN_OR_RETURN(int16_t code, ParseBrokerErrorCode(Trim(piece)));
                              codes.push_back(code);
                          }
                      } else {
                          ASSIGN_OR_RETURN(std::string code_text, RequiredParam(req, "code"));
                          ASSIGN_OR_RETURN(int16_t code, ParseBrokerErrorCode(code_text));
                          ASSIGN_OR_RETURN(int64_t count, IntParam(req, "count", 1, 1, 100000));
                          codes.assign(static_cast<size_t>(count), code);
                      }
                      json names = json::array();
                      for (int16_t c : codes) names.push_back(BrokerErrorName(c));
                      json out = {{"api", ApiKeyName(api)}, {"api_key", api}, {"codes", names}};
                      if (req.params.count("broker") != 0) {
                          ASSIGN_OR_RETURN(int64_t broker,
                                           ParseBounded("broker", req.params.at("broker"), 1, 64));
                          ASSIGN_OR_RETURN(int64_t rtt_ms, IntParam(req, "rtt_ms", 0, 0, 3600000));
                          RETURN_IF_ERROR(cluster->PushBrokerRequestErrors(
                              static_cast<int32_t>(broker), api, codes, static_cast<int>(rtt_ms)));
                          out["broker"] = broker;
                      } else {
                          if (req.params.count("rtt_ms") != 0) {
                              return Status::InvalidArgument("'rtt_ms' needs 'broker'");
                          }
                          RETURN_IF_ERROR(cluster->PushRequestErrors(api, codes));
                      }
                      return out;
                  }));

    // GET /errors?api=Fetch&broker=2: errors pushed on that broker not yet consumed.
    server->Route(
        "GET", "/errors", Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
            ASSIGN_OR_RETURN(std::string api_text, RequiredParam(req, "api"));
            ASSIGN_OR_RETURN(int16_t api, ParseApiKey(api_text));
            ASSIGN_OR_RETURN(std::string broker_text, RequiredParam(req, "broker"));
            ASSIGN_OR_RETURN(int64_t broker, ParseBounded("broker", broker_text, 1, 64));
            ASSIGN_OR_RETURN(size_t pending, cluster->PendingBrokerRequestErrors(
                                                 static_cast<int32_t>(broker), api));
            return json{{"api", ApiKeyName(api)}, {"broker", broker}, {"pending", pending}};
        }));

    server->Route("DELETE", "/errors", Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
                      ASSIGN_OR_RETURN(std::string api_text, RequiredParam(req, "api"));
                      ASSIGN_OR_RETURN(int16_t api, ParseApiKey(api_text));
                      cluster->ClearRequestErrors(api);
                      return json{{"api", ApiKeyName(api)}, {"cleared", true}};
                  }));

    server->Route("POST", "/partitions/leader",
                  Handle([cluster](const HttpRequest& req) -> StatusOr<json> {
                      ASSIGN_OR_RETURN(std::string topic, RequiredParam(req, "topic"));
                      ASSIGN_OR_RETURN(std::string partition_text, RequiredParam(req, "partition"));
                      ASSIGN_OR_RETURN(int64_t partition,
                                       ParseBounded("partition", partition_text, 0, INT32_MAX));
                      ASSIGN_OR_RETURN(std::string broker_text, RequiredParam(req, "broker"));
                      ASSIGN_OR_RETURN(int64_t broker, ParseBounded("broker", broker_text, -1, 64));
                      RETURN_IF_ERROR(cluster->SetPartitionLeader(
                          topic, static_cast<int32_t>(partition), static_cast<int32_t>(broker)));
                      return json{{"topic", topic}, {"partition", partition}, {"leader", broker}};
                  }));
}

}  // namespace tributary::kafka_test_cluster
