// JsonReader (json_reader.h): a linear scan delimits each document; simdjson's On-Demand API
// parses it, and one walk over every value checks it and fills the fields the paths name.
#include "load/json/json_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <utility>

#include "base/string_util.h"
#include "load/json/json_path.h"
#include "load/json/json_scan.h"

namespace tributary {
namespace {

namespace od = simdjson::ondemand;
using json_internal::DescribeByte;
using json_internal::Extent;
using json_internal::kMaxDepth;
using json_internal::ParsePath;
using json_internal::PathStep;
using json_internal::ResumePoint;
using json_internal::ScanDocument;
using simdjson::error_code;

constexpr size_t kMaxRejectedRawBytes = 1024;
constexpr size_t kMinParserCapacity = 64 * 1024;
constexpr size_t kMaxQuotedBytes = 40;  // of a bad token quoted in a reason
// Member ordinals remembered per path node (see PathNode::by_ordinal).
constexpr size_t kMaxCachedOrdinals = 1024;
constexpr std::string_view kArrayWithoutStrip =
    "JSON data is an array. strip_outer_array must be set true";

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimRight(std::string_view s) {
    while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
    return s;
}


// -------------------------------------------------------------------------------------------
// Values

// Whether `text` is a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view text) {
    size_t i = 0;
    const size_t n = text.size();
    auto digits = [&] {
        const size_t start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
        return i > start;
    };
    if (i < n && text[i] == '-') ++i;
    if (i < n && text[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < n && text[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

// Whether the string whose contents start at `raw` (just past its opening quote) has an
// escape. REQUIRES: the string is closed (simdjson's stage 1 checked).
bool HasEscape(const char* raw) {
    for (; *raw != '"'; ++raw) {
        if (*raw == '\\') return true;
    }
    return false;
}

const char* KindName(od::json_type type) {
    switch (type) {
        case od::json_type::object:
            return "an object";
        case od::json_type::array:
            return "an array";
        case od::json_type::string:
            return "a string";
        case od::json_type::number:
            return "a number";
        case od::json_type::boolean:
            return "a boolean";
        case od::json_type::null:
            return "null";
    }
    return "a value";
}

struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

constexpr int32_t kNoNode = -1;
constexpr int32_t kUnknownNode = -2;  // CachedMember: the cache cannot tell

// A node of the trie of field paths; nodes[0] is the row object.
struct PathNode {
    std::vector<size_t> fields;  // the batch fields whose path ends here
    std::unordered_map<std::string, int32_t, KeyHash, std::equal_to<>> members;  // key -> child
    std::vector<std::pair<int64_t, int32_t>> elements;                           // index -> child
    // The key each member ordinal of the previous object had, and the child it led to:
    // objects of one stream mostly list their keys in one order, so a comparison usually
    // replaces a hash lookup (StarRocks' reader does the same).
    struct OrdinalKey {
        std::string key;
        int32_t child = kNoNode;
        bool plain = false;  // no quote or backslash: comparable with the raw key bytes
    };
    std::vector<OrdinalKey> by_ordinal;
    uint64_t filled_in_row = 0;  // the row that reached it; a repeated key does not again
};

}  // namespace

// -------------------------------------------------------------------------------------------
// Options

Status JsonOptions::Validate() const {
    std::vector<PathStep> steps;
    for (const std::string& path : field_paths) {
        RETURN_IF_ERROR(ParsePath("JSON path", path, &steps));
    }
    if (!json_root.empty()) RETURN_IF_ERROR(ParsePath("json_root", json_root, &steps));
    return Status::OK();
}

StatusOr<std::vector<std::string>> ParseJsonPathsProperty(std::string_view jsonpaths) {
    const simdjson::padded_string padded(jsonpaths);
    od::parser parser;
    od::document doc;
    od::array array;
    std::vector<std::string> paths;
    error_code error = parser.iterate(padded).get(doc);
    if (!error) error = doc.get_array().get(array);
    if (!error) {
        for (auto element : array) {
            std::string_view path;
            error = element.get_string().get(path);
            if (error) break;
            paths.emplace_back(path);
        }
    }
    if (!error && !doc.current_location().error()) error = simdjson::TRAILING_CONTENT;
    if (error || paths.empty()) {
        return Status::InvalidArgument(
            fmt::format("jsonpaths must be a non-empty JSON array of path strings such as "
                        "[\"$.a\", \"$.b.c\"], not '{}'{}",
                        TruncateUtf8(jsonpaths, 200),
                        error ? fmt::format(" ({})", simdjson::error_message(error)) : ""));
    }
    std::vector<PathStep> steps;
    for (const std::string& path : paths) RETURN_IF_ERROR(ParsePath("JSON path", path, &steps));
    return paths;
}

// -------------------------------------------------------------------------------------------
// The reader

struct JsonReader::Impl {
    explicit Impl(JsonOptions options_in);

    Status Parse(std::string_view input, SourceBatch* batch);

    // Parses buffer[begin, end) as one document, staging its rows and shape rejections; a
    // simdjson error when it is malformed (or is more than one value).
    error_code TryDocument(size_t begin, size_t end);
    // Moves the staged rows and rejections of the last TryDocument into `batch`.
    void Commit(SourceBatch* batch);
    // Rejects the last TryDocument's document whole for `error`.
    void RejectMalformed(error_code error, SourceBatch* batch);

    // The walk. Each returns a simdjson error for malformed JSON (with fail_at / fail_reason
    // set when the walk itself found the problem); shape problems are staged rejections.
    error_code ReadDocument();
    error_code FollowRoot(od::value& value, size_t step, bool* found);
    error_code EmitRows(od::value& value);
    error_code EmitRow(od::value& value);
    // Checks `value` and, for a path node (not kNoNode), fills the fields it names.
    error_code ReadValue(od::value& value, int32_t node);
    error_code ReadMembers(od::object& object, int32_t node);
    error_code ReadElements(od::array& array, int32_t node);
    error_code CheckRootScalar(od::json_type type, std::string_view text);
    // Counts a container the walk enters at `at`: the scan's nesting limit, kept by the walk
    // too, since documents read without the scan must obey it (and it bounds the recursion).
    error_code Enter(const char* at);
    error_code Fail(const char* at, std::string reason);
    error_code InvalidToken(std::string_view token);
    error_code BadString(std::string_view token);  // REQUIRES: token starts at the quote
    error_code ReadKey(od::field& field, std::string_view* key);

    int32_t AddChild(int32_t node, const PathStep& step);
    int32_t CachedMember(int32_t node, size_t ordinal, const char* raw_key) const;
    int32_t FindMember(int32_t node, size_t ordinal, std::string_view key);
    int32_t FindElement(int32_t node, int64_t index) const;
    void Fill(int32_t node, std::string_view text);
    // Where the container starting at `start` ends, once the walk has read it.
    const char* EndOfContainer(const char* start);
    std::string RootProblem(const char* kind) const;

    JsonOptions options;
    Status options_status;
    std::vector<PathStep> root_steps;  // json_root
    std::vector<PathNode> nodes;

    // The padded copy of the input: simdjson reads up to SIMDJSON_PADDING bytes past the end.
    std::unique_ptr<char[]> buffer;
    size_t buffer_capacity = 0;

    od::parser parser;
    od::document doc;
    const char* doc_begin = nullptr;
    const char* doc_end = nullptr;
    bool iterated = false;  // simdjson accepted the document's bytes (its stage 1)
    const char* fail_at = nullptr;
    std::string fail_reason;
    size_t depth = 0;  // containers the walk is inside

    std::vector<SourceField> row;  // the row being read
    uint64_t row_serial = 0;
    // The current document's rows and rejections, kept until it proves well-formed. Field
    // texts point into `buffer`, the parser's string buffer (valid until its next document) or
    // static storage.
    std::vector<SourceField> staged_fields;
    std::vector<std::string_view> staged_raw;
    std::vector<std::pair<std::string_view, std::string>> staged_rejects;
};

JsonReader::Impl::Impl(JsonOptions options_in)
    : options(std::move(options_in)), row(options.field_paths.size()) {
    options_status = options.Validate();
    if (!options_status.ok()) return;
    nodes.emplace_back();
    std::vector<PathStep> steps;
    for (size_t f = 0; f < options.field_paths.size(); ++f) {
        IgnoreError(ParsePath("JSON path", options.field_paths[f], &steps));  // validated above
        int32_t node = 0;
        for (const PathStep& step : steps) node = AddChild(node, step);
        nodes[node].fields.push_back(f);
    }
    if (!options.json_root.empty()) {
        IgnoreError(ParsePath("json_root", options.json_root, &root_steps));  // validated above
    }
}

int32_t JsonReader::Impl::AddChild(int32_t node, const PathStep& step) {
    if (step.index >= 0) {
        const int32_t found = FindElement(node, step.index);
        if (found != kNoNode) return found;
    } else if (auto it = nodes[node].members.find(step.key); it != nodes[node].members.end()) {
        return it->second;
    }
    const auto child = static_cast<int32_t>(nodes.size());
    nodes.emplace_back();
    if (step.index >= 0) {
        nodes[node].elements.emplace_back(step.index, child);
    } else {
        nodes[node].members.emplace(step.key, child);
    }
    return child;
}

int32_t JsonReader::Impl::CachedMember(int32_t node, size_t ordinal, const char* raw_key) const {
    const auto& cache = nodes[node].by_ordinal;
    if (ordinal >= cache.size() || !cache[ordinal].plain) return kUnknownNode;
    const std::string& key = cache[ordinal].key;
    // The raw key equals a key without quotes or backslashes iff its bytes match and its
    // closing quote follows; the bound keeps the comparison inside the document.
    if (raw_key + key.size() >= doc_end || std::memcmp(raw_key, key.data(), key.size()) != 0 ||
        raw_key[key.size()] != '"') {
        return kUnknownNode;
    }
    return cache[ordinal].child;
}

int32_t JsonReader::Impl::FindMember(int32_t node, size_t ordinal, std::string_view key) {
    PathNode& path_node = nodes[node];
    const auto it = path_node.members.find(key);
    const int32_t child = it == path_node.members.end() ? kNoNode : it->second;
    auto& cache = path_node.by_ordinal;
    if (ordinal == cache.size() && ordinal < kMaxCachedOrdinals) cache.emplace_back();
    if (ordinal < cache.size()) {
        cache[ordinal].key.assign(key);
        cache[ordinal].child = child;
        cache[ordinal].plain = key.find_first_of("\\\"") == std::string_view::npos;
    }
    return child;
}

int32_t JsonReader::Impl::FindElement(int32_t node, int64_t index) const {
    for (const auto& [element_index, child] : nodes[node].elements) {
        if (element_index == index) return child;
    }
    return kNoNode;
}

void JsonReader::Impl::Fill(int32_t node, std::string_view text) {
    if (node == kNoNode) return;
    for (size_t f : nodes[node].fields) row[f] = SourceField{text, false};
}

error_code JsonReader::Impl::Fail(const char* at, std::string reason) {
    fail_at = at;
    fail_reason = std::move(reason);
    return simdjson::TAPE_ERROR;
}

error_code JsonReader::Impl::BadString(std::string_view token) {
    // Stage 1 has checked UTF-8, so only an escape can be wrong.
    return Fail(token.data(),
                fmt::format("invalid escape in string {}", TruncateUtf8(token, kMaxQuotedBytes)));
}

error_code JsonReader::Impl::ReadKey(od::field& field, std::string_view* key) {
    const char* quote = reinterpret_cast<const char*>(field.key().raw()) - 1;
    if (field.unescaped_key().get(*key)) return Fail(quote, "invalid escape in an object key");
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::Enter(const char* at) {
    if (++depth <= kMaxDepth) return simdjson::SUCCESS;
    return Fail(at, fmt::format("nesting deeper than {} levels", kMaxDepth));
}

error_code JsonReader::Impl::InvalidToken(std::string_view token) {
    std::string quoted = TruncateUtf8(token, kMaxQuotedBytes);
    for (char& c : quoted) {
        if (static_cast<uint8_t>(c) < 0x20) c = '?';  // keep control bytes out of the log
    }
    return Fail(token.data(), fmt::format("invalid token '{}'", quoted));
}

const char* JsonReader::Impl::EndOfContainer(const char* start) {
    // The walk has consumed the closing bracket, so the parser stands on the next token; at the
    // document's end it has none, and the document ends there.
    const char* end = doc_end;
    auto location = doc.current_location();
    if (!location.error()) end = std::clamp(location.value_unsafe(), start, doc_end);
    while (end > start && IsJsonSpace(end[-1])) --end;
    return end;
}

std::string JsonReader::Impl::RootProblem(const char* kind) const {
    if (root_steps.empty()) return fmt::format("JSON data is {}, not an object", kind);
    return fmt::format("json_root '{}' is {}, not an object or an array", options.json_root, kind);
}

Status JsonReader::Impl::Parse(std::string_view input, SourceBatch* batch) {
    RETURN_IF_ERROR(options_status);
    if (batch->num_fields() != row.size()) {
        return Status::InvalidArgument(
            fmt::format("JsonReader: the batch has {} fields but {} JSON paths were given",
                        batch->num_fields(), row.size()));
    }
    batch->AddInputBytes(input.size());
    const size_t needed = input.size() + simdjson::SIMDJSON_PADDING;
    if (buffer_capacity < needed) {
        buffer_capacity = std::max(needed, buffer_capacity * 2);
        buffer = std::make_unique_for_overwrite<char[]>(buffer_capacity);
    }
    if (!input.empty()) std::memcpy(buffer.get(), input.data(), input.size());
    std::memset(buffer.get() + input.size(), 0, simdjson::SIMDJSON_PADDING);
    const std::string_view data(buffer.get(), input.size());

    size_t pos = data.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte order mark
    size_t line_end = 0;                                    // of the line holding `pos`
    size_t tried_line_end = std::string_view::npos;
    while (true) {
        while (pos < data.size() && IsJsonSpace(data[pos])) ++pos;
        if (pos == data.size()) break;
        // Most documents are one NDJSON line, or a whole input without line breaks. When
        // simdjson reads the rest of the line as exactly one well-formed document, the scan
        // would find that same document, so it is not needed. Each line is tried once: the
        // documents after a failed try are found by the scan, or a line of many documents
        // would be parsed again for each.
        if (pos >= line_end) {  // (a line of many documents is searched once)
            line_end = std::min(data.find('\n', pos), data.size());
        }
        const size_t line_doc_end = pos + TrimRight(data.substr(pos, line_end - pos)).size();
        const bool try_line = line_end != tried_line_end;
        error_code error = simdjson::SUCCESS;
        if (try_line) {
            tried_line_end = line_end;
            error = TryDocument(pos, line_doc_end);
            if (!error) {
                Commit(batch);
                pos = line_end;
                continue;
            }
        }
        const Extent extent = ScanDocument(data, pos);
        if (!extent.problem.empty()) {
            const size_t resume = ResumePoint(data, pos, extent.break_at);
            batch->Reject(
                TruncateUtf8(TrimRight(data.substr(pos, resume - pos)), kMaxRejectedRawBytes),
                fmt::format("Malformed JSON at byte {}: {}", extent.break_at, extent.problem));
            pos = resume;
            continue;
        }
        if (!try_line || extent.end != line_doc_end) error = TryDocument(pos, extent.end);
        if (error) {
            RejectMalformed(error, batch);
        } else {
            Commit(batch);
        }
        pos = extent.end;
    }
    return Status::OK();
}

error_code JsonReader::Impl::TryDocument(size_t begin, size_t end) {
    doc_begin = buffer.get() + begin;
    doc_end = buffer.get() + end;
    fail_at = nullptr;
    fail_reason.clear();
    staged_fields.clear();
    staged_raw.clear();
    staged_rejects.clear();
    depth = 0;
    iterated = false;  // `doc` may refer to buffers the allocation below frees
    const size_t size = end - begin;
    if (parser.capacity() < size) {
        // Grown geometrically: iterate() would allocate for each longer document. The depth
        // limit leaves simdjson's debug checks room beyond the walk's own limit.
        const error_code error = parser.allocate(
            std::max({size, 2 * parser.capacity(), kMinParserCapacity}), kMaxDepth + 8);
        if (error) return error;
    }
    const error_code error = parser.iterate(doc_begin, size, buffer_capacity - begin).get(doc);
    iterated = !error;
    return error ? error : ReadDocument();
}

void JsonReader::Impl::Commit(SourceBatch* batch) {
    const size_t num_fields = row.size();
    for (size_t r = 0; r < staged_raw.size(); ++r) {
        batch->AppendRow({staged_fields.data() + r * num_fields, num_fields}, staged_raw[r]);
    }
    for (auto& [raw, reason] : staged_rejects) {
        batch->Reject(TruncateUtf8(raw, kMaxRejectedRawBytes), std::move(reason));
    }
}

void JsonReader::Impl::RejectMalformed(error_code error, SourceBatch* batch) {
    const char* at = fail_at;
    if (at == nullptr && iterated) {
        auto location = doc.current_location();
        if (!location.error()) at = location.value_unsafe();
    }
    if (at == nullptr || at < doc_begin || at > doc_end) at = doc_begin;  // simdjson cannot say
    batch->Reject(
        TruncateUtf8({doc_begin, static_cast<size_t>(doc_end - doc_begin)}, kMaxRejectedRawBytes),
        fmt::format("Malformed JSON at byte {}: {}", at - buffer.get(),
                    fail_reason.empty() ? simdjson::error_message(error) : fail_reason));
}

error_code JsonReader::Impl::ReadDocument() {
    const std::string_view text(doc_begin, doc_end - doc_begin);
    od::json_type type;
    if (doc.type().get(type)) return InvalidToken(text);
    if (type != od::json_type::object && type != od::json_type::array) {
        const std::string_view token = TrimRight(doc.raw_json_token());
        if (token.size() != text.size()) {
            return Fail(token.data() + token.size(), "unexpected content after the value");
        }
        SIMDJSON_TRY(CheckRootScalar(type, text));
        staged_rejects.emplace_back(
            text, root_steps.empty() ? RootProblem(KindName(type))
                                     : fmt::format("json_root '{}' not found", options.json_root));
        return simdjson::SUCCESS;
    }
    od::value root;
    SIMDJSON_TRY(doc.get_value().get(root));
    bool found = false;
    SIMDJSON_TRY(FollowRoot(root, 0, &found));
    if (!found) {
        staged_rejects.emplace_back(text,
                                    fmt::format("json_root '{}' not found", options.json_root));
    }
    auto location = doc.current_location();
    if (!location.error()) {
        return Fail(location.value_unsafe(), "unexpected content after the value");
    }
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::CheckRootScalar(od::json_type type, std::string_view text) {
    bool valid = false;
    switch (type) {
        case od::json_type::string: {
            std::string_view unescaped;
            return doc.get_string().get(unescaped) ? BadString(text) : simdjson::SUCCESS;
        }
        case od::json_type::number:
            valid = IsJsonNumber(text);
            break;
        case od::json_type::boolean:
            valid = text == "true" || text == "false";
            break;
        case od::json_type::null:
            valid = text == "null";
            break;
        default:
            break;
    }
    if (valid) return simdjson::SUCCESS;
    return InvalidToken(text);
}

error_code JsonReader::Impl::FollowRoot(od::value& value, size_t step, bool* found) {
    if (step == root_steps.size()) {
        *found = true;
        return EmitRows(value);
    }
    const PathStep& want = root_steps[step];
    od::json_type type;
    SIMDJSON_TRY(value.type().get(type));
    if (type == od::json_type::object && want.index < 0) {
        SIMDJSON_TRY(Enter(value.raw_json_token().data()));
        od::object object;
        SIMDJSON_TRY(value.get_object().get(object));
        bool taken = false;  // a repeated key: the first one wins
        for (auto member : object) {
            od::field field;
            SIMDJSON_TRY(std::move(member).get(field));
            std::string_view key;
            SIMDJSON_TRY(ReadKey(field, &key));
            if (!taken && key == want.key) {
                taken = true;
                SIMDJSON_TRY(FollowRoot(field.value(), step + 1, found));
            } else {
                SIMDJSON_TRY(ReadValue(field.value(), kNoNode));
            }
        }
        --depth;
        return simdjson::SUCCESS;
    }
    if (type == od::json_type::array && want.index >= 0) {
        SIMDJSON_TRY(Enter(value.raw_json_token().data()));
        od::array array;
        SIMDJSON_TRY(value.get_array().get(array));
        int64_t index = 0;
        for (auto element : array) {
            od::value item;
            SIMDJSON_TRY(std::move(element).get(item));
            SIMDJSON_TRY(index++ == want.index ? FollowRoot(item, step + 1, found)
                                               : ReadValue(item, kNoNode));
        }
        --depth;
        return simdjson::SUCCESS;
    }
    return ReadValue(value, kNoNode);
}

error_code JsonReader::Impl::EmitRows(od::value& value) {
    od::json_type type;
    SIMDJSON_TRY(value.type().get(type));
    if (type == od::json_type::object) return EmitRow(value);
    if (type == od::json_type::array && options.strip_outer_array) {
        SIMDJSON_TRY(Enter(value.raw_json_token().data()));
        od::array array;
        SIMDJSON_TRY(value.get_array().get(array));
        for (auto element : array) {
            od::value item;
            SIMDJSON_TRY(std::move(element).get(item));
            SIMDJSON_TRY(item.type().get(type));
            if (type == od::json_type::object) {
                SIMDJSON_TRY(EmitRow(item));
                continue;
            }
            const std::string_view token = TrimRight(item.raw_json_token());
            SIMDJSON_TRY(ReadValue(item, kNoNode));
            const char* end = type == od::json_type::array ? EndOfContainer(token.data())
                                                           : token.data() + token.size();
            staged_rejects.emplace_back(
                std::string_view(token.data(), end - token.data()),
                fmt::format("JSON array element is {}, not an object", KindName(type)));
        }
        --depth;
        return simdjson::SUCCESS;
    }
    const std::string_view token = TrimRight(value.raw_json_token());
    SIMDJSON_TRY(ReadValue(value, kNoNode));
    const bool is_array = type == od::json_type::array;
    const char* end = is_array ? EndOfContainer(token.data()) : token.data() + token.size();
    staged_rejects.emplace_back(
        std::string_view(token.data(), end - token.data()),
        is_array ? std::string(kArrayWithoutStrip) : RootProblem(KindName(type)));
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::EmitRow(od::value& value) {
    const char* start = value.raw_json_token().data();
    std::fill(row.begin(), row.end(), SourceField{{}, true});
    ++row_serial;
    SIMDJSON_TRY(Enter(start));
    od::object object;
    SIMDJSON_TRY(value.get_object().get(object));
    SIMDJSON_TRY(ReadMembers(object, 0));
    --depth;
    const std::string_view raw(start, EndOfContainer(start) - start);
    Fill(0, raw);  // the "$" paths
    staged_fields.insert(staged_fields.end(), row.begin(), row.end());
    staged_raw.push_back(raw);
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::ReadMembers(od::object& object, int32_t node) {
    const bool wanted = node != kNoNode && !nodes[node].members.empty();
    size_t ordinal = 0;
    for (auto member : object) {
        od::field field;
        SIMDJSON_TRY(std::move(member).get(field));
        const char* raw_key = reinterpret_cast<const char*>(field.key().raw());
        int32_t child = kNoNode;
        if (wanted) {
            child = CachedMember(node, ordinal, raw_key);
            if (child == kUnknownNode) {
                std::string_view key;
                SIMDJSON_TRY(ReadKey(field, &key));
                child = FindMember(node, ordinal, key);
            }
            ++ordinal;
        } else if (HasEscape(raw_key)) {
            std::string_view key;
            SIMDJSON_TRY(ReadKey(field, &key));  // only to check the escapes
        }
        if (child != kNoNode) {
            if (nodes[child].filled_in_row == row_serial) {
                child = kNoNode;  // a repeated key: the first one won
            } else {
                nodes[child].filled_in_row = row_serial;
            }
        }
        SIMDJSON_TRY(ReadValue(field.value(), child));
    }
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::ReadElements(od::array& array, int32_t node) {
    int64_t index = 0;
    for (auto element : array) {
        od::value item;
        SIMDJSON_TRY(std::move(element).get(item));
        const int32_t child = node == kNoNode ? kNoNode : FindElement(node, index);
        ++index;
        SIMDJSON_TRY(ReadValue(item, child));
    }
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::ReadValue(od::value& value, int32_t node) {
    const std::string_view raw = value.raw_json_token();  // runs up to the next token
    const std::string_view token = TrimRight(raw);
    od::json_type type;
    if (value.type().get(type)) return InvalidToken(token);
    if (type == od::json_type::object || type == od::json_type::array) {
        SIMDJSON_TRY(Enter(token.data()));
        if (type == od::json_type::object) {
            od::object object;
            SIMDJSON_TRY(value.get_object().get(object));
            SIMDJSON_TRY(ReadMembers(object, node));
        } else {
            od::array array;
            SIMDJSON_TRY(value.get_array().get(array));
            SIMDJSON_TRY(ReadElements(array, node));
        }
        --depth;
        if (node != kNoNode && !nodes[node].fields.empty()) {
            Fill(node, std::string_view(token.data(), EndOfContainer(token.data()) - token.data()));
        }
        return simdjson::SUCCESS;
    }
    // A scalar is left unconsumed, as its token is all the walk needs, and its parent skips it.
    // That skip is lenient (after a string it would take `"b": 2]` for a member), so the walk
    // checks what follows itself: ',' or a closing bracket, which the parent checks strictly.
    const char* next = raw.data() + raw.size();
    if (next >= doc_end) return Fail(next, "the document ends after a value (truncated?)");
    if (*next != ',' && *next != '}' && *next != ']') {
        return Fail(next, fmt::format("unexpected {} after a value, where ',' or a closing "
                                      "bracket was expected",
                                      DescribeByte(static_cast<uint8_t>(*next))));
    }
    switch (type) {
        case od::json_type::string: {
            // Without a backslash the text is the token's inside (stage 1 checked UTF-8 and
            // control characters); only escapes need simdjson's copy.
            std::string_view text = token.size() >= 2 ? token.substr(1, token.size() - 2) : "";
            if ((token.size() < 2 || token.back() != '"' ||
                 text.find('\\') != std::string_view::npos) &&
                value.get_string().get(text)) {
                return BadString(token);
            }
            Fill(node, text);
            return simdjson::SUCCESS;
        }
        case od::json_type::number:
            if (!IsJsonNumber(token)) break;
            Fill(node, token);
            return simdjson::SUCCESS;
        case od::json_type::boolean:
            if (token != "true" && token != "false") break;
            Fill(node, token == "true" ? "1" : "0");
            return simdjson::SUCCESS;
        case od::json_type::null:
            if (token != "null") break;
            return simdjson::SUCCESS;  // the fields stay NULL
        default:
            break;
    }
    return InvalidToken(token);
}

// -------------------------------------------------------------------------------------------

JsonReader::JsonReader(JsonOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
JsonReader::~JsonReader() = default;

Status JsonReader::Parse(std::string_view input, SourceBatch* batch) {
    return impl_->Parse(input, batch);
}

}  // namespace tributary
