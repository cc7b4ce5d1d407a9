// Specification of GroupKeyTable: dense group ids per distinct key tuple in each of its three
// layouts (fixed, one string, serialized), NULL as a key value, -0.0 equal to 0.0, lookups
// without insertion, growth, and merging another table's keys.
#include "exec/group_key_table.h"

#include <gtest/gtest.h>

#include "exec/exec_test_util.h"

namespace tributary {
namespace {

using namespace exec_test;  // NOLINT(build/namespaces): test helpers

using Ids = std::vector<uint32_t>;
constexpr uint32_t kNotFound = GroupKeyTable::kNotFound;

class GroupKeyTableTest : public ::testing::Test {
protected:
    // The key columns of `chunk`, borrowed.
    static std::vector<EvalColumn> KeysOf(const Chunk& chunk) {
        std::vector<EvalColumn> keys;
        for (size_t c = 0; c < chunk.num_columns(); ++c) {
            keys.push_back(EvalColumn::Borrow(*chunk.column(c)));
        }
        return keys;
    }

    // FindOrInsert of every row of `rows` (laid out as the table's key schema).
    static Ids Insert(GroupKeyTable& table, const ChunkSchema& schema,
                      const std::vector<ValueRow>& rows) {
        return InsertChunk(table, MakeChunk(schema, rows));
    }
    static Ids InsertChunk(GroupKeyTable& table, const Chunk& chunk) {
        Ids ids(chunk.num_rows());
        table.FindOrInsert(KeysOf(chunk), chunk.num_rows(), ids.data());
        return ids;
    }

    // Find of every row of `rows`.
    static Ids Lookup(const GroupKeyTable& table, const ChunkSchema& schema,
                      const std::vector<ValueRow>& rows) {
        const Chunk chunk = MakeChunk(schema, rows);
        Ids ids(chunk.num_rows());
        table.Find(KeysOf(chunk), chunk.num_rows(), ids.data());
        return ids;
    }

    static Rows KeyRows(const GroupKeyTable& table) { return RowsOf(table.keys()); }

    // n distinct rows: BIGINT i (fixed), VARCHAR "key<i>" (string), or both (serialized).
    static std::vector<ValueRow> ManyKeys(const ChunkSchema& schema, int64_t n) {
        std::vector<ValueRow> rows;
        for (int64_t i = 0; i < n; ++i) {
            ValueRow row;
            for (const ColumnSchema& c : schema.columns) {
                row.push_back(c.type.IsString() ? Value::String("key" + std::to_string(i))
                                                : Value::BigInt(i * 7919));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    const ChunkSchema fixed_{{Field("a", BigInt(), false), Field("b", Int())}};
    const ChunkSchema string_{{Field("s", Varchar())}};
    const ChunkSchema serialized_{{Field("s", Varchar()), Field("n", BigInt())}};
};

TEST_F(GroupKeyTableTest, ChoosesFixedLayoutWhenKeysAndNullBytesFitIn16Bytes) {
    // 8 + 4 + 1 null byte.
    EXPECT_TRUE(GroupKeyTable(fixed_).uses_fixed_layout());
    // LARGEINT NOT NULL: exactly 16 bytes.
    EXPECT_TRUE(GroupKeyTable(ChunkSchema{{Field("l", LargeInt(), false)}}).uses_fixed_layout());
    // LARGEINT NULL: 17 bytes.
    EXPECT_FALSE(GroupKeyTable(ChunkSchema{{Field("l", LargeInt())}}).uses_fixed_layout());
    // Two nullable BIGINTs: 18 bytes.
    EXPECT_FALSE(GroupKeyTable(ChunkSchema{{Field("a", BigInt()), Field("b", BigInt())}})
                     .uses_fixed_layout());
}

TEST_F(GroupKeyTableTest, ChoosesStringLayoutOnlyForOneStringKey) {
    EXPECT_TRUE(GroupKeyTable(string_).uses_string_layout());
    EXPECT_FALSE(GroupKeyTable(string_).uses_fixed_layout());
    GroupKeyTable serialized(serialized_);
    EXPECT_FALSE(serialized.uses_string_layout());
    EXPECT_FALSE(serialized.uses_fixed_layout());
}

TEST_F(GroupKeyTableTest, FixedLayoutGivesDenseIdsInOrderOfFirstSight) {
    GroupKeyTable table(fixed_);
    const Ids ids = Insert(table, fixed_,
                           {{Value::BigInt(1), Value::Int(10)},
                            {Value::BigInt(2), Value::Int(10)},
                            {Value::BigInt(1), Value::Int(10)},
                            {Value::BigInt(1), Value::Int(11)}});
    EXPECT_EQ(ids, (Ids{0, 1, 0, 2}));
    EXPECT_EQ(table.num_groups(), 3u);
    EXPECT_EQ(KeyRows(table), (Rows{"(1, 10)", "(2, 10)", "(1, 11)"}));
}

TEST_F(GroupKeyTableTest, FixedLayoutGroupsNullsTogetherApartFromZero) {
    GroupKeyTable table(fixed_);
    const Ids ids = Insert(table, fixed_,
                           {{Value::BigInt(0), Value::Null()},
                            {Value::BigInt(0), Value::Int(0)},
                            {Value::BigInt(0), Value::Null()},
                            {Value::BigInt(1), Value::Null()}});
    EXPECT_EQ(ids, (Ids{0, 1, 0, 2}));
    EXPECT_EQ(KeyRows(table), (Rows{"(0, NULL)", "(0, 0)", "(1, NULL)"}));
}

TEST_F(GroupKeyTableTest, StringLayoutGroupsNullApartFromTheEmptyString) {
    GroupKeyTable table(string_);
    const Ids ids = Insert(table, string_,
                           {{Value::String("a")},
                            {Value::Null()},
                            {Value::String("")},
                            {Value::Null()},
                            {Value::String("a")},
                            {Value::String("")}});
    EXPECT_EQ(ids, (Ids{0, 1, 2, 1, 0, 2}));
    EXPECT_EQ(table.num_groups(), 3u);
    EXPECT_EQ(KeyRows(table), (Rows{"(a)", "(NULL)", "()"}));
}

TEST_F(GroupKeyTableTest, SerializedLayoutGroupsTuplesWithStringsAndNulls) {
    const ChunkSchema two_strings{{Field("s", Varchar()), Field("t", Varchar())}};
    GroupKeyTable table(two_strings);
    const Ids ids = Insert(table, two_strings,
                           {{Value::String("ab"), Value::String("c")},
                            {Value::String("a"), Value::String("bc")},  // same bytes, other split
                            {Value::String(""), Value::Null()},
                            {Value::Null(), Value::String("")},
                            {Value::String(""), Value::String("")},
                            {Value::Null(), Value::Null()},
                            {Value::String("a"), Value::String("bc")},
                            {Value::Null(), Value::Null()}});
    EXPECT_EQ(ids, (Ids{0, 1, 2, 3, 4, 5, 1, 5}));
    EXPECT_EQ(table.num_groups(), 6u);
}

TEST_F(GroupKeyTableTest, SerializedLayoutGroupsNumbersWithStrings) {
    GroupKeyTable table(serialized_);
    const Ids ids = Insert(table, serialized_,
                           {{Value::String("x"), Value::BigInt(1)},
                            {Value::String("x"), Value::Null()},
                            {Value::String("x"), Value::BigInt(0)},
                            {Value::String("x"), Value::BigInt(1)},
                            {Value::String("x"), Value::Null()}});
    EXPECT_EQ(ids, (Ids{0, 1, 2, 0, 1}));
    EXPECT_EQ(KeyRows(table), (Rows{"(x, 1)", "(x, NULL)", "(x, 0)"}));
}

TEST_F(GroupKeyTableTest, NegativeZeroGroupsWithZeroInEveryLayout) {
    const ChunkSchema fixed{{Field("d", Double())}};
    const ChunkSchema serialized{{Field("d", Double()), Field("s", Varchar())}};
    for (const ChunkSchema* schema : {&fixed, &serialized}) {
        GroupKeyTable table(*schema);
        SCOPED_TRACE(table.uses_fixed_layout() ? "fixed" : "serialized");
        std::vector<ValueRow> rows = {
            {Value::Double(-0.0)}, {Value::Double(0.0)}, {Value::Double(1.5)}};
        if (schema->size() == 2) {
            for (ValueRow& row : rows) row.push_back(Value::String("s"));
        }
        EXPECT_EQ(Insert(table, *schema, rows), (Ids{0, 0, 1}));
    }
}

TEST_F(GroupKeyTableTest, ConstantKeyColumnsStandForEveryRow) {
    GroupKeyTable table(fixed_);
    const Chunk a = MakeChunk(ChunkSchema{{fixed_.columns[0]}},
                              {{Value::BigInt(1)}, {Value::BigInt(2)}, {Value::BigInt(1)}});
    std::vector<EvalColumn> keys;
    keys.push_back(EvalColumn::Borrow(*a.column(0)));
    keys.push_back(MakeConstant(Int(), Value::Null()));
    Ids ids(3);
    table.FindOrInsert(keys, 3, ids.data());
    EXPECT_EQ(ids, (Ids{0, 1, 0}));
    EXPECT_EQ(KeyRows(table), (Rows{"(1, NULL)", "(2, NULL)"}));
}

TEST_F(GroupKeyTableTest, NoKeyColumnsMakeOneGroup) {
    GroupKeyTable table(ChunkSchema{});
    Ids ids(3, 7);
    table.FindOrInsert({}, 3, ids.data());
    EXPECT_EQ(ids, (Ids{0, 0, 0}));
    EXPECT_EQ(table.num_groups(), 1u);
}

TEST_F(GroupKeyTableTest, FindReturnsNotFoundForAbsentKeysInEveryLayout) {
    {
        SCOPED_TRACE("fixed");
        GroupKeyTable table(fixed_);
        Insert(table, fixed_,
               {{Value::BigInt(1), Value::Int(1)}, {Value::BigInt(2), Value::Null()}});
        EXPECT_EQ(Lookup(table, fixed_,
                         {{Value::BigInt(2), Value::Null()},
                          {Value::BigInt(1), Value::Null()},
                          {Value::BigInt(1), Value::Int(1)},
                          {Value::BigInt(2), Value::Int(0)}}),
                  (Ids{1, kNotFound, 0, kNotFound}));
    }
    {
        SCOPED_TRACE("one string");
        GroupKeyTable table(string_);
        Insert(table, string_, {{Value::String("a")}});
        EXPECT_EQ(
            Lookup(table, string_, {{Value::String("a")}, {Value::Null()}, {Value::String("")}}),
            (Ids{0, kNotFound, kNotFound}));
        Insert(table, string_, {{Value::Null()}});
        EXPECT_EQ(Lookup(table, string_, {{Value::Null()}}), (Ids{1}));
    }
    {
        SCOPED_TRACE("serialized");
        GroupKeyTable table(serialized_);
        Insert(table, serialized_, {{Value::String("a"), Value::BigInt(1)}});
        EXPECT_EQ(Lookup(table, serialized_,
                         {{Value::String("a"), Value::BigInt(1)},
                          {Value::String("a"), Value::Null()},
                          {Value::String("b"), Value::BigInt(1)}}),
                  (Ids{0, kNotFound, kNotFound}));
    }
    // Find never inserts.
}

TEST_F(GroupKeyTableTest, GrowthPastInitialCapacityKeepsIdsDenseAndStable) {
    constexpr int64_t kKeys = 20'000;  // the table starts with 1024 slots
    for (const ChunkSchema* schema : {&fixed_, &string_, &serialized_}) {
        const ChunkSchema key_schema =
            schema == &fixed_ ? ChunkSchema{{Field("a", BigInt())}} : *schema;
        GroupKeyTable table(key_schema);
        SCOPED_TRACE(table.uses_fixed_layout()    ? "fixed"
                     : table.uses_string_layout() ? "one string"
                                                  : "serialized");
        const std::vector<Chunk> chunks =
            SplitRows(key_schema, ManyKeys(key_schema, kKeys), kChunkRows);
        Ids all;
        for (const Chunk& chunk : chunks) {
            const Ids ids = InsertChunk(table, chunk);
            all.insert(all.end(), ids.begin(), ids.end());
        }
        ASSERT_EQ(table.num_groups(), static_cast<size_t>(kKeys));
        ASSERT_EQ(table.keys().num_rows(), static_cast<size_t>(kKeys));
        for (uint32_t i = 0; i < kKeys; ++i) ASSERT_EQ(all[i], i) << "first sight gives id i";
        // The same keys again: found, same ids, nothing new.
        uint32_t expected = 0;
        for (const Chunk& chunk : chunks) {
            Ids found(chunk.num_rows());
            table.Find(KeysOf(chunk), chunk.num_rows(), found.data());
            const Ids again = InsertChunk(table, chunk);
            for (size_t r = 0; r < chunk.num_rows(); ++r, ++expected) {
                ASSERT_EQ(found[r], expected);
                ASSERT_EQ(again[r], expected);
            }
        }
        EXPECT_EQ(table.num_groups(), static_cast<size_t>(kKeys));
        const ValueRow row = ManyKeys(key_schema, 12'346).back();
        EXPECT_EQ(table.keys().DebugRow(12'345), MakeChunk(key_schema, {row}).DebugRow(0));
    }
}

TEST_F(GroupKeyTableTest, MergingAnotherTablesKeysMapsEqualKeysToOneGroup) {
    for (const ChunkSchema* schema : {&fixed_, &string_, &serialized_}) {
        GroupKeyTable total(*schema);
        GroupKeyTable other(*schema);
        SCOPED_TRACE(total.uses_fixed_layout()    ? "fixed"
                     : total.uses_string_layout() ? "one string"
                                                  : "serialized");
        // Rows 0..3: keys A, B, NULL-bearing C, D (D only in `other`).
        std::vector<ValueRow> rows;
        for (int i = 0; i < 4; ++i) {
            ValueRow row;
            for (size_t c = 0; c < schema->size(); ++c) {
                const ColumnSchema& field = schema->columns[c];
                if (i == 2 && field.nullable) {
                    row.push_back(Value::Null());
                } else if (field.type.IsString()) {
                    row.push_back(Value::String(std::string(1, static_cast<char>('A' + i))));
                } else if (field.type.type == LogicalType::kInt) {
                    row.push_back(Value::Int(i));
                } else {
                    row.push_back(Value::BigInt(i));
                }
            }
            rows.push_back(std::move(row));
        }
        Insert(total, *schema, {rows[0], rows[1], rows[2]});
        Insert(other, *schema, {rows[3], rows[2], rows[0]});

        std::vector<EvalColumn> keys = KeysOf(other.keys());
        Ids map(other.num_groups());
        total.FindOrInsert(keys, other.num_groups(), map.data());
        EXPECT_EQ(map, (Ids{3, 2, 0}));
        EXPECT_EQ(total.num_groups(), 4u);
        EXPECT_EQ(total.keys().DebugRow(3), MakeChunk(*schema, {rows[3]}).DebugRow(0));
    }
}

}  // namespace
}  // namespace tributary
