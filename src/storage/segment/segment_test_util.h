// Test helpers for storage_test: a chunk with one column of every type, temp directories, and
// row-by-row comparison of chunks.
#pragma once

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "column/binary_column.h"
#include "column/chunk.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"

namespace tributary::testing_util {

inline ChunkSchema AllTypesSchema(bool nullable) {
    return ChunkSchema{{
        {"k_bigint", TypeDesc::Of(LogicalType::kBigInt), false},
        {"c_bool", TypeDesc::Of(LogicalType::kBoolean), nullable},
        {"c_tinyint", TypeDesc::Of(LogicalType::kTinyInt), nullable},
        {"c_smallint", TypeDesc::Of(LogicalType::kSmallInt), nullable},
        {"c_int", TypeDesc::Of(LogicalType::kInt), nullable},
        {"c_bigint", TypeDesc::Of(LogicalType::kBigInt), nullable},
        {"c_largeint", TypeDesc::Of(LogicalType::kLargeInt), nullable},
        {"c_float", TypeDesc::Of(LogicalType::kFloat), nullable},
        {"c_double", TypeDesc::Of(LogicalType::kDouble), nullable},
        {"c_decimal", TypeDesc::Decimal(38, 4), nullable},
        {"c_date", TypeDesc::Of(LogicalType::kDate), nullable},
        {"c_datetime", TypeDesc::Of(LogicalType::kDateTime), nullable},
        {"c_char", TypeDesc::Char(10), nullable},
        {"c_varchar", TypeDesc::Varchar(200000), nullable},
        {"c_json", TypeDesc::Of(LogicalType::kJson), nullable},
    }};
}

template <typename T>
void Put(Column* col, size_t row, T v, bool null_every_7th) {
    if (col->is_nullable()) {
        auto* n = static_cast<NullableColumn*>(col);
        if (null_every_7th && row % 7 == 3) {
            n->AppendNull();
            return;
        }
        Put(n->data(), row, v, false);
        n->AppendNotNullMark();
        return;
    }
    if constexpr (std::is_same_v<T, std::string>) {
        static_cast<BinaryColumn*>(col)->Append(v);
    } else {
        static_cast<FixedColumn<T>*>(col)->Append(v);
    }
}

// Rows first_row .. first_row + rows - 1 with edge values mixed in, sorted by column 0.
inline Chunk MakeAllTypesChunk(bool nullable, size_t first_row, size_t rows, bool long_strings) {
    Chunk chunk(AllTypesSchema(nullable));
    const __int128 kMax128 = static_cast<__int128>(~static_cast<unsigned __int128>(0) >> 1);
    for (size_t i = first_row; i < first_row + rows; ++i) {
        size_t k = i % 11;
        Put<int64_t>(chunk.column(0), i, static_cast<int64_t>(i), false);
        Put<uint8_t>(chunk.column(1), i, static_cast<uint8_t>(i % 3 == 0), nullable);
        Put<int8_t>(chunk.column(2), i, k == 0 ? INT8_MIN : (k == 1 ? INT8_MAX : int8_t(i % 5)),
                    nullable);
        Put<int16_t>(chunk.column(3), i, k == 2 ? INT16_MIN : int16_t(i / 100), nullable);
        Put<int32_t>(chunk.column(4), i, k == 3 ? INT32_MAX : int32_t(i * 7), nullable);
        Put<int64_t>(chunk.column(5), i, k == 4 ? INT64_MIN : (k == 5 ? INT64_MAX : int64_t(i)),
                     nullable);
        Put<__int128>(chunk.column(6), i, k == 6 ? kMax128 : (k == 7 ? -kMax128 - 1 : i * 3),
                      nullable);
        Put<float>(chunk.column(7), i,
                   k == 8 ? std::numeric_limits<float>::quiet_NaN() : float(i) / 4, nullable);
        Put<double>(chunk.column(8), i,
                    k == 9 ? -0.0 : (k == 10 ? std::numeric_limits<double>::quiet_NaN()
                                             : std::numeric_limits<double>::infinity()),
                    nullable);
        Put<__int128>(chunk.column(9), i, static_cast<__int128>(i) * 12345 - 99999, nullable);
        Put<int32_t>(chunk.column(10), i, k == 0 ? -719528 : int32_t(i % 40000), nullable);
        Put<int64_t>(chunk.column(11), i, int64_t(i) * 1000001, nullable);
        Put<std::string>(chunk.column(12), i, k == 1 ? "" : std::string(1 + i % 3, 'a' + i % 4),
                         nullable);
        std::string v = "value-" + std::to_string(i % 13);
        if (k == 2) v.clear();
        if (long_strings && i % 50 == 1) v = std::string(100000, char('A' + i % 26));
        Put<std::string>(chunk.column(13), i, v, nullable);
        Put<std::string>(chunk.column(14), i, "{\"id\":" + std::to_string(i) + "}", nullable);
    }
    return chunk;
}

inline void ExpectSameRows(const Chunk& expected, size_t expected_offset, const Chunk& actual) {
    ASSERT_EQ(expected.num_columns(), actual.num_columns());
    for (size_t r = 0; r < actual.num_rows(); ++r) {
        for (size_t c = 0; c < actual.num_columns(); ++c) {
            const Column& e = *expected.column(c);
            const Column& a = *actual.column(c);
            ASSERT_EQ(e.IsNullAt(expected_offset + r), a.IsNullAt(r)) << "row " << r << " col " << c;
            ASSERT_EQ(e.DebugString(expected_offset + r), a.DebugString(r))
                << "row " << r << " col " << c;
            ASSERT_EQ(e.CompareAt(expected_offset + r, a, r), 0) << "row " << r << " col " << c;
        }
    }
}

class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/tributary_segment_XXXXXX";
        path_ = ::mkdtemp(tmpl);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    std::string File(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace tributary::testing_util
