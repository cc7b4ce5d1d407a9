// Parsing writer schemas (avro_schema.h): names and namespaces, logical annotations, what is
// refused, and the well-formedness check of message bodies.
#include "load/avro/avro_schema.h"

#include <gtest/gtest.h>

#include "load/avro/avro_test_util.h"

namespace tributary::avro_internal {
namespace {

using avro_test::AvroBytes;

const AvroNode& Parsed(std::string_view json, std::unique_ptr<AvroSchemaTree>* keep) {
    auto tree = AvroSchemaTree::Parse(json);
    EXPECT_TRUE(tree.ok()) << tree.status().ToString();
    *keep = std::move(tree).value();
    return (*keep)->root();
}

TEST(AvroSchemaTest, NamedTypesAreFoundByNameAndFullNameAcrossNamespaces) {
    std::unique_ptr<AvroSchemaTree> keep;
    const AvroNode& root = Parsed(R"({"type": "record", "name": "outer", "namespace": "a.b",
        "fields": [
          {"name": "p", "type": {"type": "fixed", "name": "md5", "size": 16}},
          {"name": "q", "type": "md5"},
          {"name": "r", "type": "a.b.md5"},
          {"name": "s", "type": {"type": "record", "name": "x.inner", "fields": [
              {"name": "t", "type": {"type": "enum", "name": "color", "symbols": ["RED"]}},
              {"name": "u", "type": "a.b.md5"}, {"name": "v", "type": "color"}]}}]})", &keep);
    ASSERT_EQ(root.kind, AvroKind::kRecord);
    EXPECT_EQ(root.name, "a.b.outer");
    EXPECT_EQ(root.fields[1].type, root.fields[0].type);
    EXPECT_EQ(root.fields[2].type, root.fields[0].type);
    EXPECT_EQ(root.FieldIndex("s"), 3);
    EXPECT_EQ(root.FieldIndex("S"), -1);  // names are case-sensitive
    const AvroNode& inner = *root.fields[3].type;
    EXPECT_EQ(inner.name, "x.inner");
    EXPECT_EQ(inner.fields[0].type->name, "x.color");  // the namespace of x.inner
    EXPECT_EQ(inner.fields[1].type, root.fields[0].type);
    EXPECT_EQ(inner.fields[2].type, inner.fields[0].type);
}

TEST(AvroSchemaTest, LogicalTypesAreKeptOnlyWhereTheyFit) {
    std::unique_ptr<AvroSchemaTree> keep;
    const AvroNode& root = Parsed(R"({"type": "record", "name": "r", "fields": [
        {"name": "a", "type": {"type": "int", "logicalType": "date"}},
        {"name": "b", "type": {"type": "long", "logicalType": "date"}},
        {"name": "c", "type": {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}},
        {"name": "d", "type": {"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 3}},
        {"name": "e", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "f", "type": {"type": "string", "logicalType": "uuid"}}]})", &keep);
    EXPECT_EQ(root.fields[0].type->logical, AvroLogical::kDate);
    EXPECT_EQ(root.fields[1].type->logical, AvroLogical::kNone);
    EXPECT_EQ(root.fields[2].type->logical, AvroLogical::kDecimal);
    EXPECT_EQ(root.fields[2].type->scale, 2);
    EXPECT_EQ(root.fields[3].type->logical, AvroLogical::kNone);  // scale > precision
    EXPECT_EQ(root.fields[4].type->logical, AvroLogical::kTimestampMicros);
    EXPECT_EQ(root.fields[5].type->kind, AvroKind::kString);
}

TEST(AvroSchemaTest, BadSchemasSayWhatIsWrong) {
    auto error = [](std::string_view json) {
        auto tree = AvroSchemaTree::Parse(json);
        return tree.ok() ? std::string("ok") : std::string(tree.status().message());
    };
    EXPECT_EQ(error(R"("strin")"), "unknown type 'strin'");
    EXPECT_EQ(error(R"({"type": "record", "name": "r", "fields": [{"type": "int"}]})"),
              "record r: field 0 has no name");
    EXPECT_EQ(error(R"({"type": "record", "name": "r"})"), "record r has no fields array");
    EXPECT_EQ(error(R"(["int", ["null"]])"), "a union may not contain a union");
    EXPECT_EQ(error(R"({"type": "enum", "name": "e", "symbols": [1]})"),
              "enum e: a symbol is not a string");
    EXPECT_EQ(error(R"(["null", {"type": "fixed", "name": "f", "size": 1},
                      {"type": "fixed", "name": "f", "size": 2}])"),
              "type f is defined twice");
    std::string deep = R"("int")";
    for (int i = 0; i < kMaxAvroDepth + 1; ++i) deep = R"({"type": "array", "items": )" + deep + "}";
    EXPECT_EQ(error(deep), "the schema is nested more than 128 levels deep");
    EXPECT_EQ(error(R"({"type": "map", "values": {"type": "array", "items": {"type": "record",
                      "name": "empty", "fields": []}}})"),
              "arrays of record empty items are not supported: an item encodes to no bytes, so "
              "a message could claim any number of them");
}

TEST(AvroSchemaTest, ValidBodiesPassAndTheCheckCountsFromTheMessageStart) {
    std::unique_ptr<AvroSchemaTree> keep;
    const AvroNode& root = Parsed(R"({"type": "record", "name": "r", "fields": [
        {"name": "m", "type": {"type": "map", "values": "string"}},
        {"name": "u", "type": ["null", "double"]}]})", &keep);
    AvroBytes ok;
    ok.Long(-1).Long(4).Str("k").Str("v").Long(0).Long(1).Double(1);
    EXPECT_EQ(ValidateAvroBinary(root, ok.bytes(), 5), "");
    AvroBytes bad_branch;
    bad_branch.Long(0).Long(2);
    EXPECT_EQ(ValidateAvroBinary(root, bad_branch.bytes(), 5),
              "field u at byte 6: union branch 2 does not exist (the union has 2)");
    AvroBytes cut_key;
    cut_key.Long(1).Long(3).Raw("k");
    EXPECT_EQ(ValidateAvroBinary(root, cut_key.bytes(), 0),
              "field m at byte 1: map key length 3 exceeds the 1 bytes left");
    EXPECT_EQ(ValidateAvroBinary(root, "", 5), "field m at byte 5: map block count is cut off");
}

}  // namespace
}  // namespace tributary::avro_internal
