// StreamLoad: StarRocks' Stream Load (DESIGN §6) - one HTTP request, one transaction.
//
//   curl --location-trusted -u user:pw -H "label:l1" -H "column_separator:,"
//        -T data.csv http://host:8030/api/db/tbl/_stream_load
//
// The HTTP route (server/http_routes.cc) turns the request into a StreamLoadRequest; Execute
// authenticates the user, checks the INSERT privilege on the table, reserves the label (a label
// already used answers "Label Already Exists" with the first load's state, so clients may retry
// blindly), reads the body with the CSV or JSON reader, runs it through the LoadPipeline and
// commits when the error rows stay within max_filter_ratio. Rows of a failed load are never
// visible; its error rows are still written to the error log.
//
// Headers, as StarRocks names them (values trimmed; names case-insensitive):
//   label, format (csv | json), column_separator (default \t), row_delimiter (default \n),
//   columns, where, partitions, temporary_partitions, max_filter_ratio (default 0),
//   strict_mode (default false), timezone (default: the global time_zone), timeout (seconds,
//   default 600), enclose, escape, trim_space, skip_header, jsonpaths, json_root,
//   strip_outer_array.
// Separators may be written with escapes: \t, \n, \r, \\ and \xHH (e.g. "\x01").
//
// The response is StarRocks' JSON: TxnId, Label, Status ("Success", "Fail", "Label Already
// Exists"), Message, NumberTotalRows, NumberLoadedRows, NumberFilteredRows,
// NumberUnselectedRows, LoadBytes, LoadTimeMs, BeginTxnTimeMs, StreamLoadPlanTimeMs,
// ReadDataTimeMs, WriteDataTimeMs, CommitAndPublishTimeMs, and ErrorURL when rows were
// filtered. A failure names its cause in Message ("too many filtered rows: ... first error:
// column 'price': 'abc' is not a valid DOUBLE").
//
// Thread safety: Execute may run concurrently for different requests.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "load/table_sink.h"

namespace tributary {

class Catalog;

struct StreamLoadRequest {
    std::string db;
    std::string table;
    bool has_credentials = false;  // an Authorization: Basic header was sent
    std::string user;
    std::string password;
    std::string client_host;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string_view body;
    std::string server_host;  // "host:port" the client used, for the ErrorURL
};

struct StreamLoadResponse {
    int http_status = 200;
    std::string json;
};

struct StreamLoadEnvironment {
    Catalog* catalog = nullptr;
    LoadServices services;
    // SHA1(SHA1(password)), the form the catalog stores.
    std::function<std::string(std::string_view password)> password_hash;
    // The global time_zone variable, the default of the `timezone` header.
    std::function<std::string()> default_time_zone;
};

class StreamLoad {
public:
    explicit StreamLoad(StreamLoadEnvironment env) : env_(std::move(env)) {}

    StreamLoadResponse Execute(const StreamLoadRequest& request) const;

private:
    StreamLoadEnvironment env_;
};

// The first place at or after `from` where a JSON `body` can be cut between two documents: just
// after a line break whose line ends with '}' or ']' and whose next non-blank line starts with
// '{' or '['. In valid JSON such a break always lies between documents (inside a container a ','
// separates values, and strings cannot hold a raw line break), so an NDJSON stream is cut
// between lines and a single document, however it is laid out, never is. body.size() when
// there is no such place. Stream Load feeds JSON bodies to the reader in such pieces.
size_t NextJsonDocumentBoundary(std::string_view body, size_t from);

// Undoes the escapes a separator header may use (\t, \n, \r, \\, \xHH); InvalidArgument for
// a malformed \x escape.
StatusOr<std::string> UnescapeSeparator(std::string_view text);

}  // namespace tributary
