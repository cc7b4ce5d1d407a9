#include <fstream>

#include <gtest/gtest.h>

#include "storage/segment/segment_reader.h"
#include "storage/segment/segment_test_util.h"
#include "storage/segment/segment_writer.h"

namespace tributary {
namespace {

using testing_util::AllTypesSchema;
using testing_util::ExpectSameRows;
using testing_util::MakeAllTypesChunk;
using testing_util::TempDir;

std::vector<uint32_t> AllColumns(const ChunkSchema& s) {
    std::vector<uint32_t> ids(s.size());
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<uint32_t>(i);
    return ids;
}

struct RoundTripCase {
    bool nullable;
    std::optional<PageEncoding> encoding;
};

class SegmentRoundTrip : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(SegmentRoundTrip, ReadsBackEveryTypeAcrossManyPages) {
    TempDir dir;
    const RoundTripCase& tc = GetParam();
    Chunk all = MakeAllTypesChunk(tc.nullable, 0, 20000, /*long_strings=*/true);
    SegmentWriterOptions options;
    options.page_size = 16 * 1024;
    options.force_encoding = tc.encoding;
    std::string path = dir.File("seg.dat");
    auto writer = SegmentWriter::Create(path, all.schema(), 1, options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (size_t off = 0; off < all.num_rows(); off += 4096) {
        Chunk part(all.schema());
        part.AppendRange(all, off, std::min<size_t>(4096, all.num_rows() - off));
        ASSERT_TRUE((*writer)->Append(part).ok());
    }
    auto info = (*writer)->Finish();
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->num_rows, 20000u);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    EXPECT_EQ(info->file_size, std::filesystem::file_size(path));

    auto reader = SegmentReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->num_rows(), 20000u);
    EXPECT_EQ((*reader)->schema(), all.schema());
    EXPECT_GT((*reader)->pages(13).size(), 10u);
    auto ids = AllColumns(all.schema());
    auto chunk = (*reader)->ReadColumns(ids, {0, 20000});
    ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
    ExpectSameRows(all, 0, *chunk);
    auto middle = (*reader)->ReadColumns(ids, {12345, 15001});
    ASSERT_TRUE(middle.ok()) << middle.status().ToString();
    ASSERT_EQ(middle->num_rows(), 15001u - 12345u);
    ExpectSameRows(all, 12345, *middle);
}

INSTANTIATE_TEST_SUITE_P(
    AllEncodings, SegmentRoundTrip,
    ::testing::Values(RoundTripCase{false, std::nullopt}, RoundTripCase{true, std::nullopt},
                      RoundTripCase{true, PageEncoding::kPlain},
                      RoundTripCase{false, PageEncoding::kPlain},
                      RoundTripCase{true, PageEncoding::kDictionary},
                      RoundTripCase{true, PageEncoding::kRunLength},
                      RoundTripCase{false, PageEncoding::kRunLength},
                      RoundTripCase{true, PageEncoding::kBitPacked},
                      RoundTripCase{false, PageEncoding::kBitPacked}));

StatusOr<std::unique_ptr<SegmentReader>> WriteChunk(const std::string& path, const Chunk& chunk,
                                                    SegmentWriterOptions options = {}) {
    ASSIGN_OR_RETURN(auto writer, SegmentWriter::Create(path, chunk.schema(), 1, options));
    RETURN_IF_ERROR(writer->Append(chunk));
    ASSIGN_OR_RETURN(auto info, writer->Finish());
    return SegmentReader::Open(path);
}

TEST(Segment, ZeroRowSegmentHasNoPagesAndEmptyZoneMaps) {
    TempDir dir;
    auto reader = WriteChunk(dir.File("empty"), Chunk(AllTypesSchema(true)));
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->num_rows(), 0u);
    EXPECT_TRUE((*reader)->pages(3).empty());
    EXPECT_FALSE((*reader)->segment_zone_map(3).has_value);
    auto ids = AllColumns((*reader)->schema());
    auto chunk = (*reader)->ReadColumns(ids, {0, 0});
    ASSERT_TRUE(chunk.ok());
    EXPECT_EQ(chunk->num_rows(), 0u);
}

TEST(Segment, OneRowSegmentRoundTrips) {
    TempDir dir;
    Chunk one = MakeAllTypesChunk(true, 5, 1, false);
    auto reader = WriteChunk(dir.File("one"), one);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto ids = AllColumns(one.schema());
    auto chunk = (*reader)->ReadColumns(ids, {0, 1});
    ASSERT_TRUE(chunk.ok());
    ExpectSameRows(one, 0, *chunk);
}

TEST(Segment, AllNullColumnRoundTripsWithNullCounts) {
    TempDir dir;
    ChunkSchema schema{{{"k", TypeDesc::Of(LogicalType::kInt), false},
                        {"v", TypeDesc::Varchar(10), true}}};
    Chunk chunk(schema);
    for (int i = 0; i < 1000; ++i) {
        static_cast<Int32Column*>(chunk.column(0))->Append(i);
        static_cast<NullableColumn*>(chunk.column(1))->AppendNull();
    }
    auto reader = WriteChunk(dir.File("nulls"), chunk);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    const ZoneMap& zone = (*reader)->segment_zone_map(1);
    EXPECT_FALSE(zone.has_value);
    EXPECT_EQ(zone.null_count, 1000u);
    std::vector<uint32_t> ids = {1};
    auto read = (*reader)->ReadColumns(ids, {0, 1000});
    ASSERT_TRUE(read.ok());
    for (size_t i = 0; i < 1000; ++i) ASSERT_TRUE(read->column(0)->IsNullAt(i));
}

TEST(Segment, ZoneMapsArePerPageAndPerSegment) {
    TempDir dir;
    Chunk all = MakeAllTypesChunk(true, 0, 10000, false);
    SegmentWriterOptions options;
    options.page_size = 8 * 1024;  // 1024 BIGINTs per page
    auto reader = WriteChunk(dir.File("zones"), all, options);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    const auto& pages = (*reader)->pages(0);
    ASSERT_GT(pages.size(), 5u);
    for (const PageInfo& p : pages) {
        EXPECT_EQ(DecodeZoneValue<int64_t>(p.zone_map.min), static_cast<int64_t>(p.first_row));
        EXPECT_EQ(DecodeZoneValue<int64_t>(p.zone_map.max),
                  static_cast<int64_t>(p.first_row + p.num_rows - 1));
        EXPECT_EQ(p.zone_map.null_count, 0u);
    }
    const ZoneMap& big = (*reader)->segment_zone_map(5);
    EXPECT_EQ(DecodeZoneValue<int64_t>(big.min), INT64_MIN);
    EXPECT_EQ(DecodeZoneValue<int64_t>(big.max), INT64_MAX);
    EXPECT_EQ(big.null_count, 10000u / 7 + (10000 % 7 > 3 ? 1 : 0));
    EXPECT_TRUE(big.has_null());
    const ZoneMap& dbl = (*reader)->segment_zone_map(8);
    EXPECT_TRUE(std::isnan(DecodeZoneValue<double>(dbl.max)));
}

TEST(Segment, PagePruningSelectsOnlyPagesThatMayMatch) {
    TempDir dir;
    Chunk all = MakeAllTypesChunk(false, 0, 10000, false);
    SegmentWriterOptions options;
    options.page_size = 8 * 1024;
    auto reader = WriteChunk(dir.File("prune"), all, options);
    ASSERT_TRUE(reader.ok());
    auto pred = ZonePredicate::Between(EncodeZoneValue<int64_t>(3000),
                                       EncodeZoneValue<int64_t>(3100));
    auto ranges = (*reader)->RowRangesMayMatch(0, pred);
    ASSERT_EQ(ranges.size(), 1u);
    EXPECT_LE(ranges[0].begin, 3000u);
    EXPECT_GE(ranges[0].end, 3101u);
    EXPECT_LT(ranges[0].end - ranges[0].begin, 3000u);
    EXPECT_TRUE((*reader)->SegmentMayMatch(0, pred));
    auto none = ZonePredicate::Equal(EncodeZoneValue<int64_t>(20000));
    EXPECT_FALSE((*reader)->SegmentMayMatch(0, none));
    EXPECT_TRUE((*reader)->PagesMayMatch(0, none).empty());
    ZonePredicate is_null;
    is_null.kind = ZonePredicate::Kind::kIsNull;
    EXPECT_FALSE((*reader)->SegmentMayMatch(0, is_null));
}

TEST(Segment, WriterRefusesUnsortedRows) {
    TempDir dir;
    Chunk all = MakeAllTypesChunk(false, 0, 10, false);
    std::vector<uint32_t> order = {1, 0, 2};
    Chunk unsorted = all.Take(order);
    auto writer = SegmentWriter::Create(dir.File("unsorted"), all.schema(), 1);
    ASSERT_TRUE(writer.ok());
    EXPECT_EQ((*writer)->Append(unsorted).code(), Status::Code::kInvalidArgument);
}

TEST(Segment, AbandonedWriterLeavesNoFile) {
    TempDir dir;
    std::string path = dir.File("abandoned");
    {
        auto writer = SegmentWriter::Create(path, AllTypesSchema(false), 1);
        ASSERT_TRUE(writer.ok());
        ASSERT_TRUE((*writer)->Append(MakeAllTypesChunk(false, 0, 100, false)).ok());
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(Segment, ReadRejectsRangeOutsideTheSegment) {
    TempDir dir;
    auto reader = WriteChunk(dir.File("range"), MakeAllTypesChunk(false, 0, 10, false));
    ASSERT_TRUE(reader.ok());
    std::vector<uint32_t> ids = {0};
    EXPECT_EQ((*reader)->ReadColumns(ids, {5, 11}).status().code(),
              Status::Code::kInvalidArgument);
    std::vector<uint32_t> bad = {99};
    EXPECT_EQ((*reader)->ReadColumns(bad, {0, 1}).status().code(),
              Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace tributary
