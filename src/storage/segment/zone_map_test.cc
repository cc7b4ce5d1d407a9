#include "storage/segment/zone_map.h"

#include <gtest/gtest.h>

#include "column/binary_column.h"
#include "storage/segment/byte_io.h"
#include "storage/segment/crc32c.h"

namespace tributary {
namespace {

TEST(Crc32c, MatchesTheStandardCheckValue) {
    EXPECT_EQ(crc32c::Value("123456789"), 0xE3069283u);
    EXPECT_EQ(crc32c::Extend(crc32c::Value("1234"), "56789", 5), 0xE3069283u);
}

TEST(ZoneMap, TruncatedStringMaxStillPrunesCorrectly) {
    BinaryColumn col(TypeDesc::Varchar(1000));
    std::string long_max(100, 'm');
    col.Append("apple");
    col.Append(long_max);
    ZoneMapBuilder builder(LogicalType::kVarchar);
    builder.Add(col, 0, 2);
    ZoneMap zone = builder.Finish();
    EXPECT_TRUE(zone.max_truncated);
    EXPECT_EQ(zone.max.size(), kZoneMapMaxStringBytes);
    // The true max itself, and values just under it, must not be pruned.
    EXPECT_TRUE(ZoneMayMatch(LogicalType::kVarchar, zone, ZonePredicate::Equal(long_max)));
    EXPECT_TRUE(ZoneMayMatch(LogicalType::kVarchar, zone,
                             ZonePredicate::Equal(std::string(80, 'm'))));
    EXPECT_FALSE(ZoneMayMatch(LogicalType::kVarchar, zone, ZonePredicate::Equal("n")));
    EXPECT_FALSE(ZoneMayMatch(LogicalType::kVarchar, zone, ZonePredicate::Equal("aardvark")));
}

TEST(ZoneMap, EncodingRoundTripsAndRejectsBadWidth) {
    ZoneMap zone{true, EncodeZoneValue<int32_t>(-5), EncodeZoneValue<int32_t>(9), false, false, 3};
    std::string bytes;
    EncodeZoneMap(zone, &bytes);
    ByteReader r(bytes);
    ZoneMap back;
    ASSERT_TRUE(DecodeZoneMap(LogicalType::kInt, &r, &back));
    EXPECT_EQ(back, zone);
    ByteReader wrong(bytes);
    EXPECT_FALSE(DecodeZoneMap(LogicalType::kBigInt, &wrong, &back));
}

TEST(ZoneMap, ExclusiveBoundsPruneEqualEdges) {
    ZoneMap zone{true, EncodeZoneValue<int64_t>(10), EncodeZoneValue<int64_t>(20), false, false,
                 0};
    ZonePredicate above;
    above.lower = EncodeZoneValue<int64_t>(20);
    above.lower_inclusive = false;
    EXPECT_FALSE(ZoneMayMatch(LogicalType::kBigInt, zone, above));
    above.lower_inclusive = true;
    EXPECT_TRUE(ZoneMayMatch(LogicalType::kBigInt, zone, above));
}

}  // namespace
}  // namespace tributary
