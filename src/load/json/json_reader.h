// JsonReader: JSON documents to SourceBatch rows, on simdjson (DESIGN §6).
//
// Input: one JSON document (a Kafka message, a Stream Load body) or a stream of documents
// separated by whitespace (NDJSON; a document may span lines, as pretty-printed JSON does).
// A UTF-8 byte order mark at the start of the input is skipped. Each document yields rows:
//   - `json_root` ("$.RECORDS"; empty or "$" = the document itself) selects the node rows come
//     from; a document without that node is rejected ("json_root '$.RECORDS' not found").
//   - That node must be an object (one row) or, with `strip_outer_array`, an array whose
//     elements are objects (one row each; an empty array gives none). An array without
//     strip_outer_array is rejected with StarRocks' text "JSON data is an array.
//     strip_outer_array must be set true"; a scalar is rejected ("JSON data is a number, not an
//     object"), and so is each non-object element of an array ("JSON array element is ...").
//   - Field i of a row is found by `field_paths[i]`, relative to the row's object. A path that
//     starts with '$' is a JSON path: "$.a", "$.a.b" (nested), "$.a[0]" / "$.a[1].b" (array
//     index), "$['a.b']" / "$[\"a b\"]" (a key with any characters but its quote), "$" (the
//     whole object). Anything else is a plain key ("a.b" is the key "a.b"): simple mode, where
//     the caller passes column names (so a column whose name starts with '$' must be named by
//     a path, "$['$x']"). A missing key or index gives NULL.
//   - Keys match exactly, case included, as in StarRocks (whose reader looks JSON keys up in a
//     map of the column names as written): the key "ID" does not fill the column "id". Escaped
//     keys match by their unescaped text. When an object repeats a key, the first occurrence
//     wins, as in StarRocks; later ones are checked but unused.
//   - Values become field text: a string its unescaped contents (\u escapes, surrogate pairs
//     included, become UTF-8); a number its JSON text as written ("1589191487", "8.75e2", and
//     integers of any length, beyond int64 too); true / false "1" / "0"; null NULL; an object
//     or array its JSON text as written (so JSON and VARCHAR columns receive the fragment).
//   - Malformed JSON (a syntax error, a truncated document, invalid UTF-8, a bad escape or
//     number or literal anywhere in the document, read by a path or not) rejects the whole
//     document - no row of it is kept - with the reason and a byte offset of `input`
//     ("Malformed JSON at byte 17: ..."; where simdjson cannot say where, as for invalid
//     UTF-8, the offset is the document's start). Recovery keeps NDJSON streams losing only
//     their bad lines:
//       * a document whose brackets and strings close is skipped whole, and reading goes on
//         after it;
//       * one that cannot be delimited (it is truncated, a string runs past the end of its
//         line, a bracket does not match, a token is out of place) breaks at some byte: reading
//         resumes at the start of the line holding that byte, or at the next line when the
//         break is on the document's first line. So a truncated line is mostly rejected
//         alone, as the next line's document does not fit into it - unless the cut falls
//         after a ':' or after a ',' inside an array, where that document fits as a value and
//         the break comes a line later, taking it along.
//     Text between documents that is no JSON value ("{...} xyz") is a malformed document of
//     its own. Nesting deeper than 1024 levels is malformed.
// Each row's raw text is its document (or, for array elements, the element's JSON text); a
// rejected row's raw text is cut to its first 1024 bytes (at a UTF-8 boundary) plus "...".
//
// Performance: each line is first given to simdjson's On-Demand parser as one document; only
// when that fails (a document spanning lines, several on one line, malformed JSON) does a
// linear scan of brackets, strings and token order delimit the documents. Every value is
// visited once. Rows are staged as views into the input copy and the parser's buffers and
// copied into the batch once their document proves well-formed; nothing is allocated per row
// once buffers have grown.
//
// Thread safety: none; one reader per load. The reader keeps a padded copy of its input, which
// the batch's raw-text views point into until the next Parse.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "load/source_batch.h"

namespace tributary {

struct JsonOptions {
    // One path per field of the batch (see above); field_paths.size() == batch num_fields().
    std::vector<std::string> field_paths;
    std::string json_root;  // empty: the document
    bool strip_outer_array = false;

    // InvalidArgument naming the path when one cannot be parsed ("$.a[x]", "$..a", "", "$.").
    Status Validate() const;
};

// Parses the `jsonpaths` property, a JSON array of path strings ("[\"$.a\", \"$.b.c\"]"), into
// its paths; InvalidArgument when it is not a non-empty array of strings or a path is invalid.
StatusOr<std::vector<std::string>> ParseJsonPathsProperty(std::string_view jsonpaths);

class JsonReader {
public:
    // REQUIRES: options.Validate() is OK (otherwise every Parse returns its error).
    explicit JsonReader(JsonOptions options);
    ~JsonReader();

    // Parses every document of `input` into `batch` (rows appended; bad documents rejected).
    // Fails only for misuse (a batch whose field count differs from the paths, invalid
    // options).
    Status Parse(std::string_view input, SourceBatch* batch);

private:
    struct Impl;  // simdjson stays in json_reader.cc
    std::unique_ptr<Impl> impl_;
};

}  // namespace tributary
