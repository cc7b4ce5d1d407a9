#include "load/avro/avro_reader.h"

#include <avro.h>
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "load/avro/avro_schema.h"
#include "load/avro/avro_value_text.h"
#include "load/json/json_path.h"
#include "types/value.h"

namespace tributary {

using avro_internal::AvroKind;
using avro_internal::AvroLogical;
using avro_internal::AvroNode;
using avro_internal::AvroSchemaTree;
using json_internal::PathStep;

namespace {

constexpr size_t kHeaderBytes = 5;           // magic byte + schema id
constexpr size_t kRawPreviewBytes = 32;      // of a rejected message, in hex
constexpr size_t kRawChunkBytes = 64 << 10;  // raw texts are kept in chunks of this size
constexpr size_t kMaxCachedSchemas = 1024;   // beyond, unusable ids are not remembered

// Raw texts of rows, in chunks that never move, so views into them stay valid until Clear.
class TextChunks {
public:
    std::string_view Add(std::string_view text) {
        if (chunks_.empty() || used_ + text.size() > chunk_size_) {
            chunk_size_ = std::max(kRawChunkBytes, text.size());
            chunks_.push_back(std::make_unique<char[]>(chunk_size_));
            used_ = 0;
        }
        char* at = chunks_.back().get() + used_;
        std::copy(text.begin(), text.end(), at);
        used_ += text.size();
        return {at, text.size()};
    }
    void Clear() {
        chunks_.clear();
        used_ = 0;
    }

private:
    std::vector<std::unique_ptr<char[]>> chunks_;
    size_t chunk_size_ = 0;
    size_t used_ = 0;
};

// A step of a field path resolved against one schema: the node it was last taken from and the
// child index found there (a union on the way can lead to different nodes).
struct StepMemo {
    const AvroNode* node = nullptr;
    int index = -1;
};

std::string AvroError() {
    const char* error = avro_strerror();
    return error != nullptr && *error != '\0' ? error : "unknown avro-c error";
}

}  // namespace

Status AvroOptions::Validate() const {
    std::vector<PathStep> steps;
    for (const std::string& path : field_paths) {
        RETURN_IF_ERROR(json_internal::ParsePath("jsonpath", path, &steps));
    }
    return Status::OK();
}

// One writer schema, ready to decode: its tree, avro-c's schema, class and the reused value.
struct DecodedSchema {
    int32_t id = 0;
    std::string error;  // non-empty: the schema cannot be used; messages with it are rejected
    std::unique_ptr<AvroSchemaTree> tree;
    avro_schema_t schema = nullptr;
    avro_value_iface_t* iface = nullptr;
    avro_value_t value{};
    bool has_value = false;
    std::vector<std::vector<StepMemo>> memo;  // per field, per step

    DecodedSchema() = default;
    DecodedSchema(const DecodedSchema&) = delete;
    DecodedSchema& operator=(const DecodedSchema&) = delete;
    ~DecodedSchema() {
        if (has_value) avro_value_decref(&value);
        if (iface != nullptr) avro_value_iface_decref(iface);
        if (schema != nullptr) avro_schema_decref(schema);
    }
};

struct AvroReader::Impl {
    AvroOptions options;
    AvroSchemaSource* schemas;
    Status options_status;
    std::vector<std::vector<PathStep>> paths;
    std::map<int32_t, std::unique_ptr<DecodedSchema>> decoded;
    avro_reader_t reader = nullptr;
    TextChunks raw;
    std::vector<std::string> texts;   // per field, reused
    std::vector<SourceField> fields;  // per field, reused
    std::string scratch;

    Impl(AvroOptions opts, AvroSchemaSource* source)
        : options(std::move(opts)), schemas(source) {
        if (options.time_zone == nullptr) options.time_zone = TimeZone::Fixed("UTC", 0);
        options_status = options.Validate();
        paths.resize(options.field_paths.size());
        for (size_t i = 0; i < paths.size() && options_status.ok(); ++i) {
            options_status = json_internal::ParsePath("jsonpath", options.field_paths[i], &paths[i]);
        }
        texts.resize(paths.size());
        fields.resize(paths.size());
        reader = avro_reader_memory(nullptr, 0);
    }

    ~Impl() {
        decoded.clear();
        if (reader != nullptr) avro_reader_free(reader);
    }

    // The decoder of schema `id`, fetched and built on first use. Fails only when the source
    // could not be asked; a schema that cannot be used comes back with its error set.
    StatusOr<DecodedSchema*> Schema(int32_t id) {
        if (auto it = decoded.find(id); it != decoded.end()) return it->second.get();
        auto text = schemas->SchemaText(id);
        if (!text.ok() && !text.status().IsNotFound()) return text.status();
        auto entry = std::make_unique<DecodedSchema>();
        entry->id = id;
        if (!text.ok()) {
            entry->error = fmt::format("schema id {} is not in the Schema Registry: {}", id,
                                       text.status().message());
        } else {
            Build(*text, entry.get());
        }
        DecodedSchema* result = entry.get();
        if (!result->error.empty() && decoded.size() >= kMaxCachedSchemas) {
            // Garbage with random ids must not grow the cache without bound: such an entry
            // is kept for this message only.
            unusable_ = std::move(entry);
            return result;
        }
        decoded[id] = std::move(entry);
        return result;
    }

    void Build(const std::string& text, DecodedSchema* d) {
        auto tree = AvroSchemaTree::Parse(text);
        if (!tree.ok()) {
            d->error = fmt::format("schema id {}: {}", d->id, tree.status().message());
            return;
        }
        d->tree = std::move(tree).value();
        if (avro_schema_from_json_length(text.data(), text.size(), &d->schema) != 0) {
            d->schema = nullptr;
            d->error = fmt::format("schema id {}: avro-c refuses it: {}", d->id, AvroError());
            return;
        }
        d->iface = avro_generic_class_from_schema(d->schema);
        if (d->iface == nullptr || avro_generic_value_new(d->iface, &d->value) != 0) {
            d->error = fmt::format("schema id {}: avro-c cannot build a value: {}", d->id,
                                   AvroError());
            return;
        }
        d->has_value = true;
        d->memo.resize(paths.size());
        for (size_t f = 0; f < paths.size(); ++f) d->memo[f].resize(paths[f].size());
    }

    std::string_view Raw(std::string_view origin, std::string_view message, int32_t id,
                         bool with_bytes) {
        scratch.assign(origin);
        if (id >= 0) fmt::format_to(std::back_inserter(scratch), ", schema id {}", id);
        if (with_bytes) {
            fmt::format_to(std::back_inserter(scratch), ", {} bytes:", message.size());
            for (size_t i = 0; i < std::min(message.size(), kRawPreviewBytes); ++i) {
                fmt::format_to(std::back_inserter(scratch), " {:02x}",
                               static_cast<uint8_t>(message[i]));
            }
            if (message.size() > kRawPreviewBytes) scratch += " ...";
        }
        return raw.Add(scratch);
    }

    Status Read(std::string_view message, std::string_view origin, SourceBatch* batch) {
        RETURN_IF_ERROR(options_status);
        if (batch->num_fields() != paths.size()) {
            return Status::InvalidArgument(fmt::format(
                "the batch has {} fields but the reader {} paths", batch->num_fields(),
                paths.size()));
        }
        batch->AddInputBytes(message.size());
        auto reject = [&](int32_t id, std::string reason) {
            batch->Reject(Raw(origin, message, id, true), std::move(reason));
            return Status::OK();
        };
        if (message.size() < kHeaderBytes) {
            return reject(-1, fmt::format("not in the Confluent Avro wire format: {} bytes, "
                                          "shorter than the 5-byte header",
                                          message.size()));
        }
        if (message[0] != 0) {
            const auto magic = static_cast<uint8_t>(message[0]);
            return reject(-1, fmt::format("not in the Confluent Avro wire format: magic byte "
                                          "0x{:02x}{}, expected 0x00",
                                          magic, magic == '{' ? " (a JSON message?)" : ""));
        }
        int32_t id = 0;
        for (size_t i = 1; i < kHeaderBytes; ++i) {
            id = static_cast<int32_t>((static_cast<uint32_t>(id) << 8) |
                                      static_cast<uint8_t>(message[i]));
        }
        ASSIGN_OR_RETURN(DecodedSchema * d, Schema(id));
        if (!d->error.empty()) return reject(id, d->error);
        const std::string_view body = message.substr(kHeaderBytes);
        if (std::string problem = avro_internal::ValidateAvroBinary(d->tree->root(), body,
                                                                    kHeaderBytes);
            !problem.empty()) {
            return reject(id, fmt::format("schema id {}: {}", id, problem));
        }
        avro_reader_memory_set_source(reader, body.data(), static_cast<int64_t>(body.size()));
        if (avro_value_read(reader, &d->value) != 0) {
            return reject(id, fmt::format("schema id {}: avro-c cannot decode it: {}", id,
                                          AvroError()));
        }
        for (size_t f = 0; f < paths.size(); ++f) {
            texts[f].clear();
            bool is_null = false;
            if (Status st = FieldText(*d, f, &texts[f], &is_null); !st.ok()) {
                return reject(id, fmt::format("schema id {}: field {}: {}", id,
                                              options.field_paths[f], st.message()));
            }
            fields[f] = SourceField{texts[f], is_null};
        }
        batch->AppendRow(fields, Raw(origin, message, id, false));
        return Status::OK();
    }

    // The text of field `f` of the decoded record.
    Status FieldText(DecodedSchema& d, size_t f, std::string* out, bool* is_null) {
        const AvroNode* node = &d.tree->root();
        avro_value_t value = d.value;
        const std::vector<PathStep>& steps = paths[f];
        for (size_t s = 0; s < steps.size(); ++s) {
            RETURN_IF_ERROR(Unwrap(&node, &value));
            if (!Step(steps[s], &d.memo[f][s], &node, &value)) {
                *is_null = true;
                return Status::OK();
            }
        }
        RETURN_IF_ERROR(Unwrap(&node, &value));
        if (node->kind == AvroKind::kNull) {
            *is_null = true;
            return Status::OK();
        }
        return Text(*node, &value, out);
    }

    // A union's active branch (repeatedly; unions do not nest, but a branch can be a union
    // reached through a named type only in malformed schemas avro-c refuses).
    static Status Unwrap(const AvroNode** node, avro_value_t* value) {
        while ((*node)->kind == AvroKind::kUnion) {
            int branch = -1;
            avro_value_t child;
            if (avro_value_get_discriminant(value, &branch) != 0 ||
                avro_value_get_current_branch(value, &child) != 0 || branch < 0 ||
                static_cast<size_t>(branch) >= (*node)->branches.size()) {
                return Status::Internal("union without a valid branch");
            }
            *node = (*node)->branches[branch];
            *value = child;
        }
        return Status::OK();
    }

    // Takes one path step from a record (field), map (key) or array (index). False when there
    // is nothing there: the field is NULL.
    static bool Step(const PathStep& step, StepMemo* memo, const AvroNode** node,
                     avro_value_t* value) {
        const AvroNode& n = **node;
        avro_value_t child;
        if (step.index >= 0) {
            size_t size = 0;
            if (n.kind != AvroKind::kArray || avro_value_get_size(value, &size) != 0 ||
                static_cast<size_t>(step.index) >= size ||
                avro_value_get_by_index(value, static_cast<size_t>(step.index), &child,
                                        nullptr) != 0) {
                return false;
            }
            *node = n.items;
        } else if (n.kind == AvroKind::kRecord) {
            if (memo->node != &n) *memo = StepMemo{&n, n.FieldIndex(step.key)};
            if (memo->index < 0 ||
                avro_value_get_by_index(value, static_cast<size_t>(memo->index), &child,
                                        nullptr) != 0) {
                return false;
            }
            *node = n.fields[memo->index].type;
        } else if (n.kind == AvroKind::kMap) {
            child.iface = nullptr;
            if (avro_value_get_by_name(value, step.key.c_str(), &child, nullptr) != 0 ||
                child.iface == nullptr) {
                return false;
            }
            *node = n.items;
        } else {
            return false;
        }
        *value = child;
        return true;
    }

    // The field text of a value that is not null (see the header).
    Status Text(const AvroNode& node, avro_value_t* value, std::string* out) {
        switch (node.kind) {
            case AvroKind::kBoolean: {
                int b = 0;
                avro_value_get_boolean(value, &b);
                *out += b != 0 ? "1" : "0";
                return Status::OK();
            }
            case AvroKind::kString: {
                const char* s = nullptr;
                size_t size = 0;
                avro_value_get_string(value, &s, &size);
                if (s != nullptr && size > 0) out->append(s, size - 1);  // size counts the NUL
                return Status::OK();
            }
            case AvroKind::kBytes:
            case AvroKind::kFixed: {
                const std::string_view bytes = Bytes(node, value);
                if (node.logical == AvroLogical::kDecimal) {
                    return avro_internal::AppendAvroDecimal(bytes, node.scale, out);
                }
                out->append(bytes);
                return Status::OK();
            }
            case AvroKind::kEnum: {
                int symbol = -1;
                avro_value_get_enum(value, &symbol);
                if (symbol < 0 || static_cast<size_t>(symbol) >= node.symbols.size()) {
                    return Status::Internal("enum value without a symbol");
                }
                *out += node.symbols[symbol];
                return Status::OK();
            }
            case AvroKind::kRecord:
            case AvroKind::kMap:
            case AvroKind::kArray:
                return Json(node, value, out);
            default:
                return Number(node, value, out);
        }
    }

    static std::string_view Bytes(const AvroNode& node, avro_value_t* value) {
        const void* data = nullptr;
        size_t size = 0;
        if (node.kind == AvroKind::kBytes) {
            avro_value_get_bytes(value, &data, &size);
        } else {
            avro_value_get_fixed(value, &data, &size);
        }
        return data == nullptr ? std::string_view() : std::string_view(static_cast<const char*>(data), size);
    }

    // int, long, float, double and their logical types.
    Status Number(const AvroNode& node, avro_value_t* value, std::string* out) {
        switch (node.kind) {
            case AvroKind::kInt: {
                int32_t v = 0;
                avro_value_get_int(value, &v);
                if (node.logical == AvroLogical::kDate) return avro_internal::AppendAvroDate(v, out);
                if (node.logical == AvroLogical::kTimeMillis) {
                    return avro_internal::AppendAvroTimeOfDay(int64_t{v} * 1000, out);
                }
                fmt::format_to(std::back_inserter(*out), "{}", v);
                return Status::OK();
            }
            case AvroKind::kLong: {
                int64_t v = 0;
                avro_value_get_long(value, &v);
                switch (node.logical) {
                    case AvroLogical::kTimeMicros:
                        return avro_internal::AppendAvroTimeOfDay(v, out);
                    case AvroLogical::kTimestampMillis:
                    case AvroLogical::kTimestampMicros:
                    case AvroLogical::kLocalTimestampMillis:
                    case AvroLogical::kLocalTimestampMicros:
                        return avro_internal::AppendAvroTimestamp(v, node.logical,
                                                                  *options.time_zone, out);
                    default:
                        fmt::format_to(std::back_inserter(*out), "{}", v);
                        return Status::OK();
                }
            }
            case AvroKind::kFloat: {
                float v = 0;
                avro_value_get_float(value, &v);
                *out += FormatFloat(v);
                return Status::OK();
            }
            case AvroKind::kDouble: {
                double v = 0;
                avro_value_get_double(value, &v);
                *out += FormatDouble(v);
                return Status::OK();
            }
            default:
                return Status::Internal("not a number");
        }
    }

    // The JSON text of any value: records and maps as objects, arrays as arrays, unions as their
    // branch, enums, strings, bytes and dates as strings, decimals as numbers, non-finite floats
    // as null.
    Status Json(const AvroNode& start, avro_value_t* start_value, std::string* out) {
        const AvroNode* node = &start;
        avro_value_t value = *start_value;
        RETURN_IF_ERROR(Unwrap(&node, &value));
        switch (node->kind) {
            case AvroKind::kNull:
                *out += "null";
                return Status::OK();
            case AvroKind::kBoolean: {
                int b = 0;
                avro_value_get_boolean(&value, &b);
                *out += b != 0 ? "true" : "false";
                return Status::OK();
            }
            case AvroKind::kFloat:
            case AvroKind::kDouble: {
                double v = 0;
                if (node->kind == AvroKind::kFloat) {
                    float f = 0;
                    avro_value_get_float(&value, &f);
                    v = f;
                } else {
                    avro_value_get_double(&value, &v);
                }
                if (!std::isfinite(v)) {
                    *out += "null";
                    return Status::OK();
                }
                return Number(*node, &value, out);
            }
            case AvroKind::kInt:
            case AvroKind::kLong:
                if (node->logical == AvroLogical::kNone) return Number(*node, &value, out);
                scratch_json_.clear();
                RETURN_IF_ERROR(Number(*node, &value, &scratch_json_));
                avro_internal::AppendJsonString(scratch_json_, false, out);
                return Status::OK();
            case AvroKind::kString:
            case AvroKind::kEnum:
                scratch_json_.clear();
                RETURN_IF_ERROR(Text(*node, &value, &scratch_json_));
                avro_internal::AppendJsonString(scratch_json_, false, out);
                return Status::OK();
            case AvroKind::kBytes:
            case AvroKind::kFixed:
                if (node->logical == AvroLogical::kDecimal) return Text(*node, &value, out);
                avro_internal::AppendJsonString(Bytes(*node, &value), true, out);
                return Status::OK();
            case AvroKind::kRecord: {
                out->push_back('{');
                for (size_t i = 0; i < node->fields.size(); ++i) {
                    avro_value_t child;
                    if (avro_value_get_by_index(&value, i, &child, nullptr) != 0) {
                        return Status::Internal("record field missing");
                    }
                    if (i > 0) out->push_back(',');
                    avro_internal::AppendJsonString(node->fields[i].name, false, out);
                    out->push_back(':');
                    RETURN_IF_ERROR(Json(*node->fields[i].type, &child, out));
                }
                out->push_back('}');
                return Status::OK();
            }
            case AvroKind::kMap:
            case AvroKind::kArray: {
                const bool map = node->kind == AvroKind::kMap;
                size_t size = 0;
                avro_value_get_size(&value, &size);
                out->push_back(map ? '{' : '[');
                for (size_t i = 0; i < size; ++i) {
                    avro_value_t child;
                    const char* key = nullptr;
                    if (avro_value_get_by_index(&value, i, &child, map ? &key : nullptr) != 0) {
                        return Status::Internal("collection element missing");
                    }
                    if (i > 0) out->push_back(',');
                    if (map) {
                        avro_internal::AppendJsonString(key == nullptr ? "" : key, false, out);
                        out->push_back(':');
                    }
                    RETURN_IF_ERROR(Json(*node->items, &child, out));
                }
                out->push_back(map ? '}' : ']');
                return Status::OK();
            }
            case AvroKind::kUnion:
                break;
        }
        return Status::Internal("unexpected node");
    }

    std::string scratch_json_;
    std::unique_ptr<DecodedSchema> unusable_;  // an uncached unusable schema (see Schema)
};

AvroReader::AvroReader(AvroOptions options, AvroSchemaSource* schemas)
    : impl_(std::make_unique<Impl>(std::move(options), schemas)) {}

AvroReader::~AvroReader() = default;

Status AvroReader::Read(std::string_view message, std::string_view origin, SourceBatch* batch) {
    return impl_->Read(message, origin, batch);
}

void AvroReader::ReleaseRaw() { impl_->raw.Clear(); }

}  // namespace tributary
