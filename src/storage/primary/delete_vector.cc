#include "storage/primary/delete_vector.h"

#include <fmt/format.h>
#include <roaring/roaring.h>

#include <numeric>

#include "base/check.h"
#include "storage/segment/byte_io.h"
#include "storage/segment/crc32c.h"

namespace tributary {
namespace {

constexpr size_t kHeaderBytes = sizeof(uint8_t) + sizeof(uint32_t);  // version, bitmap length
constexpr size_t kTrailerBytes = sizeof(uint32_t);                   // CRC32C
// MemoryBytes' allowance per container beyond its values: the container struct and its entry
// in the bitmap's key, type and pointer arrays.
constexpr size_t kContainerOverheadBytes = 32;

roaring_bitmap_t* NewBitmap() {
    roaring_bitmap_t* bitmap = roaring_bitmap_create();
    TRIBUTARY_CHECK(bitmap != nullptr, "out of memory creating a roaring bitmap");
    return bitmap;
}

roaring_bitmap_t* CopyBitmap(const roaring_bitmap_t* bitmap) {
    roaring_bitmap_t* copy = roaring_bitmap_copy(bitmap);
    TRIBUTARY_CHECK(copy != nullptr, "out of memory copying a roaring bitmap");
    return copy;
}

// Smallest representation: run containers where they are smaller, no spare capacity.
void Compress(roaring_bitmap_t* bitmap) {
    roaring_bitmap_run_optimize(bitmap);
    roaring_bitmap_shrink_to_fit(bitmap);
}

// Rebuilds a bitmap parsed from untrusted bytes out of the values it yields. CRoaring's safe
// parser bounds its reads but does not check that containers are well formed (sorted, runs
// within 16 bits, cardinalities true), and later operations on a malformed one may write out of
// bounds. roaring_iterate only reads each container within its own bounds; the values must
// strictly ascend, and the copy is well formed by construction.
class AscendingRebuild {
public:
    AscendingRebuild() : rebuilt_(NewBitmap()) {}
    ~AscendingRebuild() {
        if (rebuilt_ != nullptr) roaring_bitmap_free(rebuilt_);
    }
    AscendingRebuild(const AscendingRebuild&) = delete;
    AscendingRebuild& operator=(const AscendingRebuild&) = delete;

    // roaring_iterate's callback: false stops the iteration at the first value out of order.
    static bool Visit(uint32_t value, void* self) {
        return static_cast<AscendingRebuild*>(self)->Take(value);
    }

    bool ascending() const { return ascending_; }
    uint64_t count() const { return count_; }
    // The rebuilt bitmap, compressed; the caller owns it.
    roaring_bitmap_t* Finish() {
        Flush();
        Compress(rebuilt_);
        return std::exchange(rebuilt_, nullptr);
    }

private:
    static constexpr size_t kBatch = 1024;

    bool Take(uint32_t value) {
        if (count_ > 0 && value <= last_) {
            ascending_ = false;
            return false;
        }
        last_ = value;
        ++count_;
        batch_[batch_size_++] = value;
        if (batch_size_ == kBatch) Flush();
        return true;
    }
    void Flush() {
        roaring_bitmap_add_many(rebuilt_, batch_size_, batch_);
        batch_size_ = 0;
    }

    roaring_bitmap_t* rebuilt_;
    uint32_t batch_[kBatch];
    size_t batch_size_ = 0;
    uint64_t count_ = 0;
    uint32_t last_ = 0;
    bool ascending_ = true;
};

// Appends begin, begin + 1, ..., end - 1.
void AppendRange(uint32_t begin, uint32_t end, std::vector<uint32_t>* out) {
    if (begin >= end) return;
    const size_t old_size = out->size();
    out->resize(old_size + (end - begin));
    std::iota(out->begin() + static_cast<std::ptrdiff_t>(old_size), out->end(), begin);
}

}  // namespace

void DeleteVector::RoaringDeleter::operator()(roaring_bitmap_s* bitmap) const {
    roaring_bitmap_free(bitmap);
}

DeleteVector::DeleteVector() = default;
DeleteVector::~DeleteVector() = default;
DeleteVector::DeleteVector(DeleteVector&& other) noexcept = default;
DeleteVector& DeleteVector::operator=(DeleteVector&& other) noexcept = default;

DeleteVector::DeleteVector(const DeleteVector& other)
    : bitmap_(other.bitmap_ != nullptr ? CopyBitmap(other.bitmap_.get()) : nullptr) {}

DeleteVector& DeleteVector::operator=(const DeleteVector& other) {
    if (this != &other) {
        bitmap_.reset(other.bitmap_ != nullptr ? CopyBitmap(other.bitmap_.get()) : nullptr);
    }
    return *this;
}

roaring_bitmap_s* DeleteVector::MutableBitmap() {
    if (bitmap_ == nullptr) bitmap_.reset(NewBitmap());
    return bitmap_.get();
}

void DeleteVector::Add(uint32_t row) { roaring_bitmap_add(MutableBitmap(), row); }

void DeleteVector::AddMany(std::span<const uint32_t> rows) {
    if (rows.empty()) return;
    roaring_bitmap_add_many(MutableBitmap(), rows.size(), rows.data());
    Compress(bitmap_.get());
}

bool DeleteVector::Contains(uint32_t row) const {
    return bitmap_ != nullptr && roaring_bitmap_contains(bitmap_.get(), row);
}

uint64_t DeleteVector::Cardinality() const {
    return bitmap_ != nullptr ? roaring_bitmap_get_cardinality(bitmap_.get()) : 0;
}

bool DeleteVector::empty() const {
    return bitmap_ == nullptr || roaring_bitmap_is_empty(bitmap_.get());
}

// Walks the deleted rows from `begin` on (in batches, through CRoaring's iterator) and appends
// the gaps between them. No exact reserve: callers append page after page to one vector, and
// the vector's own geometric growth keeps that linear.
void DeleteVector::KeptRows(uint32_t begin, uint32_t end, std::vector<uint32_t>* out) const {
    if (begin >= end) return;
    uint32_t next = begin;  // the first row of the range not yet appended or skipped
    if (bitmap_ != nullptr) {
        roaring_uint32_iterator_t it;
        roaring_init_iterator(bitmap_.get(), &it);
        if (roaring_move_uint32_iterator_equalorlarger(&it, begin)) {
            constexpr uint32_t kBatch = 256;
            uint32_t rows[kBatch];
            bool past_end = false;
            while (!past_end) {
                const uint32_t n = roaring_read_uint32_iterator(&it, rows, kBatch);
                if (n == 0) break;
                for (uint32_t k = 0; k < n; ++k) {
                    if (rows[k] >= end) {
                        past_end = true;
                        break;
                    }
                    AppendRange(next, rows[k], out);
                    next = rows[k] + 1;  // rows[k] < end <= UINT32_MAX: no overflow
                }
            }
        }
    }
    AppendRange(next, end, out);
}

std::string DeleteVector::Serialize() const {
    Bitmap empty_bitmap;
    const roaring_bitmap_t* bitmap = bitmap_.get();
    if (bitmap == nullptr) {
        empty_bitmap.reset(NewBitmap());
        bitmap = empty_bitmap.get();
    }
    const size_t bitmap_bytes = roaring_bitmap_portable_size_in_bytes(bitmap);
    TRIBUTARY_CHECK(bitmap_bytes <= UINT32_MAX, "delete vector bitmap of 4 GiB or more");

    std::string out;
    out.reserve(kHeaderBytes + bitmap_bytes + kTrailerBytes);
    ByteWriter writer(&out);
    writer.Put<uint8_t>(kFormatVersion);
    writer.Put<uint32_t>(static_cast<uint32_t>(bitmap_bytes));
    out.resize(kHeaderBytes + bitmap_bytes);
    const size_t written = roaring_bitmap_portable_serialize(bitmap, out.data() + kHeaderBytes);
    TRIBUTARY_CHECK(written == bitmap_bytes, "roaring wrote another size than it announced");
    writer.Put<uint32_t>(crc32c::Value(out));
    return out;
}

StatusOr<DeleteVector> DeleteVector::Deserialize(std::string_view bytes, std::string_view what) {
    auto corrupt = [&](std::string detail) {
        return Status::Corruption(fmt::format("{}: delete vector {}", what, detail));
    };
    if (bytes.size() < kHeaderBytes + kTrailerBytes) {
        return corrupt(fmt::format("is truncated: {} bytes, fewer than the {} of an empty one",
                                   bytes.size(), kHeaderBytes + kTrailerBytes));
    }
    ByteReader reader(bytes);
    uint8_t version = 0;
    uint32_t bitmap_bytes = 0;
    uint32_t stored_crc = 0;
    std::string_view bitmap;
    if (!reader.Get(&version) || !reader.Get(&bitmap_bytes) ||
        bytes.size() - kHeaderBytes - kTrailerBytes != bitmap_bytes ||
        !reader.GetBytes(bitmap_bytes, &bitmap) || !reader.Get(&stored_crc)) {
        return corrupt(fmt::format(
            "has {} bytes, but its header announces a bitmap of {} bytes "
            "({} in all)",
            bytes.size(), bitmap_bytes, uint64_t{bitmap_bytes} + kHeaderBytes + kTrailerBytes));
    }
    const uint32_t actual_crc = crc32c::Value(bytes.data(), kHeaderBytes + bitmap_bytes);
    if (actual_crc != stored_crc) {
        return corrupt(fmt::format("fails its checksum: stored CRC32C {:08x}, computed {:08x}",
                                   stored_crc, actual_crc));
    }
    if (version != kFormatVersion) {
        return corrupt(fmt::format("has format version {}; this build reads version {}", version,
                                   kFormatVersion));
    }
    // Bounds-checked like the parse itself, but silent: CRoaring 0.2 prints why a parse fails.
    const size_t parsable = roaring_bitmap_portable_deserialize_size(bitmap.data(), bitmap.size());
    if (parsable == 0 || parsable != bitmap.size()) {
        return corrupt(fmt::format("holds no Roaring bitmap of exactly {} bytes", bitmap.size()));
    }
    Bitmap parsed(roaring_bitmap_portable_deserialize_safe(bitmap.data(), bitmap.size()));
    if (parsed == nullptr) return corrupt("holds a Roaring bitmap that does not parse");

    AscendingRebuild rebuild;
    roaring_iterate(parsed.get(), &AscendingRebuild::Visit, &rebuild);
    if (!rebuild.ascending()) return corrupt("holds a Roaring bitmap whose rows do not ascend");
    const uint64_t claimed = roaring_bitmap_get_cardinality(parsed.get());
    if (rebuild.count() != claimed) {
        return corrupt(fmt::format("holds a Roaring bitmap of {} rows whose containers claim {}",
                                   rebuild.count(), claimed));
    }
    return DeleteVector(Bitmap(rebuild.Finish()));
}

size_t DeleteVector::MemoryBytes() const {
    if (bitmap_ == nullptr) return 0;
    roaring_statistics_t stats;
    roaring_bitmap_statistics(bitmap_.get(), &stats);
    return sizeof(roaring_bitmap_t) + size_t{stats.n_bytes_array_containers} +
           stats.n_bytes_run_containers + stats.n_bytes_bitset_containers +
           size_t{stats.n_containers} * kContainerOverheadBytes;
}

bool DeleteVector::operator==(const DeleteVector& other) const {
    if (empty() || other.empty()) return empty() && other.empty();
    return roaring_bitmap_equals(bitmap_.get(), other.bitmap_.get());
}

}  // namespace tributary
