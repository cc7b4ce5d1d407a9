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

}  // namespace
}  // namespace tributary
