#include "load/avro/avro_schema.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_set>

namespace tributary::avro_internal {
namespace {

using Json = nlohmann::json;

const std::unordered_map<std::string_view, AvroKind> kPrimitives = {
    {"null", AvroKind::kNull},     {"boolean", AvroKind::kBoolean}, {"int", AvroKind::kInt},
    {"long", AvroKind::kLong},     {"float", AvroKind::kFloat},     {"double", AvroKind::kDouble},
    {"bytes", AvroKind::kBytes},   {"string", AvroKind::kString},
};

// The least number of bytes an encoding of `node` takes.
int64_t MinBytes(const AvroNode& node, std::unordered_map<const AvroNode*, int64_t>* memo) {
    if (auto it = memo->find(&node); it != memo->end()) return it->second;
    int64_t bytes = 0;
    switch (node.kind) {
        case AvroKind::kNull:
            break;
        case AvroKind::kFloat:
            bytes = 4;
            break;
        case AvroKind::kDouble:
            bytes = 8;
            break;
        case AvroKind::kFixed:
            bytes = node.fixed_size;
            break;
        case AvroKind::kRecord:
            for (const AvroField& f : node.fields) bytes += MinBytes(*f.type, memo);
            break;
        default:  // a varint, a length or a count: at least one byte
            bytes = 1;
    }
    (*memo)[&node] = bytes;
    return bytes;
}

}  // namespace

int AvroNode::FieldIndex(std::string_view field) const {
    auto it = field_index.find(std::string(field));
    return it == field_index.end() ? -1 : it->second;
}

std::string DescribeNode(const AvroNode& node) {
    switch (node.kind) {
        case AvroKind::kNull: return "null";
        case AvroKind::kBoolean: return "boolean";
        case AvroKind::kInt: return "int";
        case AvroKind::kLong: return "long";
        case AvroKind::kFloat: return "float";
        case AvroKind::kDouble: return "double";
        case AvroKind::kBytes: return "bytes";
        case AvroKind::kString: return "string";
        case AvroKind::kRecord: return "record " + node.name;
        case AvroKind::kEnum: return "enum " + node.name;
        case AvroKind::kArray: return "array";
        case AvroKind::kMap: return "map";
        case AvroKind::kUnion: return "union";
        case AvroKind::kFixed: return "fixed " + node.name;
    }
    return "?";
}

// Builds an AvroSchemaTree from the schema's JSON (see the header for the rules).
class SchemaParser {
public:
    explicit SchemaParser(AvroSchemaTree* tree) : tree_(tree) {}

    StatusOr<const AvroNode*> Type(const Json& j, const std::string& ns, int depth) {
        if (depth > kMaxAvroDepth) {
            return Status::InvalidArgument(
                fmt::format("the schema is nested more than {} levels deep", kMaxAvroDepth));
        }
        if (j.is_string()) return Named(j.get<std::string>(), ns);
        if (j.is_array()) return Union(j, ns, depth);
        if (!j.is_object()) {
            return Status::InvalidArgument(fmt::format("a type must be a name, an object or a "
                                                       "union array, not {}", j.dump()));
        }
        auto type = j.find("type");
        if (type == j.end()) return Status::InvalidArgument("a type object has no \"type\"");
        if (!type->is_string()) return Type(*type, ns, depth + 1);
        const std::string kind = type->get<std::string>();
        if (auto prim = kPrimitives.find(kind); prim != kPrimitives.end()) {
            AvroNode* node = NewNode(prim->second);
            Annotate(j, node);
            return node;
        }
        if (kind == "record" || kind == "error") return Record(j, ns, depth);
        if (kind == "enum") return Enum(j, ns);
        if (kind == "array" || kind == "map") {
            const char* member = kind == "array" ? "items" : "values";
            auto items = j.find(member);
            if (items == j.end()) {
                return Status::InvalidArgument(fmt::format("{} has no \"{}\"", kind, member));
            }
            ASSIGN_OR_RETURN(const AvroNode* item, Type(*items, ns, depth + 1));
            AvroNode* node = NewNode(kind == "array" ? AvroKind::kArray : AvroKind::kMap);
            node->items = item;
            return node;
        }
        if (kind == "fixed") return Fixed(j, ns);
        return Named(kind, ns);
    }

    Status CheckArrays() {
        std::unordered_map<const AvroNode*, int64_t> memo;
        for (const AvroNode& node : tree_->nodes_) {
            if (node.kind == AvroKind::kArray && MinBytes(*node.items, &memo) == 0) {
                return Status::NotSupported(fmt::format(
                    "arrays of {} items are not supported: an item encodes to no bytes, so a "
                    "message could claim any number of them",
                    DescribeNode(*node.items)));
            }
        }
        return Status::OK();
    }

private:
    AvroNode* NewNode(AvroKind kind) {
        AvroNode& node = tree_->nodes_.emplace_back();
        node.kind = kind;
        return &node;
    }

    // A reference to a primitive or an already defined named type.
    StatusOr<const AvroNode*> Named(const std::string& name, const std::string& ns) {
        if (auto prim = kPrimitives.find(name); prim != kPrimitives.end()) {
            return NewNode(prim->second);
        }
        auto it = named_.end();
        if (name.find('.') == std::string::npos && !ns.empty()) it = named_.find(ns + "." + name);
        if (it == named_.end()) it = named_.find(name);
        if (it == named_.end()) return Status::InvalidArgument(fmt::format("unknown type '{}'", name));
        if (open_.contains(it->second)) {
            return Status::NotSupported(fmt::format(
                "recursive schemas are not supported ({} is used inside itself)", it->first));
        }
        return it->second;
    }

    // The full name of a named type and the namespace its members inherit.
    StatusOr<std::string> FullName(const Json& j, const std::string& ns, std::string* inner_ns) {
        auto name = j.find("name");
        if (name == j.end() || !name->is_string() || name->get<std::string>().empty()) {
            return Status::InvalidArgument(
                fmt::format("a {} has no name", j.value("type", std::string("type"))));
        }
        std::string full = name->get<std::string>();
        if (full.find('.') == std::string::npos) {
            std::string space = ns;
            if (auto it = j.find("namespace"); it != j.end() && it->is_string()) {
                space = it->get<std::string>();
            }
            if (!space.empty()) full = space + "." + full;
        }
        const size_t dot = full.rfind('.');
        *inner_ns = dot == std::string::npos ? std::string() : full.substr(0, dot);
        if (named_.contains(full)) {
            return Status::InvalidArgument(fmt::format("type {} is defined twice", full));
        }
        return full;
    }

    StatusOr<const AvroNode*> Record(const Json& j, const std::string& ns, int depth) {
        std::string inner_ns;
        ASSIGN_OR_RETURN(std::string full, FullName(j, ns, &inner_ns));
        auto fields = j.find("fields");
        if (fields == j.end() || !fields->is_array()) {
            return Status::InvalidArgument(fmt::format("record {} has no fields array", full));
        }
        AvroNode* node = NewNode(AvroKind::kRecord);
        node->name = full;
        named_[full] = node;
        open_.insert(node);
        for (size_t i = 0; i < fields->size(); ++i) {
            const Json& f = (*fields)[i];
            auto name = f.is_object() ? f.find("name") : f.end();
            if (!f.is_object() || name == f.end() || !name->is_string()) {
                return Status::InvalidArgument(
                    fmt::format("record {}: field {} has no name", full, i));
            }
            auto type = f.find("type");
            if (type == f.end()) {
                return Status::InvalidArgument(fmt::format("record {}: field {} has no type",
                                                           full, name->get<std::string>()));
            }
            ASSIGN_OR_RETURN(const AvroNode* field_type, Type(*type, inner_ns, depth + 1));
            node->field_index.emplace(name->get<std::string>(), static_cast<int>(i));
            node->fields.push_back(AvroField{name->get<std::string>(), field_type});
        }
        open_.erase(node);
        return node;
    }

    StatusOr<const AvroNode*> Enum(const Json& j, const std::string& ns) {
        std::string inner_ns;
        ASSIGN_OR_RETURN(std::string full, FullName(j, ns, &inner_ns));
        auto symbols = j.find("symbols");
        if (symbols == j.end() || !symbols->is_array()) {
            return Status::InvalidArgument(fmt::format("enum {} has no symbols array", full));
        }
        AvroNode* node = NewNode(AvroKind::kEnum);
        node->name = full;
        for (const Json& s : *symbols) {
            if (!s.is_string()) {
                return Status::InvalidArgument(fmt::format("enum {}: a symbol is not a string",
                                                           full));
            }
            node->symbols.push_back(s.get<std::string>());
        }
        named_[full] = node;
        return node;
    }

    StatusOr<const AvroNode*> Fixed(const Json& j, const std::string& ns) {
        std::string inner_ns;
        ASSIGN_OR_RETURN(std::string full, FullName(j, ns, &inner_ns));
        auto size = j.find("size");
        if (size == j.end() || !size->is_number_integer() || size->get<int64_t>() < 0) {
            return Status::InvalidArgument(fmt::format("fixed {} has no valid size", full));
        }
        AvroNode* node = NewNode(AvroKind::kFixed);
        node->name = full;
        node->fixed_size = size->get<int64_t>();
        Annotate(j, node);
        named_[full] = node;
        return node;
    }

    StatusOr<const AvroNode*> Union(const Json& j, const std::string& ns, int depth) {
        if (j.empty()) return Status::InvalidArgument("a union has no branches");
        std::vector<const AvroNode*> branches;
        for (const Json& b : j) {
            ASSIGN_OR_RETURN(const AvroNode* branch, Type(b, ns, depth + 1));
            if (branch->kind == AvroKind::kUnion) {
                return Status::InvalidArgument("a union may not contain a union");
            }
            branches.push_back(branch);
        }
        AvroNode* node = NewNode(AvroKind::kUnion);
        node->branches = std::move(branches);
        return node;
    }

    // The logical type of a primitive or fixed; one that does not fit its type is ignored.
    static void Annotate(const Json& j, AvroNode* node) {
        auto it = j.find("logicalType");
        if (it == j.end() || !it->is_string()) return;
        const std::string logical = it->get<std::string>();
        const AvroKind k = node->kind;
        if (logical == "date" && k == AvroKind::kInt) {
            node->logical = AvroLogical::kDate;
        } else if (logical == "time-millis" && k == AvroKind::kInt) {
            node->logical = AvroLogical::kTimeMillis;
        } else if (logical == "time-micros" && k == AvroKind::kLong) {
            node->logical = AvroLogical::kTimeMicros;
        } else if (logical == "timestamp-millis" && k == AvroKind::kLong) {
            node->logical = AvroLogical::kTimestampMillis;
        } else if (logical == "timestamp-micros" && k == AvroKind::kLong) {
            node->logical = AvroLogical::kTimestampMicros;
        } else if (logical == "local-timestamp-millis" && k == AvroKind::kLong) {
            node->logical = AvroLogical::kLocalTimestampMillis;
        } else if (logical == "local-timestamp-micros" && k == AvroKind::kLong) {
            node->logical = AvroLogical::kLocalTimestampMicros;
        } else if (logical == "decimal" && (k == AvroKind::kBytes || k == AvroKind::kFixed)) {
            const Json precision = j.value("precision", Json());
            const Json scale = j.value("scale", Json(0));
            if (!precision.is_number_integer() || !scale.is_number_integer()) return;
            const int64_t p = precision.get<int64_t>();
            const int64_t s = scale.get<int64_t>();
            if (p <= 0 || s < 0 || s > p) return;
            node->logical = AvroLogical::kDecimal;
            node->precision = static_cast<int>(std::min<int64_t>(p, 1000));
            node->scale = static_cast<int>(s);
        }
    }

    AvroSchemaTree* tree_;
    std::unordered_map<std::string, const AvroNode*> named_;  // full name -> definition
    std::unordered_set<const AvroNode*> open_;                // records being defined
};

StatusOr<std::unique_ptr<AvroSchemaTree>> AvroSchemaTree::Parse(std::string_view json) {
    const Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Status::InvalidArgument("the schema is not valid JSON");
    std::unique_ptr<AvroSchemaTree> tree(new AvroSchemaTree());
    SchemaParser parser(tree.get());
    ASSIGN_OR_RETURN(tree->root_, parser.Type(j, "", 0));
    RETURN_IF_ERROR(parser.CheckArrays());
    return tree;
}

namespace {

// Walks a body against a schema; see ValidateAvroBinary.
class BinaryChecker {
public:
    BinaryChecker(std::string_view body, size_t header_bytes)
        : body_(body), header_(header_bytes) {}

    bool Check(const AvroNode& node) {
        switch (node.kind) {
            case AvroKind::kNull:
                return true;
            case AvroKind::kBoolean: {
                const size_t at = pos_;
                if (!Take(1, "boolean")) return false;
                const auto b = static_cast<uint8_t>(body_[at]);
                if (b > 1) return Fail(at, fmt::format("boolean byte 0x{:02x} is not 0 or 1", b));
                return true;
            }
            case AvroKind::kInt: {
                const size_t at = pos_;
                int64_t v = 0;
                if (!Varint(&v, "int")) return false;
                if (v < INT32_MIN || v > INT32_MAX) {
                    return Fail(at, fmt::format("int value {} does not fit 32 bits", v));
                }
                return true;
            }
            case AvroKind::kLong: {
                int64_t v = 0;
                return Varint(&v, "long");
            }
            case AvroKind::kFloat:
                return Take(4, "float");
            case AvroKind::kDouble:
                return Take(8, "double");
            case AvroKind::kBytes:
            case AvroKind::kString:
                return Sized(node.kind == AvroKind::kBytes ? "bytes" : "string");
            case AvroKind::kFixed:
                return Take(static_cast<size_t>(node.fixed_size), "fixed");
            case AvroKind::kEnum: {
                const size_t at = pos_;
                int64_t v = 0;
                if (!Varint(&v, "enum")) return false;
                if (v < 0 || v >= static_cast<int64_t>(node.symbols.size())) {
                    return Fail(at, fmt::format("enum index {} is not one of the {} symbols of {}",
                                                v, node.symbols.size(), node.name));
                }
                return true;
            }
            case AvroKind::kUnion: {
                const size_t at = pos_;
                int64_t v = 0;
                if (!Varint(&v, "union branch")) return false;
                if (v < 0 || v >= static_cast<int64_t>(node.branches.size())) {
                    return Fail(at, fmt::format("union branch {} does not exist (the union has {})",
                                                v, node.branches.size()));
                }
                return Check(*node.branches[v]);
            }
            case AvroKind::kRecord:
                for (const AvroField& field : node.fields) {
                    path_.push_back(&field.name);
                    if (!Check(*field.type)) return false;
                    path_.pop_back();
                }
                return true;
            case AvroKind::kArray:
            case AvroKind::kMap:
                return Blocks(node);
        }
        return Fail(pos_, "unknown schema node");
    }

    bool AtEnd() {
        if (pos_ == body_.size()) return true;
        return Fail(pos_, fmt::format("{} bytes are left over after the record",
                                      body_.size() - pos_));
    }

    const std::string& error() const { return error_; }

private:
    size_t Left() const { return body_.size() - pos_; }

    bool Fail(size_t at, std::string problem) {
        std::string where;
        for (const std::string* name : path_) where += (where.empty() ? "" : ".") + *name;
        error_ = where.empty()
                     ? fmt::format("at byte {}: {}", header_ + at, problem)
                     : fmt::format("field {} at byte {}: {}", where, header_ + at, problem);
        return false;
    }

    bool Take(size_t n, std::string_view what) {
        if (n > Left()) {
            return Fail(pos_, fmt::format("{} needs {} bytes, {} are left", what, n, Left()));
        }
        pos_ += n;
        return true;
    }

    // A zigzag varint of at most 10 bytes.
    bool Varint(int64_t* value, std::string_view what) {
        const size_t at = pos_;
        uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            if (pos_ == body_.size()) return Fail(at, fmt::format("{} is cut off", what));
            if (shift > 63) return Fail(at, fmt::format("{} varint is longer than 10 bytes", what));
            const auto b = static_cast<uint8_t>(body_[pos_++]);
            v |= static_cast<uint64_t>(b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
        }
        *value = static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
        return true;
    }

    // A length-prefixed string or bytes value.
    bool Sized(std::string_view what) {
        const size_t at = pos_;
        int64_t len = 0;
        if (!Varint(&len, what)) return false;
        if (len < 0) return Fail(at, fmt::format("{} length {} is negative", what, len));
        if (static_cast<uint64_t>(len) > Left()) {
            return Fail(at, fmt::format("{} length {} exceeds the {} bytes left", what, len,
                                        Left()));
        }
        pos_ += static_cast<size_t>(len);
        return true;
    }

    // Array or map blocks: a count (negative: followed by the block's byte size), its items,
    // until a zero count. Every item takes at least one byte (CheckArrays refused the others),
    // so a count beyond the bytes left is malformed.
    bool Blocks(const AvroNode& node) {
        const char* what = node.kind == AvroKind::kArray ? "array" : "map";
        while (true) {
            const size_t at = pos_;
            int64_t count = 0;
            if (!Varint(&count, fmt::format("{} block count", what))) return false;
            if (count == 0) return true;
            if (count < 0) {
                if (count == INT64_MIN) return Fail(at, fmt::format("{} block count overflows", what));
                count = -count;
                int64_t size = 0;
                if (!Varint(&size, fmt::format("{} block size", what))) return false;
            }
            if (static_cast<uint64_t>(count) > Left()) {
                return Fail(at, fmt::format("{} block of {} items exceeds the {} bytes left", what,
                                            count, Left()));
            }
            for (int64_t i = 0; i < count; ++i) {
                if (node.kind == AvroKind::kMap && !Sized("map key")) return false;
                if (!Check(*node.items)) return false;
            }
        }
    }

    std::string_view body_;
    size_t header_;
    size_t pos_ = 0;
    std::vector<const std::string*> path_;  // record fields being checked
    std::string error_;
};

}  // namespace

std::string ValidateAvroBinary(const AvroNode& root, std::string_view body, size_t header_bytes) {
    BinaryChecker checker(body, header_bytes);
    if (checker.Check(root) && checker.AtEnd()) return {};
    return checker.error();
}

}  // namespace tributary::avro_internal
