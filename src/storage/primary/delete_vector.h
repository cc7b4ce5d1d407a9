// DeleteVector: the deleted rows of one segment of a PRIMARY KEY table (merge-on-write).
//
// When a load upserts or deletes a key that an older segment holds, the older row is not
// rewritten: its ordinal (uint32, the row's position in its segment) goes into that segment's
// delete vector, and readers skip it (KeptRows). The set is a compressed Roaring bitmap
// (CRoaring), so a few deletes cost a few bytes and a run of deletes costs a few more.
//
// Serialized form (Serialize / Deserialize), little-endian:
//   offset 0       u8    format version, 1
//   offset 1       u32   N, the byte length of the bitmap
//   offset 5       N     the bitmap in the Roaring portable format
//                        (https://github.com/RoaringBitmap/RoaringFormatSpec)
//   offset 5 + N   u32   CRC32C (storage/segment/crc32c.h) of bytes [0, 5 + N)
// Deserialize checks the lengths, the CRC, the version, then lets CRoaring parse the bitmap within
// its N bytes and rebuilds it from the values it yields, which must ascend: whatever the input,
// it returns a well-formed vector or Corruption, and never reads outside the bytes given.
//
// Ownership: a value type; copies are deep. A moved-from vector is empty.
// Thread safety: none; const methods may run concurrently with each other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct roaring_bitmap_s;  // CRoaring's bitmap; roaring.h stays in delete_vector.cc

namespace tributary {

class DeleteVector {
public:
    static constexpr uint8_t kFormatVersion = 1;

    DeleteVector();
    ~DeleteVector();
    DeleteVector(const DeleteVector& other);
    DeleteVector& operator=(const DeleteVector& other);
    DeleteVector(DeleteVector&& other) noexcept;
    DeleteVector& operator=(DeleteVector&& other) noexcept;

    // Marks `row` deleted (again is a no-op).
    void Add(uint32_t row);
    // Marks every row of `rows` deleted, in any order, duplicates allowed; then picks the
    // smallest representation (run-length where runs pay off).
    void AddMany(std::span<const uint32_t> rows);

    bool Contains(uint32_t row) const;
    // The number of deleted rows.
    uint64_t Cardinality() const;
    bool empty() const;

    // Appends to `out`, ascending, the rows of [begin, end) that are not deleted. Costs one step
    // per deleted row in the range plus one per appended row, never a lookup per row.
    void KeptRows(uint32_t begin, uint32_t end, std::vector<uint32_t>* out) const;

    // The serialized form (see the top of this file).
    std::string Serialize() const;
    // Reads a serialized vector. Corruption naming `what` (say, the segment's file) and what is
    // wrong when the bytes are not one.
    [[nodiscard]] static StatusOr<DeleteVector> Deserialize(std::string_view bytes,
                                                            std::string_view what);

    // Bytes of heap memory held: the bitmap's containers and its container index.
    size_t MemoryBytes() const;

    bool operator==(const DeleteVector& other) const;

private:
    struct RoaringDeleter {
        void operator()(roaring_bitmap_s* bitmap) const;
    };
    using Bitmap = std::unique_ptr<roaring_bitmap_s, RoaringDeleter>;

    explicit DeleteVector(Bitmap bitmap) : bitmap_(std::move(bitmap)) {}
    // The bitmap, created on the first write.
    roaring_bitmap_s* MutableBitmap();

    Bitmap bitmap_;  // null while nothing was ever deleted, and after a move
};

}  // namespace tributary
