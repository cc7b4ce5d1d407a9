#include "storage/compaction_policy.h"

#include <gtest/gtest.h>

#include <vector>

namespace tributary {
namespace {

// Rowsets [2, 2], [3, 3], ... of the given sizes.
std::vector<RowsetMeta> Rowsets(const std::vector<int64_t>& sizes) {
    std::vector<RowsetMeta> rowsets;
    int64_t version = 2;
    for (int64_t bytes : sizes) {
        RowsetMeta meta;
        meta.rowset_id = version;
        meta.start_version = version;
        meta.end_version = version;
        meta.data_bytes = bytes;
        rowsets.push_back(meta);
        ++version;
    }
    return rowsets;
}

CompactionPolicy SmallPolicy() {
    CompactionPolicy policy;
    policy.trigger_rowsets = 5;
    policy.min_inputs = 3;
    policy.max_inputs = 100;
    policy.tier_base_bytes = 100;
    policy.tier_ratio = 10;
    policy.max_input_bytes = 1'000'000;
    return policy;
}

TEST(CompactionPolicyTest, SizeTierGrowsByTheRatio) {
    CompactionPolicy policy = SmallPolicy();
    EXPECT_EQ(SizeTier(0, policy), 0);
    EXPECT_EQ(SizeTier(99, policy), 0);
    EXPECT_EQ(SizeTier(100, policy), 1);
    EXPECT_EQ(SizeTier(999, policy), 1);
    EXPECT_EQ(SizeTier(1000, policy), 2);
    EXPECT_GT(SizeTier(std::numeric_limits<int64_t>::max(), policy), 10);
}

TEST(CompactionPolicyTest, PicksNothingAtOrBelowTheTrigger) {
    EXPECT_FALSE(PickRowsetsToCompact(Rowsets({1, 1, 1, 1, 1}), SmallPolicy()).has_value());
    EXPECT_TRUE(PickRowsetsToCompact(Rowsets({1, 1, 1, 1, 1, 1}), SmallPolicy()).has_value());
}

TEST(CompactionPolicyTest, MergesTheNewestRunOfSmallRowsetsLeavingBigOnesAlone) {
    auto pick = PickRowsetsToCompact(Rowsets({50'000, 5'000, 10, 10, 10, 10}), SmallPolicy());
    ASSERT_TRUE(pick.has_value());
    EXPECT_EQ(*pick, (RowsetRange{2, 5}));
}

TEST(CompactionPolicyTest, PrefersTheLowestTierEvenWhenAHigherRunIsLonger) {
    // Tier 1 run of 4 (indexes 0..3), then a tier-0 run of 3 (4..6).
    auto pick = PickRowsetsToCompact(Rowsets({500, 500, 500, 500, 10, 10, 10}), SmallPolicy());
    ASSERT_TRUE(pick.has_value());
    EXPECT_EQ(*pick, (RowsetRange{4, 6}));
}

TEST(CompactionPolicyTest, NeverMergesAcrossAVersionGap) {
    std::vector<RowsetMeta> rowsets = Rowsets({10, 10, 10, 10, 10, 10});
    // Version 5 is committed but not published: [2..4] and [6..8] are separate runs.
    for (size_t i = 3; i < rowsets.size(); ++i) {
        ++rowsets[i].start_version;
        ++rowsets[i].end_version;
    }
    auto pick = PickRowsetsToCompact(rowsets, SmallPolicy());
    ASSERT_TRUE(pick.has_value());
    EXPECT_EQ(*pick, (RowsetRange{3, 5}));

    CompactionPolicy wide = SmallPolicy();
    wide.min_inputs = 4;
    // No run of 4; the fallback's windows shrink until they fit inside one run.
    pick = PickRowsetsToCompact(rowsets, wide);
    ASSERT_TRUE(pick.has_value());
    EXPECT_EQ(pick->last - pick->first + 1, 3u);
    EXPECT_TRUE(pick->last <= 2 || pick->first >= 3);
}

TEST(CompactionPolicyTest, TrimsARunToMaxInputsKeepingItsOldestRowsets) {
    CompactionPolicy policy = SmallPolicy();
    policy.max_inputs = 8;
    auto pick = PickRowsetsToCompact(Rowsets(std::vector<int64_t>(20, 10)), policy);
    ASSERT_TRUE(pick.has_value());
    EXPECT_EQ(*pick, (RowsetRange{0, 7}));
}

TEST(CompactionPolicyTest, FallsBackToTheCheapestWindowWhenTiersAlternate) {
    CompactionPolicy policy = SmallPolicy();
    policy.max_input_bytes = 6'000;
    auto pick = PickRowsetsToCompact(Rowsets({5'000, 10, 5'000, 10, 5'000, 10}), policy);
    ASSERT_TRUE(pick.has_value());
    EXPECT_EQ(*pick, (RowsetRange{1, 3}));
}

TEST(CompactionPolicyTest, LeavesRowsetsTooBigToMergeInMemory) {
    CompactionPolicy policy = SmallPolicy();
    policy.max_input_bytes = 1'000;
    EXPECT_FALSE(PickRowsetsToCompact(Rowsets({800, 800, 800, 800, 800, 800}), policy).has_value());
}

TEST(CompactionPolicyTest, OutOfRangeKnobsAreClamped) {
    CompactionPolicy policy = SmallPolicy();
    policy.min_inputs = 0;
    policy.max_inputs = 0;
    policy.tier_ratio = 0;
    auto pick = PickRowsetsToCompact(Rowsets({10, 10, 10, 10, 10, 10}), policy);
    ASSERT_TRUE(pick.has_value());
    EXPECT_EQ(pick->last - pick->first + 1, 2u);
}

}  // namespace
}  // namespace tributary
