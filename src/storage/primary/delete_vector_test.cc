#include "storage/primary/delete_vector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "storage/segment/crc32c.h"

namespace tributary {
namespace {

// The reference for KeptRows: a plain mask of the deleted rows, one lookup per row.
class DeletedRowsReference {
public:
    explicit DeletedRowsReference(const std::set<uint32_t>& deleted) : high_(deleted) {
        for (uint32_t row : deleted) {
            if (row < kLowRows) low_[row] = true;
        }
    }
    bool Contains(uint32_t row) const { return row < kLowRows ? low_[row] : high_.count(row) > 0; }
    std::vector<uint32_t> KeptRows(uint32_t begin, uint32_t end) const {
        std::vector<uint32_t> kept;
        for (uint64_t row = begin; row < end; ++row) {
            if (!Contains(static_cast<uint32_t>(row))) kept.push_back(static_cast<uint32_t>(row));
        }
        return kept;
    }

private:
    static constexpr uint32_t kLowRows = 1 << 20;
    std::vector<bool> low_ = std::vector<bool>(kLowRows);
    std::set<uint32_t> high_;
};

std::vector<uint32_t> KeptRows(const DeleteVector& dv, uint32_t begin, uint32_t end) {
    std::vector<uint32_t> kept;
    dv.KeptRows(begin, end, &kept);
    return kept;
}

// The serialized envelope around arbitrary bitmap bytes, with a correct length and CRC: the
// format of delete_vector.h, written independently of Serialize.
std::string Envelope(std::string_view bitmap, uint8_t version = 1) {
    std::string out(1, static_cast<char>(version));
    const auto size = static_cast<uint32_t>(bitmap.size());
    out.append(reinterpret_cast<const char*>(&size), sizeof(size));
    out.append(bitmap);
    const uint32_t crc = crc32c::Value(out);
    out.append(reinterpret_cast<const char*>(&crc), sizeof(crc));
    return out;
}

// Little-endian writers for hand-made Roaring portable bitmaps (RoaringFormatSpec).
void PutU16(std::string* out, uint16_t v) { out->append(reinterpret_cast<const char*>(&v), 2); }
void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }

// A bitmap of array containers without runs: (key, values) per container, as given (so that
// tests can break the format's rules).
std::string ArrayBitmap(const std::vector<std::pair<uint16_t, std::vector<uint16_t>>>& containers) {
    std::string out;
    PutU32(&out, 12346);  // SERIAL_COOKIE_NO_RUNCONTAINER
    PutU32(&out, static_cast<uint32_t>(containers.size()));
    for (const auto& [key, values] : containers) {
        PutU16(&out, key);
        PutU16(&out, static_cast<uint16_t>(values.size() - 1));
    }
    uint32_t offset = static_cast<uint32_t>(out.size() + 4 * containers.size());
    for (const auto& container : containers) {
        PutU32(&out, offset);
        offset += static_cast<uint32_t>(2 * container.second.size());
    }
    for (const auto& container : containers) {
        for (uint16_t v : container.second) PutU16(&out, v);
    }
    return out;
}

// One run container at key 0 holding the given (start, length) runs, cardinality `card`.
std::string RunBitmap(const std::vector<std::pair<uint16_t, uint16_t>>& runs, uint16_t card) {
    std::string out;
    PutU32(&out, 12347);     // SERIAL_COOKIE, one container ((size - 1) << 16 is 0)
    out.push_back(1);        // container 0 is a run container
    PutU16(&out, 0);         // key
    PutU16(&out, card - 1);  // cardinality - 1
    PutU16(&out, static_cast<uint16_t>(runs.size()));
    for (const auto& [start, length] : runs) {
        PutU16(&out, start);
        PutU16(&out, length);
    }
    return out;
}

// Whatever Deserialize makes of `bytes`: Corruption naming `what`, or a vector that behaves.
void ExpectCorruptionOrWellFormed(const std::string& bytes) {
    auto dv = DeleteVector::Deserialize(bytes, "seg-9.dv");
    if (!dv.ok()) {
        EXPECT_EQ(dv.status().code(), Status::Code::kCorruption);
        EXPECT_NE(dv.status().message().find("seg-9.dv"), std::string_view::npos);
        return;
    }
    constexpr uint32_t kWindow = 70'000;  // across the first container boundary
    std::vector<uint32_t> expected_kept;
    for (uint32_t row = 0; row < kWindow; ++row) {
        if (!dv->Contains(row)) expected_kept.push_back(row);
    }
    EXPECT_EQ(KeptRows(*dv, 0, kWindow), expected_kept);
    dv->Add(5);
    dv->AddMany(std::vector<uint32_t>{70000, 70001, 9});
    auto again = DeleteVector::Deserialize(dv->Serialize(), "again");
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, *dv);
}

DeleteVector FromRows(const std::set<uint32_t>& rows) {
    DeleteVector dv;
    dv.AddMany(std::vector<uint32_t>(rows.begin(), rows.end()));
    return dv;
}

// Shapes that exercise each Roaring container: sparse (array), dense (bitset), runs, the ends of
// the uint32 range, and nothing at all.
std::vector<std::set<uint32_t>> SampleRowSets() {
    std::mt19937 rng(11);
    std::vector<std::set<uint32_t>> sets(6);
    sets[1] = {0, UINT32_MAX, 65535, 65536};
    for (int i = 0; i < 500; ++i) sets[2].insert(rng() % 1'000'000);   // sparse
    for (int i = 0; i < 30'000; ++i) sets[3].insert(rng() % 100'000);  // dense
    for (uint32_t r = 1000; r < 200'000; ++r) sets[4].insert(r);       // one run
    for (uint32_t r = 0; r < 300'000; r += (r % 1000 < 500 ? 1 : 500)) sets[5].insert(r);  // runs
    return sets;
}

TEST(DeleteVectorTest, StartsEmpty) {
    DeleteVector dv;
    EXPECT_TRUE(dv.empty());
    EXPECT_EQ(dv.Cardinality(), 0u);
    EXPECT_FALSE(dv.Contains(0));
    EXPECT_EQ(dv.MemoryBytes(), 0u);
    EXPECT_EQ(KeptRows(dv, 3, 7), (std::vector<uint32_t>{3, 4, 5, 6}));
}

TEST(DeleteVectorTest, AddMarksRowsDeletedOnce) {
    DeleteVector dv;
    dv.Add(7);
    dv.Add(7);
    dv.Add(0);
    dv.Add(UINT32_MAX);
    EXPECT_FALSE(dv.empty());
    EXPECT_EQ(dv.Cardinality(), 3u);
    EXPECT_TRUE(dv.Contains(0));
    EXPECT_TRUE(dv.Contains(7));
    EXPECT_TRUE(dv.Contains(UINT32_MAX));
    EXPECT_FALSE(dv.Contains(6));
    EXPECT_FALSE(dv.Contains(8));
}

TEST(DeleteVectorTest, AddManyTakesRowsInAnyOrderWithDuplicates) {
    DeleteVector dv;
    dv.AddMany(std::vector<uint32_t>{9, 3, 9, 100000, 3, 4});
    dv.AddMany({});
    EXPECT_EQ(dv.Cardinality(), 4u);
    EXPECT_EQ(KeptRows(dv, 0, 10), (std::vector<uint32_t>{0, 1, 2, 5, 6, 7, 8}));
    EXPECT_TRUE(dv.Contains(100000));
}

TEST(DeleteVectorTest, KeptRowsMatchesARowByRowFilter) {
    std::mt19937 rng(5);
    for (const std::set<uint32_t>& deleted : SampleRowSets()) {
        const DeletedRowsReference reference(deleted);
        const DeleteVector dv = FromRows(deleted);
        DeleteVector added_one_by_one;
        for (uint32_t row : deleted) added_one_by_one.Add(row);
        ASSERT_EQ(dv.Cardinality(), deleted.size());
        for (int i = 0; i < 60; ++i) {
            // Ranges of pages, crossing 65536-row container boundaries now and then.
            const uint32_t begin = rng() % 400'000;
            const uint32_t end = begin + rng() % (i % 3 == 0 ? 140'000 : 4096);
            ASSERT_EQ(KeptRows(dv, begin, end), reference.KeptRows(begin, end))
                << "[" << begin << ", " << end << ") of " << deleted.size() << " deleted";
            ASSERT_EQ(KeptRows(added_one_by_one, begin, end), reference.KeptRows(begin, end));
        }
        EXPECT_EQ(KeptRows(dv, UINT32_MAX - 3, UINT32_MAX),
                  reference.KeptRows(UINT32_MAX - 3, UINT32_MAX));
    }
}

TEST(DeleteVectorTest, KeptRowsAppendsAndIgnoresEmptyRanges) {
    DeleteVector dv;
    dv.AddMany(std::vector<uint32_t>{2, 3});
    std::vector<uint32_t> out = {99};
    dv.KeptRows(0, 5, &out);
    dv.KeptRows(5, 5, &out);
    dv.KeptRows(9, 4, &out);
    EXPECT_EQ(out, (std::vector<uint32_t>{99, 0, 1, 4}));
    out.clear();
    dv.KeptRows(2, 4, &out);
    EXPECT_TRUE(out.empty());
}

TEST(DeleteVectorTest, CopiesAreDeepAndMovesLeaveTheSourceEmpty) {
    DeleteVector original;
    original.Add(1);
    DeleteVector copy = original;
    copy.Add(2);
    EXPECT_FALSE(original.Contains(2));
    EXPECT_TRUE(copy.Contains(1));

    DeleteVector assigned;
    assigned.Add(50);
    assigned = copy;
    EXPECT_FALSE(assigned.Contains(50));
    EXPECT_EQ(assigned, copy);
    assigned = DeleteVector();
    EXPECT_TRUE(assigned.empty());

    DeleteVector moved = std::move(copy);
    EXPECT_EQ(moved.Cardinality(), 2u);
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is documented empty
    copy.Add(3);                // and usable
    EXPECT_TRUE(copy.Contains(3));
}

TEST(DeleteVectorTest, EqualityComparesTheRows) {
    DeleteVector a;
    DeleteVector b;
    EXPECT_EQ(a, b);
    a.Add(4);
    EXPECT_NE(a, b);
    b.AddMany(std::vector<uint32_t>{4});
    EXPECT_EQ(a, b);
}

TEST(DeleteVectorTest, SerializeRoundTrips) {
    for (const std::set<uint32_t>& rows : SampleRowSets()) {
        const DeleteVector dv = FromRows(rows);
        const std::string bytes = dv.Serialize();
        auto back = DeleteVector::Deserialize(bytes, "seg-1.dv");
        ASSERT_TRUE(back.ok()) << back.status().ToString();
        EXPECT_EQ(*back, dv);
        EXPECT_EQ(back->Cardinality(), rows.size());
        EXPECT_EQ(back->Serialize(), bytes);
    }
}

TEST(DeleteVectorTest, SerializedFormIsTheDocumentedEnvelope) {
    DeleteVector dv;
    dv.Add(42);
    const std::string bytes = dv.Serialize();
    ASSERT_GE(bytes.size(), 9u);
    EXPECT_EQ(bytes[0], 1);
    uint32_t bitmap_size;
    std::memcpy(&bitmap_size, bytes.data() + 1, 4);
    EXPECT_EQ(bytes.size(), 9u + bitmap_size);
    EXPECT_EQ(bytes, Envelope(bytes.substr(5, bitmap_size)));
    EXPECT_EQ(bytes.substr(5, bitmap_size), ArrayBitmap({{0, {42}}}));
}

TEST(DeleteVectorTest, EveryTruncationIsCorruption) {
    const std::string bytes = FromRows(SampleRowSets()[5]).Serialize();
    for (size_t length = 0; length < bytes.size(); ++length) {
        auto dv = DeleteVector::Deserialize(std::string_view(bytes).substr(0, length), "seg-2.dv");
        ASSERT_FALSE(dv.ok()) << "truncated to " << length;
        EXPECT_EQ(dv.status().code(), Status::Code::kCorruption);
        EXPECT_NE(dv.status().message().find("seg-2.dv"), std::string_view::npos);
    }
}

TEST(DeleteVectorTest, EveryFlippedByteIsCorruption) {
    for (const std::set<uint32_t>& rows : SampleRowSets()) {
        const std::string original = FromRows(rows).Serialize();
        if (original.size() > 4096) continue;  // the small shapes cover every field
        for (size_t i = 0; i < original.size(); ++i) {
            for (uint8_t mask : {0x01, 0x80, 0xff}) {
                std::string bytes = original;
                bytes[i] = static_cast<char>(bytes[i] ^ mask);
                auto dv = DeleteVector::Deserialize(bytes, "seg-3.dv");
                ASSERT_FALSE(dv.ok()) << "byte " << i << " ^ " << int{mask};
                EXPECT_EQ(dv.status().code(), Status::Code::kCorruption);
            }
        }
    }
}

TEST(DeleteVectorTest, RandomDamageIsCorruption) {
    const std::string original = FromRows(SampleRowSets()[3]).Serialize();
    std::mt19937_64 rng(3);
    for (int trial = 0; trial < 300; ++trial) {
        std::string bytes = original;
        const int flips = 1 + static_cast<int>(rng() % 8);
        for (int f = 0; f < flips; ++f) {
            bytes[rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255);
        }
        if (trial % 2 == 1) bytes.resize(rng() % bytes.size());
        auto dv = DeleteVector::Deserialize(bytes, "seg-4.dv");
        ASSERT_FALSE(dv.ok()) << "trial " << trial;
        EXPECT_EQ(dv.status().code(), Status::Code::kCorruption);
    }
}

TEST(DeleteVectorTest, GarbageIsCorruption) {
    std::mt19937_64 rng(4);
    for (int trial = 0; trial < 2000; ++trial) {
        std::string bytes(rng() % 64, '\0');
        for (char& c : bytes) c = static_cast<char>(rng());
        EXPECT_FALSE(DeleteVector::Deserialize(bytes, "seg-5.dv").ok());
    }
}

TEST(DeleteVectorTest, RefusesAnUnknownFormatVersion) {
    auto dv = DeleteVector::Deserialize(Envelope(ArrayBitmap({{0, {1}}}), 2), "seg-6.dv");
    ASSERT_FALSE(dv.ok());
    EXPECT_EQ(dv.status().code(), Status::Code::kCorruption);
    EXPECT_NE(dv.status().message().find("version 2"), std::string_view::npos);
}

// Bitmaps that break Roaring's rules inside a valid envelope (a CRC only catches accidents).
TEST(DeleteVectorTest, RefusesMalformedBitmapsBehindAValidChecksum) {
    auto expect_corruption = [](const std::string& bitmap, std::string_view why) {
        auto dv = DeleteVector::Deserialize(Envelope(bitmap), "seg-7.dv");
        ASSERT_FALSE(dv.ok()) << why;
        EXPECT_EQ(dv.status().code(), Status::Code::kCorruption);
        EXPECT_NE(dv.status().message().find("seg-7.dv"), std::string_view::npos);
    };
    expect_corruption(ArrayBitmap({{0, {5, 3, 9}}}), "array values out of order");
    expect_corruption(ArrayBitmap({{0, {5, 5}}}), "array value repeated");
    expect_corruption(ArrayBitmap({{2, {0}}, {1, {0}}}), "container keys out of order");
    expect_corruption(ArrayBitmap({{1, {9}}, {1, {3}}}), "container key repeated");
    expect_corruption(RunBitmap({{10, 5}, {12, 5}}, 12), "runs overlap");
    expect_corruption(ArrayBitmap({{0, {1}}}) + "x", "bytes after the bitmap");
    expect_corruption(ArrayBitmap({{0, {1, 2}}}).substr(0, 17), "bitmap cut short");

    // A bitset container (cardinality above 4096) whose bits disagree with its cardinality.
    std::string bitset;
    PutU32(&bitset, 12346);
    PutU32(&bitset, 1);
    PutU16(&bitset, 0);
    PutU16(&bitset, 5000 - 1);
    PutU32(&bitset, 16);
    bitset.append(8192, '\0');
    bitset[16] = 0x0f;  // four rows, not 5000
    expect_corruption(bitset, "bitset cardinality wrong");
}

TEST(DeleteVectorTest, MalformedButAscendingBitmapsComeOutWellFormed) {
    // A run reaching past its container's 65536 rows: either refused or rebuilt into rows that
    // every operation handles.
    ExpectCorruptionOrWellFormed(Envelope(RunBitmap({{65530, 100}}, 101)));
    ExpectCorruptionOrWellFormed(Envelope(RunBitmap({{0, 65535}, {0, 65535}}, 0)));
    ExpectCorruptionOrWellFormed(Envelope(ArrayBitmap({{1, {9}}, {1, {30}}})));
}

TEST(DeleteVectorTest, RandomBitmapBytesBehindAValidChecksumNeverCrash) {
    std::mt19937_64 rng(6);
    const std::string valid = ArrayBitmap({{0, {1, 2, 3}}, {3, {7}}, {9, {0, 65535}}});
    for (int trial = 0; trial < 1500; ++trial) {
        std::string bitmap = valid;
        const int flips = 1 + static_cast<int>(rng() % 4);
        for (int f = 0; f < flips; ++f) bitmap[rng() % bitmap.size()] = static_cast<char>(rng());
        ExpectCorruptionOrWellFormed(Envelope(bitmap));
        ExpectCorruptionOrWellFormed(Envelope(bitmap.substr(0, rng() % bitmap.size())));
    }
}

TEST(DeleteVectorTest, MemoryBytesFollowsTheContent) {
    DeleteVector sparse;
    for (uint32_t r = 0; r < 1000; ++r) sparse.Add(r * 1000);
    DeleteVector run;
    std::vector<uint32_t> rows(1'000'000);
    for (uint32_t r = 0; r < rows.size(); ++r) rows[r] = r;
    run.AddMany(rows);
    EXPECT_GT(sparse.MemoryBytes(), 1000 * sizeof(uint16_t));
    EXPECT_LT(sparse.MemoryBytes(), 1000 * sizeof(uint32_t) * 4);
    // A million contiguous rows are 16 runs, not a million values.
    EXPECT_LT(run.MemoryBytes(), 2048u);
}

}  // namespace
}  // namespace tributary
