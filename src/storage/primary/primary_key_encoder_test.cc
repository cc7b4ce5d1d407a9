#include "storage/primary/primary_key_encoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "column/fixed_column.h"
#include "column/value_append.h"

namespace tributary {
namespace {

using Row = std::vector<Value>;

ColumnSchema Col(std::string name, TypeDesc type, bool nullable = false) {
    return ColumnSchema{std::move(name), type, nullable};
}

ChunkSchema Schema(std::vector<ColumnSchema> columns) {
    ChunkSchema schema;
    schema.columns = std::move(columns);
    return schema;
}

Chunk MakeChunk(const ChunkSchema& schema, const std::vector<Row>& rows) {
    Chunk chunk(schema);
    for (const Row& row : rows) {
        for (size_t c = 0; c < row.size(); ++c) {
            Status st = AppendValue(chunk.column(c), row[c]);
            EXPECT_TRUE(st.ok()) << st.ToString();
        }
    }
    return chunk;
}

// The encodings of `rows`' first `key_columns` columns, as strings.
std::vector<std::string> Encode(const ChunkSchema& schema, size_t key_columns,
                                const std::vector<Row>& rows) {
    auto encoder = PrimaryKeyEncoder::Create(schema, key_columns);
    EXPECT_TRUE(encoder.ok()) << encoder.status().ToString();
    if (!encoder.ok()) return {};
    PrimaryKeys keys;
    encoder->EncodeAll(MakeChunk(schema, rows), &keys);
    EXPECT_EQ(keys.size(), rows.size());
    std::vector<std::string> out;
    for (size_t i = 0; i < keys.size(); ++i) out.emplace_back(keys[i]);
    return out;
}

int Sign(int v) { return (v > 0) - (v < 0); }

// For every pair of rows: equal encodings exactly when the keys compare equal, and memcmp order
// of the encodings is CompareRows order.
void ExpectEncodingFollowsKeyOrder(const ChunkSchema& schema, size_t key_columns,
                                   const std::vector<Row>& rows) {
    const Chunk chunk = MakeChunk(schema, rows);
    const std::vector<std::string> encoded = Encode(schema, key_columns, rows);
    ASSERT_EQ(encoded.size(), rows.size());
    for (size_t a = 0; a < rows.size(); ++a) {
        for (size_t b = 0; b < rows.size(); ++b) {
            const int expected = CompareRows(chunk, a, chunk, b, key_columns);
            const int actual = Sign(encoded[a].compare(encoded[b]));
            ASSERT_EQ(actual, expected) << chunk.DebugRow(a) << " vs " << chunk.DebugRow(b);
        }
    }
}

const std::vector<LogicalType> kWidenedTypes = {
    LogicalType::kBoolean, LogicalType::kTinyInt, LogicalType::kSmallInt, LogicalType::kInt,
    LogicalType::kBigInt,  LogicalType::kDate,    LogicalType::kDateTime};

// Strings chosen to trip escaping: empty, zero bytes, prefixes of one another, 0x01 and 0xFF.
const std::vector<std::string> kTrickyStrings = {"",
                                                 "a",
                                                 "ab",
                                                 "b",
                                                 std::string("\0", 1),
                                                 std::string("\0\0", 2),
                                                 std::string("a\0", 2),
                                                 std::string("a\0b", 3),
                                                 "\x01",
                                                 "\xff",
                                                 std::string("\0\x01", 2),
                                                 "abc"};

TEST(PrimaryKeyEncoderTest, OneIntegerLikeColumnEncodesToEightBytesForTheFastPath) {
    for (LogicalType type : kWidenedTypes) {
        ChunkSchema schema = Schema({Col("k", TypeDesc::Of(type))});
        auto encoder = PrimaryKeyEncoder::Create(schema, 1);
        ASSERT_TRUE(encoder.ok());
        EXPECT_EQ(encoder->fixed_size(), 8u) << LogicalTypeName(type);
    }
    const std::vector<std::string> keys =
        Encode(Schema({Col("k", TypeDesc::Of(LogicalType::kSmallInt))}), 1,
               {{Value::Of<LogicalType::kSmallInt>(-2)}, {Value::Of<LogicalType::kSmallInt>(7)}});
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].size(), 8u);
    EXPECT_EQ(keys[1].size(), 8u);
}

TEST(PrimaryKeyEncoderTest, BigIntMinimumEncodesToEightZeroBytes) {
    // The fast path's one special key (PrimaryIndex keeps it outside its slots).
    const std::vector<std::string> keys =
        Encode(Schema({Col("k", TypeDesc::Of(LogicalType::kBigInt))}), 1,
               {{Value::Of<LogicalType::kBigInt>(std::numeric_limits<int64_t>::min())}});
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0], std::string(8, '\0'));
}

TEST(PrimaryKeyEncoderTest, IntegersOrderNegativesBeforePositives) {
    ChunkSchema bigint = Schema({Col("k", TypeDesc::Of(LogicalType::kBigInt))});
    std::vector<Row> rows;
    for (int64_t v :
         {std::numeric_limits<int64_t>::min(), int64_t{-256}, int64_t{-1}, int64_t{0}, int64_t{1},
          int64_t{255}, int64_t{256}, std::numeric_limits<int64_t>::max()}) {
        rows.push_back({Value::Of<LogicalType::kBigInt>(v)});
    }
    ExpectEncodingFollowsKeyOrder(bigint, 1, rows);

    ChunkSchema largeint = Schema({Col("k", TypeDesc::Of(LogicalType::kLargeInt))});
    rows.clear();
    const __int128 max = static_cast<__int128>(~static_cast<unsigned __int128>(0) >> 1);
    for (__int128 v : {-max - 1, static_cast<__int128>(-1) << 64, static_cast<__int128>(-1),
                       static_cast<__int128>(0), static_cast<__int128>(1),
                       static_cast<__int128>(1) << 64, max}) {
        rows.push_back({Value::Of<LogicalType::kLargeInt>(v)});
    }
    ExpectEncodingFollowsKeyOrder(largeint, 1, rows);
}

TEST(PrimaryKeyEncoderTest, FixedSizeIsTheSumOfTheWidthsWhenNoColumnIsAString) {
    auto fixed_size = [](std::vector<ColumnSchema> columns) {
        const size_t n = columns.size();
        auto encoder = PrimaryKeyEncoder::Create(Schema(std::move(columns)), n);
        EXPECT_TRUE(encoder.ok());
        return encoder.ok() ? encoder->fixed_size() : size_t{999};
    };
    EXPECT_EQ(fixed_size({Col("a", TypeDesc::Of(LogicalType::kInt)),
                          Col("b", TypeDesc::Of(LogicalType::kBigInt))}),
              12u);
    EXPECT_EQ(fixed_size({Col("a", TypeDesc::Of(LogicalType::kBoolean)),
                          Col("b", TypeDesc::Of(LogicalType::kLargeInt))}),
              17u);
    EXPECT_EQ(fixed_size({Col("a", TypeDesc::Of(LogicalType::kLargeInt))}), 16u);
    EXPECT_EQ(fixed_size({Col("a", TypeDesc::Of(LogicalType::kInt), true)}), 5u);
    EXPECT_EQ(
        fixed_size({Col("a", TypeDesc::Of(LogicalType::kInt)), Col("b", TypeDesc::Varchar(10))}),
        0u);
    EXPECT_EQ(fixed_size({Col("a", TypeDesc::Varchar(10))}), 0u);
}

TEST(PrimaryKeyEncoderTest, CompositeStringKeysAreNotAmbiguous) {
    ChunkSchema schema = Schema({Col("a", TypeDesc::Varchar(10)), Col("b", TypeDesc::Varchar(10))});
    auto pair = [](std::string a, std::string b) {
        return Row{Value::Of<LogicalType::kVarchar>(std::move(a)),
                   Value::Of<LogicalType::kVarchar>(std::move(b))};
    };
    const std::vector<std::string> keys =
        Encode(schema, 2,
               {pair("ab", "c"), pair("a", "bc"), pair("", "abc"), pair("abc", ""),
                pair(std::string("a\0", 2), "b"), pair("a", std::string("\0b", 2)),
                pair(std::string("a\0\0", 3), ""), pair("a", std::string("\0\0", 2))});
    ASSERT_EQ(keys.size(), 8u);
    for (size_t i = 0; i < keys.size(); ++i) {
        for (size_t j = i + 1; j < keys.size(); ++j) EXPECT_NE(keys[i], keys[j]) << i << " " << j;
    }
}

TEST(PrimaryKeyEncoderTest, EveryAllowedTypeEncodesInKeyOrder) {
    ChunkSchema schema = Schema(
        {Col("b", TypeDesc::Of(LogicalType::kBoolean)),
         Col("t", TypeDesc::Of(LogicalType::kTinyInt)),
         Col("s", TypeDesc::Of(LogicalType::kSmallInt)), Col("c", TypeDesc::Char(5)),
         Col("i", TypeDesc::Of(LogicalType::kInt)), Col("l", TypeDesc::Of(LogicalType::kBigInt)),
         Col("v", TypeDesc::Varchar(20)), Col("x", TypeDesc::Of(LogicalType::kLargeInt)),
         Col("d", TypeDesc::Of(LogicalType::kDate)),
         Col("dt", TypeDesc::Of(LogicalType::kDateTime)), Col("last", TypeDesc::Varchar(20)),
         Col("value", TypeDesc::Of(LogicalType::kDouble))});
    std::mt19937_64 rng(7);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
    auto tricky = [&] {
        return kTrickyStrings[static_cast<size_t>(pick(static_cast<int>(kTrickyStrings.size())))];
    };
    std::vector<Row> rows;
    for (int r = 0; r < 400; ++r) {
        // Small domains, so that many rows share prefixes and some whole keys.
        rows.push_back({Value::Boolean(pick(2) == 1),
                        Value::TinyInt(static_cast<int8_t>(pick(3) - 1) * 127),
                        Value::Of<LogicalType::kSmallInt>(static_cast<int16_t>(pick(3) - 1)),
                        Value::Of<LogicalType::kChar>(tricky()),
                        Value::Of<LogicalType::kInt>(pick(2) == 0 ? -1 : 65536),
                        Value::Of<LogicalType::kBigInt>(pick(2) == 0 ? INT64_MIN : 3),
                        Value::Of<LogicalType::kVarchar>(tricky()),
                        Value::Of<LogicalType::kLargeInt>(pick(2) == 0 ? -1 : 1),
                        Value::Of<LogicalType::kDate>(pick(2) == 0 ? -719162 : 18390),
                        Value::Of<LogicalType::kDateTime>(pick(2) == 0 ? -5 : 5),
                        Value::Of<LogicalType::kVarchar>(tricky()),
                        Value::Of<LogicalType::kDouble>(pick(100) * 0.5)});
    }
    // Rows equal on the key but not on the value column must still encode equally.
    rows.push_back(rows[0]);
    rows.back()[11] = Value::Of<LogicalType::kDouble>(-1.0);
    ExpectEncodingFollowsKeyOrder(schema, 11, rows);
}

TEST(PrimaryKeyEncoderTest, NullIsDistinctFromEveryValueAndEqualToNull) {
    ChunkSchema schema =
        Schema({Col("n", TypeDesc::Of(LogicalType::kInt), true),
                Col("s", TypeDesc::Varchar(10), true), Col("t", TypeDesc::Varchar(10), true)});
    std::vector<Row> rows;
    std::vector<Value> ints = {Value(), Value::Of<LogicalType::kInt>(0),
                               Value::Of<LogicalType::kInt>(-1)};
    std::vector<Value> strings = {Value(), Value::Of<LogicalType::kVarchar>(""),
                                  Value::Of<LogicalType::kVarchar>(std::string("\0", 1))};
    for (const Value& n : ints) {
        for (const Value& s : strings) {
            for (const Value& t : strings) rows.push_back({n, s, t});
        }
    }
    rows.push_back(rows[0]);  // NULL, NULL, NULL twice
    ExpectEncodingFollowsKeyOrder(schema, 3, rows);

    ChunkSchema single = Schema({Col("n", TypeDesc::Of(LogicalType::kBigInt), true)});
    ExpectEncodingFollowsKeyOrder(single, 1,
                                  {{Value()},
                                   {Value::Of<LogicalType::kBigInt>(0)},
                                   {Value::Of<LogicalType::kBigInt>(INT64_MIN)},
                                   {Value()}});
}

TEST(PrimaryKeyEncoderTest, OnlyTheLeadingKeyColumnsAreEncoded) {
    ChunkSchema schema =
        Schema({Col("k", TypeDesc::Of(LogicalType::kInt)), Col("v", TypeDesc::Varchar(10))});
    const std::vector<std::string> keys =
        Encode(schema, 1,
               {{Value::Of<LogicalType::kInt>(5), Value::Of<LogicalType::kVarchar>("x")},
                {Value::Of<LogicalType::kInt>(5), Value::Of<LogicalType::kVarchar>("y")}});
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0], keys[1]);
}

TEST(PrimaryKeyEncoderTest, RefusesUnsupportedTypesNamingTheColumn) {
    for (TypeDesc type : {TypeDesc::Of(LogicalType::kFloat), TypeDesc::Of(LogicalType::kDouble),
                          TypeDesc::Decimal(10, 2), TypeDesc::Of(LogicalType::kJson)}) {
        ChunkSchema schema =
            Schema({Col("id", TypeDesc::Of(LogicalType::kInt)), Col("price_col", type)});
        auto encoder = PrimaryKeyEncoder::Create(schema, 2);
        ASSERT_FALSE(encoder.ok()) << type.ToSql();
        EXPECT_EQ(encoder.status().code(), Status::Code::kInvalidArgument);
        EXPECT_NE(encoder.status().message().find("price_col"), std::string_view::npos)
            << encoder.status().message();
        EXPECT_NE(encoder.status().message().find(type.ToSql()), std::string_view::npos)
            << encoder.status().message();
        // The same column is fine as a value column.
        EXPECT_TRUE(PrimaryKeyEncoder::Create(schema, 1).ok());
    }
}

TEST(PrimaryKeyEncoderTest, RefusesNoKeyColumnsOrMoreThanTheSchemaHas) {
    ChunkSchema schema = Schema({Col("k", TypeDesc::Of(LogicalType::kInt))});
    EXPECT_EQ(PrimaryKeyEncoder::Create(schema, 0).status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(PrimaryKeyEncoder::Create(schema, 2).status().code(), Status::Code::kInvalidArgument);
}

TEST(PrimaryKeyEncoderTest, EncodeAllReplacesTheKeysOfTheLastChunk) {
    ChunkSchema schema = Schema({Col("k", TypeDesc::Varchar(10))});
    auto encoder = PrimaryKeyEncoder::Create(schema, 1);
    ASSERT_TRUE(encoder.ok());
    PrimaryKeys keys;
    encoder->EncodeAll(MakeChunk(schema, {{Value::Of<LogicalType::kVarchar>("first")},
                                          {Value::Of<LogicalType::kVarchar>("second")}}),
                       &keys);
    ASSERT_EQ(keys.size(), 2u);
    encoder->EncodeAll(MakeChunk(schema, {{Value::Of<LogicalType::kVarchar>("third")}}), &keys);
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0], "third");
    encoder->EncodeAll(Chunk(schema), &keys);
    EXPECT_TRUE(keys.empty());
}

// Not a benchmark with a bound (the machine is shared), but the figure the load path cares about.
TEST(PrimaryKeyEncoderTest, ReportsEncodingThroughput) {
    constexpr size_t kRows = 1 << 20;
    ChunkSchema bigint = Schema({Col("k", TypeDesc::Of(LogicalType::kBigInt))});
    Chunk ints(bigint);
    auto& values = static_cast<Int64Column*>(ints.column(0))->data();
    for (size_t i = 0; i < kRows; ++i) values.push_back(static_cast<int64_t>(i * 2654435761u));

    ChunkSchema composite =
        Schema({Col("a", TypeDesc::Varchar(30)), Col("b", TypeDesc::Of(LogicalType::kInt))});
    std::vector<Row> rows;
    for (size_t i = 0; i < kRows / 8; ++i) {
        rows.push_back({Value::Of<LogicalType::kVarchar>("user-" + std::to_string(i * 7919)),
                        Value::Of<LogicalType::kInt>(static_cast<int32_t>(i))});
    }
    Chunk strings = MakeChunk(composite, rows);

    PrimaryKeys keys;
    auto rows_per_second = [&](const ChunkSchema& schema, const Chunk& chunk, size_t n) {
        auto encoder = PrimaryKeyEncoder::Create(schema, schema.size());
        EXPECT_TRUE(encoder.ok());
        const auto start = std::chrono::steady_clock::now();
        encoder->EncodeAll(chunk, &keys);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        EXPECT_EQ(keys.size(), n);
        return static_cast<double>(n) / std::max(seconds, 1e-9);
    };
    const double bigint_rate = rows_per_second(bigint, ints, kRows);
    const double composite_rate = rows_per_second(composite, strings, kRows / 8);
    std::printf("[ encoder  ] BIGINT key: %.0f M rows/s; (VARCHAR, INT) key: %.0f M rows/s\n",
                bigint_rate / 1e6, composite_rate / 1e6);
    RecordProperty("bigint_million_rows_per_second", static_cast<int>(bigint_rate / 1e6));
    RecordProperty("varchar_int_million_rows_per_second", static_cast<int>(composite_rate / 1e6));
}

}  // namespace
}  // namespace tributary
