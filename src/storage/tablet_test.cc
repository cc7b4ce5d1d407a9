#include "storage/tablet.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

RowsetPtr MakeRowset(int64_t id, int64_t start, int64_t end) {
    RowsetMeta meta;
    meta.rowset_id = id;
    meta.tablet_id = 1;
    meta.start_version = start;
    meta.end_version = end;
    return std::make_shared<const Rowset>(meta, std::vector<std::string>{});
}

std::vector<int64_t> Ids(const std::vector<RowsetPtr>& rowsets) {
    std::vector<int64_t> ids;
    for (const RowsetPtr& r : rowsets) ids.push_back(r->rowset_id());
    return ids;
}

TEST(TabletTest, CapturePrefersWidestRowsetsThatEndWithinTheVersion) {
    Tablet tablet(1);
    ASSERT_TRUE(tablet.Add(MakeRowset(1, 2, 2)).ok());
    ASSERT_TRUE(tablet.Add(MakeRowset(2, 3, 3)).ok());
    ASSERT_TRUE(tablet.Add(MakeRowset(3, 4, 4)).ok());
    ASSERT_TRUE(tablet.Add(MakeRowset(4, 2, 4)).ok());  // compaction output of 1..3
    EXPECT_EQ(Ids(tablet.Capture(4).value()), (std::vector<int64_t>{4}));
    EXPECT_EQ(Ids(tablet.Capture(3).value()), (std::vector<int64_t>{1, 2}));
}

TEST(TabletTest, CaptureBacktracksPastADeadEnd) {
    Tablet tablet(1);
    ASSERT_TRUE(tablet.Add(MakeRowset(1, 2, 3)).ok());  // leads to 4, which has no rowset
    ASSERT_TRUE(tablet.Add(MakeRowset(2, 2, 2)).ok());
    ASSERT_TRUE(tablet.Add(MakeRowset(3, 3, 4)).ok());
    EXPECT_EQ(Ids(tablet.Capture(4).value()), (std::vector<int64_t>{2, 3}));
}

TEST(TabletTest, CaptureReportsTheFirstUncoveredVersion) {
    Tablet tablet(1);
    ASSERT_TRUE(tablet.Add(MakeRowset(1, 2, 2)).ok());
    ASSERT_TRUE(tablet.Add(MakeRowset(2, 4, 4)).ok());
    auto captured = tablet.Capture(4);
    ASSERT_FALSE(captured.ok());
    EXPECT_EQ(captured.status().message(),
              "tablet 1 cannot be read at version 4: no rowset covers version 3");
}

TEST(TabletTest, AddIsIdempotentButRefusesASecondRowsetForAVersion) {
    Tablet tablet(1);
    RowsetPtr rowset = MakeRowset(1, 2, 2);
    ASSERT_TRUE(tablet.Add(rowset).ok());
    EXPECT_TRUE(tablet.Add(rowset).ok());
    EXPECT_TRUE(tablet.Add(MakeRowset(2, 2, 2)).IsAlreadyExists());
    EXPECT_EQ(tablet.Stats().rowset_count, 1);
}

TEST(TabletTest, ReplacedRowsetsStayCapturableAsStaleUntilTheirRetentionEnds) {
    Tablet tablet(1);
    std::vector<RowsetPtr> inputs = {MakeRowset(1, 2, 2), MakeRowset(2, 3, 3), MakeRowset(3, 4, 4)};
    for (const RowsetPtr& input : inputs) ASSERT_TRUE(tablet.Add(input).ok());
    ASSERT_TRUE(tablet.Add(MakeRowset(4, 5, 5)).ok());
    ASSERT_TRUE(tablet.ReplaceRowsets(inputs, MakeRowset(5, 2, 4), /*stale_until_ms=*/100).ok());

    EXPECT_EQ(Ids(tablet.LiveRowsets()), (std::vector<int64_t>{5, 4}));
    EXPECT_EQ(tablet.LiveRowsetCount(), 2u);
    EXPECT_EQ(Ids(tablet.Capture(5).value()), (std::vector<int64_t>{5, 4}));
    EXPECT_EQ(Ids(tablet.Capture(3).value()), (std::vector<int64_t>{1, 2}));
    TabletStats stats = tablet.Stats();
    EXPECT_EQ(stats.rowset_count, 2);
    EXPECT_EQ(stats.stale_rowset_count, 3);

    EXPECT_TRUE(tablet.TakeExpiredStale(99).empty());
    EXPECT_EQ(Ids(tablet.TakeExpiredStale(100)), (std::vector<int64_t>{1, 2, 3}));
    EXPECT_EQ(tablet.Stats().stale_rowset_count, 0);
    EXPECT_FALSE(tablet.Capture(3).ok());
    EXPECT_EQ(Ids(tablet.Capture(5).value()), (std::vector<int64_t>{5, 4}));
}

TEST(TabletTest, ReplaceRefusesAnInputThatIsNotLive) {
    Tablet tablet(1);
    RowsetPtr a = MakeRowset(1, 2, 2);
    RowsetPtr b = MakeRowset(2, 3, 3);
    ASSERT_TRUE(tablet.Add(a).ok());
    ASSERT_TRUE(tablet.Add(b).ok());
    ASSERT_TRUE(tablet.ReplaceRowsets({a, b}, MakeRowset(3, 2, 3), 100).ok());
    // a is stale now; an unknown rowset was never there.
    EXPECT_EQ(tablet.ReplaceRowsets({a}, MakeRowset(4, 2, 2), 100).code(),
              Status::Code::kInvalidArgument);
    EXPECT_EQ(tablet.ReplaceRowsets({MakeRowset(9, 4, 4)}, MakeRowset(5, 4, 4), 100).code(),
              Status::Code::kInvalidArgument);
    EXPECT_EQ(Ids(tablet.LiveRowsets()), (std::vector<int64_t>{3}));
}

TEST(TabletTest, CompactedRowsetCoveringFindsOnlyLiveMultiVersionRowsets) {
    Tablet tablet(1);
    RowsetPtr a = MakeRowset(1, 2, 2);
    RowsetPtr b = MakeRowset(2, 3, 3);
    ASSERT_TRUE(tablet.Add(a).ok());
    ASSERT_TRUE(tablet.Add(b).ok());
    ASSERT_TRUE(tablet.Add(MakeRowset(3, 4, 4)).ok());
    EXPECT_EQ(tablet.CompactedRowsetCovering(3), nullptr);
    ASSERT_TRUE(tablet.ReplaceRowsets({a, b}, MakeRowset(4, 2, 3), 100).ok());
    ASSERT_NE(tablet.CompactedRowsetCovering(3), nullptr);
    EXPECT_EQ(tablet.CompactedRowsetCovering(3)->rowset_id(), 4);
    EXPECT_EQ(tablet.CompactedRowsetCovering(4), nullptr);
}

}  // namespace
}  // namespace tributary
