#include "storage/primary/primary_index.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace tributary {
namespace {

// The 8-byte key of a BIGINT as PrimaryKeyEncoder writes it: sign bit flipped, big-endian.
std::string BigIntKey(int64_t v) {
    uint64_t u = __builtin_bswap64(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63));
    std::string key(8, '\0');
    std::memcpy(key.data(), &u, sizeof(u));
    return key;
}

// A variable-length key for `i`: 0 to 39 bytes, some empty, some with zero bytes.
std::string StringKey(int64_t i) {
    const auto u = static_cast<uint64_t>(i);
    std::string key = std::to_string(i);
    key.append(u % 31, u % 3 == 0 ? '\0' : 'k');
    if (u % 97 == 0) key.clear();  // many ids map to the empty key: it is just another key
    return key;
}

// Runs both index forms through every behaviour: fixed 8-byte keys, and arena keys.
class PrimaryIndexTest : public ::testing::TestWithParam<bool> {
protected:
    bool fixed() const { return GetParam(); }
    PrimaryIndex NewIndex() const { return PrimaryIndex(fixed() ? 8 : 0); }
    std::string Key(int64_t i) const { return fixed() ? BigIntKey(i) : StringKey(i); }
};

INSTANTIATE_TEST_SUITE_P(BothKeyForms, PrimaryIndexTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Fixed8" : "Variable"; });

TEST_P(PrimaryIndexTest, ChoosesTheFastPathOnlyForEightByteKeys) {
    EXPECT_EQ(NewIndex().uses_fixed_keys(), fixed());
    EXPECT_FALSE(PrimaryIndex(16).uses_fixed_keys());
    EXPECT_FALSE(PrimaryIndex(4).uses_fixed_keys());
}

TEST_P(PrimaryIndexTest, UpsertReturnsThePreviousLocation) {
    PrimaryIndex index = NewIndex();
    EXPECT_EQ(index.Upsert(Key(1), 100), std::nullopt);
    EXPECT_EQ(index.Upsert(Key(2), 200), std::nullopt);
    EXPECT_EQ(index.Upsert(Key(1), 101), std::optional<uint64_t>(100));
    EXPECT_EQ(index.Find(Key(1)), std::optional<uint64_t>(101));
    EXPECT_EQ(index.Find(Key(2)), std::optional<uint64_t>(200));
    EXPECT_EQ(index.size(), 2u);
}

TEST_P(PrimaryIndexTest, EraseReturnsTheLocationTheKeyHad) {
    PrimaryIndex index = NewIndex();
    ASSERT_EQ(index.Upsert(Key(1), 100), std::nullopt);
    EXPECT_EQ(index.Erase(Key(1)), std::optional<uint64_t>(100));
    EXPECT_EQ(index.Erase(Key(1)), std::nullopt);
    EXPECT_EQ(index.Find(Key(1)), std::nullopt);
    EXPECT_TRUE(index.empty());
}

TEST_P(PrimaryIndexTest, EmptyIndexFindsNothingAndHoldsNoSlots) {
    PrimaryIndex index = NewIndex();
    EXPECT_EQ(index.Find(Key(7)), std::nullopt);
    EXPECT_EQ(index.Erase(Key(7)), std::nullopt);
    EXPECT_EQ(index.MemoryBytes(), sizeof(PrimaryIndex));
}

TEST_P(PrimaryIndexTest, LocationsAreOpaqueSixtyFourBitValues) {
    PrimaryIndex index = NewIndex();
    ASSERT_EQ(index.Upsert(Key(1), 0), std::nullopt);
    ASSERT_EQ(index.Upsert(Key(2), UINT64_MAX), std::nullopt);
    EXPECT_EQ(index.Find(Key(1)), std::optional<uint64_t>(0));
    EXPECT_EQ(index.Find(Key(2)), std::optional<uint64_t>(UINT64_MAX));
}

TEST_P(PrimaryIndexTest, MovedFromIndexIsEmptyAndUsable) {
    PrimaryIndex index = NewIndex();
    index.Upsert(Key(1), 10);
    index.Upsert(Key(INT64_MIN), 20);
    PrimaryIndex moved = std::move(index);
    EXPECT_EQ(moved.size(), 2u);
    EXPECT_EQ(moved.Find(Key(INT64_MIN)), std::optional<uint64_t>(20));
    EXPECT_TRUE(index.empty());  // NOLINT(bugprone-use-after-move): documented empty
    EXPECT_EQ(index.Find(Key(1)), std::nullopt);
    EXPECT_EQ(index.Upsert(Key(1), 30), std::nullopt);
    EXPECT_EQ(index.Find(Key(1)), std::optional<uint64_t>(30));
}

// The reference: std::unordered_map under a long random mix of upserts, erases and finds, through
// growth from empty, erase-heavy stretches (backward shifts, arena compaction) and regrowth.
TEST_P(PrimaryIndexTest, MatchesAReferenceMapUnderRandomOperations) {
    PrimaryIndex index = NewIndex();
    std::unordered_map<std::string, uint64_t> reference;
    std::mt19937_64 rng(fixed() ? 1 : 2);
    constexpr int kPhases = 6;
    constexpr int kOpsPerPhase = 100'000;
    for (int phase = 0; phase < kPhases; ++phase) {
        // Even phases mostly insert over a wide key range; odd phases mostly erase.
        const bool inserting = phase % 2 == 0;
        const int64_t key_range = 40'000 * (phase + 1);
        for (int op = 0; op < kOpsPerPhase; ++op) {
            const int64_t id = static_cast<int64_t>(rng() % static_cast<uint64_t>(key_range)) -
                               key_range / 4;  // negative ids too
            // INT64_MIN is the fast path's all-zero key, kept apart from the slots.
            const std::string key = Key(op % 5000 == 0 ? INT64_MIN : id);
            const uint64_t dice = rng() % 100;
            auto it = reference.find(key);
            const std::optional<uint64_t> expected =
                it == reference.end() ? std::nullopt : std::optional<uint64_t>(it->second);
            if (dice < (inserting ? 60u : 20u)) {
                const uint64_t location = rng();
                ASSERT_EQ(index.Upsert(key, location), expected) << "phase " << phase;
                reference[key] = location;
            } else if (dice < 85) {
                ASSERT_EQ(index.Erase(key), expected) << "phase " << phase;
                if (it != reference.end()) reference.erase(it);
            } else {
                ASSERT_EQ(index.Find(key), expected) << "phase " << phase;
            }
        }
        ASSERT_EQ(index.size(), reference.size()) << "phase " << phase;
    }
    for (const auto& [key, location] : reference) {
        ASSERT_EQ(index.Find(key), std::optional<uint64_t>(location));
    }
}

TEST_P(PrimaryIndexTest, ForEachVisitsEveryKeyOnceAndRewritesLocations) {
    PrimaryIndex index = NewIndex();
    std::map<std::string, uint64_t> expected;
    for (int64_t i = -500; i < 5000; i += 3) {
        index.Upsert(Key(i), static_cast<uint64_t>(i + 1000));
        expected[Key(i)] = static_cast<uint64_t>(i + 1000);
    }
    index.Upsert(Key(INT64_MIN), 7);
    expected[Key(INT64_MIN)] = 7;
    for (int64_t i = -500; i < 5000; i += 6) {
        index.Erase(Key(i));
        expected.erase(Key(i));
    }

    // A compaction moved every row of "segment" location / 1000 == 2 elsewhere.
    std::map<std::string, uint64_t> visited;
    index.ForEach([&](std::string_view key, uint64_t& location) {
        EXPECT_TRUE(visited.emplace(std::string(key), location).second) << "visited twice";
        if (location / 1000 == 2) location += 1'000'000;
    });
    EXPECT_EQ(visited, expected);
    for (const auto& [key, location] : expected) {
        const uint64_t now = location / 1000 == 2 ? location + 1'000'000 : location;
        EXPECT_EQ(index.Find(key), std::optional<uint64_t>(now));
    }
}

TEST_P(PrimaryIndexTest, ReserveMakesRoomWithoutRehashing) {
    constexpr int64_t kKeys = 100'000;
    PrimaryIndex index = NewIndex();
    index.Reserve(kKeys);
    const size_t reserved = index.MemoryBytes();
    EXPECT_GE(reserved, kKeys * sizeof(RobinHoodSlots::Slot));
    if (fixed()) {
        for (int64_t i = 0; i < kKeys; ++i) ASSERT_EQ(index.Upsert(Key(i), 1), std::nullopt);
        EXPECT_EQ(index.MemoryBytes(), reserved);  // no arena; slots untouched
    }
    index.Reserve(10);  // never shrinks
    EXPECT_GE(index.MemoryBytes(), reserved);
}

TEST(PrimaryIndexFastPathTest, AllZeroKeyIsAnOrdinaryKey) {
    PrimaryIndex index(8);
    const std::string zero(8, '\0');
    EXPECT_EQ(index.Find(zero), std::nullopt);
    EXPECT_EQ(index.Upsert(zero, 5), std::nullopt);
    EXPECT_EQ(index.Upsert(BigIntKey(0), 6), std::nullopt);
    EXPECT_EQ(index.size(), 2u);
    EXPECT_EQ(index.Upsert(zero, 9), std::optional<uint64_t>(5));
    EXPECT_EQ(index.Find(zero), std::optional<uint64_t>(9));
    EXPECT_EQ(index.Erase(zero), std::optional<uint64_t>(9));
    EXPECT_EQ(index.Find(zero), std::nullopt);
    EXPECT_EQ(index.Find(BigIntKey(0)), std::optional<uint64_t>(6));
    EXPECT_EQ(index.size(), 1u);
}

TEST(PrimaryIndexFastPathTest, RefusesKeysOfAnotherSize) {
    PrimaryIndex index(8);
    EXPECT_DEATH(index.Upsert("1234567", 1), "not 8 bytes");
}

TEST(PrimaryIndexArenaTest, ErasedKeysAreReclaimedFromTheArena) {
    PrimaryIndex index(0);
    constexpr int kKeys = 200'000;
    auto key = [](int i) { return "customer-" + std::to_string(i) + std::string(20, 'x'); };
    for (int i = 0; i < kKeys; ++i) {
        ASSERT_EQ(index.Upsert(key(i), static_cast<uint64_t>(i)), std::nullopt);
    }
    const size_t full = index.MemoryBytes();
    for (int i = 0; i < kKeys; ++i) {
        if (i % 100 != 0) {
            ASSERT_EQ(index.Erase(key(i)), std::optional<uint64_t>(i));
        }
    }
    // The slots keep their capacity; the arena, about 40 bytes a key, shrank with compaction.
    EXPECT_LT(index.MemoryBytes(), full - kKeys * 30);
    for (int i = 0; i < kKeys; i += 100) {
        ASSERT_EQ(index.Find(key(i)), std::optional<uint64_t>(i));
    }
    size_t visited = 0;
    index.ForEach([&](std::string_view k, uint64_t& location) {
        EXPECT_EQ(k, key(static_cast<int>(location)));
        ++visited;
    });
    EXPECT_EQ(visited, index.size());
}

TEST(PrimaryIndexArenaTest, OverwritingALocationLeavesNoGarbage) {
    PrimaryIndex index(0);
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(index.Upsert(std::to_string(i), 1), std::nullopt);
    const size_t before = index.MemoryBytes();
    for (int round = 0; round < 100; ++round) {
        for (int i = 0; i < 1000; ++i) {
            index.Upsert(std::to_string(i), static_cast<uint64_t>(round));
        }
    }
    EXPECT_EQ(index.MemoryBytes(), before);
}

// The figures that size a server: bytes per key of one million keys. Printed, and bounded by the
// targets (BIGINT <= 24 bytes, 20-byte strings <= 60 bytes) when the count is reserved.
TEST(PrimaryIndexMemoryTest, ReportsBytesPerKeyForAMillionKeys) {
    constexpr int64_t kKeys = 1'000'000;
    auto bytes_per_key = [](const PrimaryIndex& index) {
        return static_cast<double>(index.MemoryBytes()) / static_cast<double>(index.size());
    };
    auto string_key = [](int64_t i) {
        char key[21];
        std::snprintf(key, sizeof(key), "key-%016lld", static_cast<long long>(i * 7919));
        return std::string(key, 20);
    };

    std::vector<std::string> bigint_keys;
    std::vector<std::string> string_keys;
    for (int64_t i = 0; i < kKeys; ++i) {
        bigint_keys.push_back(BigIntKey(i * 2654435761));
        string_keys.push_back(string_key(i));
    }
    auto build = [&](const std::vector<std::string>& keys, size_t fixed_size, bool reserve) {
        PrimaryIndex index(fixed_size);
        if (reserve) index.Reserve(keys.size());
        for (size_t i = 0; i < keys.size(); ++i) index.Upsert(keys[i], i);
        return index;
    };
    const PrimaryIndex bigint_reserved = build(bigint_keys, 8, true);
    const PrimaryIndex bigint_grown = build(bigint_keys, 8, false);
    const PrimaryIndex string_reserved = build(string_keys, 0, true);
    const PrimaryIndex string_grown = build(string_keys, 0, false);
    ASSERT_EQ(bigint_grown.size(), static_cast<size_t>(kKeys));
    ASSERT_EQ(string_grown.size(), static_cast<size_t>(kKeys));
    std::printf(
        "[ memory   ] 1M BIGINT keys: %.1f bytes/key reserved, %.1f grown; "
        "1M 20-byte keys: %.1f bytes/key reserved, %.1f grown\n",
        bytes_per_key(bigint_reserved), bytes_per_key(bigint_grown), bytes_per_key(string_reserved),
        bytes_per_key(string_grown));
    RecordProperty("bigint_bytes_per_key_reserved",
                   static_cast<int>(bytes_per_key(bigint_reserved)));
    RecordProperty("bigint_bytes_per_key_grown", static_cast<int>(bytes_per_key(bigint_grown)));
    RecordProperty("string20_bytes_per_key_reserved",
                   static_cast<int>(bytes_per_key(string_reserved)));
    RecordProperty("string20_bytes_per_key_grown", static_cast<int>(bytes_per_key(string_grown)));

    // At most 7/8 full: 16 / 0.875 = 18.3 bytes of slot per key when reserved, at worst 1.5x
    // that after growth; the arena adds 24 bytes per 20-byte key, at worst 1.5x.
    EXPECT_LE(bytes_per_key(bigint_reserved), 19.0);
    EXPECT_LE(bytes_per_key(bigint_grown), 28.0);
    EXPECT_LE(bytes_per_key(string_reserved), 60.0);
    EXPECT_LE(bytes_per_key(string_grown), 64.0);
    EXPECT_GE(bytes_per_key(string_reserved), 16.0 + 24.0);
}

}  // namespace
}  // namespace tributary
