// SchemaRegistryClient: Avro writer schemas by id from a Confluent-compatible Schema Registry
// (`GET {url}/schemas/ids/{id}`), over libcurl; the AvroSchemaSource of Routine Load's Avro jobs.
//
// URL: `confluent.schema.registry.url` = http[s]://[key:secret@]host[:port][/path], as the
// StarRocks documentation gives it. Credentials in the URL (percent-encoded where needed) are sent
// as HTTP basic auth and never shown: every message and SHOW print the masked form
// "https://******@host:8081".
//
// Caching: a Confluent registry never changes what an id means, so a fetched schema is kept for
// the client's life. Each Routine Load job has one client (ALTER makes a new one), so an id is
// asked for once per job - or once per task of the job when several tasks meet a new id at the
// same moment (fetches run without the lock, so a slow registry never holds up cached ids).
//
// Failures. The registry answering 404 with Confluent's error code 40403 ("Schema not found")
// is NotFound: the message that named the id is a bad row. Everything else is an IOError whose
// message starts with "Schema Registry <masked url>: " and says what happened - the connection
// error (refused, timed out after connect_timeout_ms / request_timeout_ms, TLS), the HTTP status
// with the registry's message (401 / 403 "check the key and secret in
// confluent.schema.registry.url", 5xx), or an answer that is not a schema (another server at that
// URL). Routine Load fails the task on these, retries, and pauses the job when they persist
// (IsSchemaRegistryFailure).
//
// Thread safety: SchemaText may be called from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"
#include "load/avro/avro_reader.h"

namespace tributary {

struct SchemaRegistryUrl {
    std::string base;      // scheme://host[:port][/path], no credentials, no trailing '/'
    std::string user;      // decoded; empty: no basic auth
    std::string password;  // decoded
    std::string masked;    // base with "******@" where credentials were
};

// Parses `confluent.schema.registry.url`. InvalidArgument when it is not http(s)://host...
StatusOr<SchemaRegistryUrl> ParseSchemaRegistryUrl(std::string_view url);

// The URL with its credentials replaced by "******" (the text as given when it does not parse,
// minus anything before an '@').
std::string MaskSchemaRegistryUrl(std::string_view url);

// Whether `status` is a SchemaRegistryClient failure to ask the registry (not a NotFound).
bool IsSchemaRegistryFailure(const Status& status);

struct SchemaRegistryOptions {
    int64_t connect_timeout_ms = 5000;
    int64_t request_timeout_ms = 10000;
};

class SchemaRegistryClient : public AvroSchemaSource {
public:
    static StatusOr<std::shared_ptr<SchemaRegistryClient>> Create(
        std::string_view url, SchemaRegistryOptions options = {});

    StatusOr<std::string> SchemaText(int32_t id) override;

    const std::string& masked_url() const { return url_.masked; }

private:
    SchemaRegistryClient(SchemaRegistryUrl url, SchemaRegistryOptions options)
        : url_(std::move(url)), options_(options) {}

    StatusOr<std::string> Fetch(int32_t id) const;

    const SchemaRegistryUrl url_;
    const SchemaRegistryOptions options_;
    std::mutex mu_;
    std::unordered_map<int32_t, std::string> cache_;  // guarded by mu_
};

}  // namespace tributary
