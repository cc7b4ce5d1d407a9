// Specification of FlatHashSet: a set of fixed-width keys in which 0 is a key like any other,
// duplicates count once, and growth, InsertAll and Swap keep every key.
#include "exec/flat_hash_set.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

using Wide = unsigned __int128;

class FlatHashSetTest : public ::testing::Test {
protected:
    FlatHashSet<uint64_t> set_;
};

TEST_F(FlatHashSetTest, StartsEmpty) { EXPECT_EQ(set_.size(), 0u); }

TEST_F(FlatHashSetTest, ZeroIsAKeyLikeAnyOther) {
    set_.Insert(0);
    EXPECT_EQ(set_.size(), 1u);
    set_.Insert(0);
    EXPECT_EQ(set_.size(), 1u);
    set_.Insert(1);
    EXPECT_EQ(set_.size(), 2u);
}

TEST_F(FlatHashSetTest, DuplicatesCountOnce) {
    for (uint64_t k : {5u, 7u, 5u, 5u, 7u, 9u}) set_.Insert(k);
    EXPECT_EQ(set_.size(), 3u);
}

TEST_F(FlatHashSetTest, GrowsPastItsInitialCapacityKeepingEveryKey) {
    constexpr uint64_t kKeys = 100'000;
    for (uint64_t k = 0; k < kKeys; ++k) set_.Insert(k * 0x9E3779B97F4A7C15ULL);
    EXPECT_EQ(set_.size(), kKeys);
    for (uint64_t k = 0; k < kKeys; ++k) set_.Insert(k * 0x9E3779B97F4A7C15ULL);
    EXPECT_EQ(set_.size(), kKeys) << "every key is still found after growing";
}

TEST_F(FlatHashSetTest, InsertAllAddsTheOtherSetsKeysIncludingZero) {
    FlatHashSet<uint64_t> other;
    for (uint64_t k : {1u, 2u, 3u}) set_.Insert(k);
    for (uint64_t k : {0u, 3u, 4u}) other.Insert(k);
    set_.InsertAll(other);
    EXPECT_EQ(set_.size(), 5u);  // 0, 1, 2, 3, 4
    EXPECT_EQ(other.size(), 3u);
}

TEST_F(FlatHashSetTest, InsertAllOfALargeSetIntoAnEmptyOne) {
    FlatHashSet<uint64_t> other;
    for (uint64_t k = 1; k <= 10'000; ++k) other.Insert(k);
    set_.InsertAll(other);
    EXPECT_EQ(set_.size(), 10'000u);
}

TEST_F(FlatHashSetTest, SwapExchangesKeysAndTheZeroKey) {
    FlatHashSet<uint64_t> other;
    set_.Insert(0);
    set_.Insert(1);
    for (uint64_t k : {2u, 3u, 4u}) other.Insert(k);
    set_.Swap(other);
    EXPECT_EQ(set_.size(), 3u);
    EXPECT_EQ(other.size(), 2u);
    set_.Insert(0);
    EXPECT_EQ(set_.size(), 4u) << "zero moved to the other set";
    other.Insert(2);
    EXPECT_EQ(other.size(), 3u) << "2 moved to this set";
}

TEST_F(FlatHashSetTest, WideKeysDifferingOnlyInTheHighHalfAreDistinct) {
    FlatHashSet<Wide> wide;
    wide.Insert(0);
    wide.Insert(Wide{1} << 64);  // low half zero, but not the zero key
    wide.Insert(Wide{2} << 64);
    wide.Insert((Wide{1} << 64) | 1);
    wide.Insert(Wide{1} << 64);
    EXPECT_EQ(wide.size(), 4u);
}

}  // namespace
}  // namespace tributary
