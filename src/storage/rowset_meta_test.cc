#include "storage/rowset_meta.h"

#include <gtest/gtest.h>

#include "storage/storage_layout.h"

namespace tributary {
namespace {

RowsetMeta Sample() {
    RowsetMeta meta;
    meta.rowset_id = 42;
    meta.tablet_id = 7;
    meta.partition_id = 6;
    meta.start_version = 3;
    meta.end_version = 3;
    meta.txn_id = 99;
    meta.num_rows = 30;
    meta.data_bytes = 1234;
    meta.create_time_ms = 1'700'000'000'000;
    meta.segment_rows = {10, 20};
    return meta;
}

TEST(RowsetMetaTest, KeyIsZeroPaddedSoKeyOrderIsTabletThenVersion) {
    EXPECT_EQ(RowsetMetaKey(7, 3, 42),
              "storage/rowset/00000000000000000007/00000000000000000003/00000000000000000042");
    EXPECT_LT(RowsetMetaKey(7, 9, 1), RowsetMetaKey(7, 10, 1));
    EXPECT_TRUE(RowsetMetaKey(7, 3, 42).starts_with(TabletRowsetPrefix(7)));
}

TEST(RowsetMetaTest, EncodeDecodeRoundTrips) {
    RowsetMeta meta = Sample();
    auto decoded = DecodeRowsetMeta(RowsetMetaKey(meta), EncodeRowsetMeta(meta));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(*decoded, meta);
}

TEST(RowsetMetaTest, RejectsValueThatDisagreesWithItsKey) {
    RowsetMeta meta = Sample();
    const std::string key = RowsetMetaKey(7, 4, 42);
    auto decoded = DecodeRowsetMeta(key, EncodeRowsetMeta(meta));
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
    EXPECT_NE(decoded.status().message().find(key), std::string_view::npos);
}

TEST(RowsetMetaTest, RejectsRowCountThatDisagreesWithSegments) {
    RowsetMeta meta = Sample();
    meta.num_rows = 31;
    auto decoded = DecodeRowsetMeta(RowsetMetaKey(meta), EncodeRowsetMeta(meta));
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.status().message().find("num_rows 31"), std::string_view::npos);
}

TEST(RowsetMetaTest, RejectsMissingField) {
    auto decoded = DecodeRowsetMeta("k", R"({"rowset_id": 1})");
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().message(),
              "rowset meta k: field 'tablet_id' is missing or not an integer");
}

TEST(StorageLayoutTest, SegmentPathsAreShardedByTablet) {
    EXPECT_EQ(SegmentPath("/d", 300, 5, 1), "/d/storage/data/044/300/5_1.dat");
    EXPECT_EQ(ParseSegmentFileName("5_1.dat"), 5);
    EXPECT_EQ(ParseSegmentFileName("5_1.dat.tmp"), std::nullopt);
    EXPECT_EQ(ParseSegmentFileName("x_1.dat"), std::nullopt);
    EXPECT_EQ(ParseSegmentFileName("5.dat"), std::nullopt);
}

}  // namespace
}  // namespace tributary
