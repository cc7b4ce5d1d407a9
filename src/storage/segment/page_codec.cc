#include "storage/segment/page_codec.h"

#include <lz4.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "base/check.h"
#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "column/type_dispatch.h"
#include "storage/segment/byte_io.h"
#include "storage/segment/crc32c.h"

namespace tributary {
namespace {

constexpr uint8_t kFlagHasNullBitmap = 1;
constexpr size_t kCrcCoveredHeaderBytes = 20;
// Larger bodies are possible only for absurd pages; refusing them bounds what a damaged header
// can make the reader allocate.
constexpr uint32_t kMaxUncompressedBody = 1u << 30;

// ---- bit packing: values of `width` bits, least significant bit first ----

void PackBits(const std::vector<uint64_t>& values, int width, std::string* out) {
    if (width == 0) return;
    size_t start = out->size();
    out->resize(start + (values.size() * width + 7) / 8, '\0');
    auto* p = reinterpret_cast<uint8_t*>(out->data() + start);
    size_t pos = 0;
    for (uint64_t v : values) {
        int left = width;
        while (left > 0) {
            int shift = static_cast<int>(pos % 8);
            int take = std::min(8 - shift, left);
            p[pos / 8] |= static_cast<uint8_t>((v & ((1u << take) - 1)) << shift);
            v = take == 64 ? 0 : v >> take;
            pos += take;
            left -= take;
        }
    }
}

uint64_t UnpackBits(const uint8_t* p, size_t index, int width) {
    uint64_t v = 0;
    size_t pos = index * width;
    int done = 0;
    while (done < width) {
        int shift = static_cast<int>(pos % 8);
        int take = std::min(8 - shift, width - done);
        uint64_t bits = (p[pos / 8] >> shift) & ((1u << take) - 1);
        v |= bits << done;
        pos += take;
        done += take;
    }
    return v;
}

int BitWidth(uint64_t max_value) { return 64 - std::countl_zero(max_value); }

// ---- fixed-width values ----

template <typename T>
constexpr bool kBitPackable = std::is_integral_v<T> && sizeof(T) <= 8;

template <typename T>
uint64_t ToU64(T v) {
    if constexpr (std::is_signed_v<T>) {
        return static_cast<uint64_t>(static_cast<int64_t>(v));
    } else {
        return static_cast<uint64_t>(v);
    }
}

template <typename T>
size_t CountRuns(const T* v, size_t n) {
    size_t runs = 1;
    for (size_t i = 1; i < n; ++i) runs += std::memcmp(&v[i], &v[i - 1], sizeof(T)) != 0;
    return runs;
}

template <typename T>
PageEncoding ChooseFixedEncoding(const T* v, size_t n) {
    size_t plain = n * sizeof(T);
    size_t rle = CountRuns(v, n) * (4 + sizeof(T));
    size_t packed = plain;
    if constexpr (kBitPackable<T>) {
        T lo = v[0];
        T hi = v[0];
        for (size_t i = 1; i < n; ++i) {
            lo = std::min(lo, v[i]);
            hi = std::max(hi, v[i]);
        }
        packed = sizeof(T) + 1 + (n * BitWidth(ToU64(hi) - ToU64(lo)) + 7) / 8;
    }
    if (rle < plain && rle <= packed) return PageEncoding::kRunLength;
    if (packed < plain) return PageEncoding::kBitPacked;
    return PageEncoding::kPlain;
}

template <typename T>
void EncodeFixed(const T* v, size_t n, PageEncoding encoding, std::string* out) {
    ByteWriter w(out);
    if (encoding == PageEncoding::kRunLength) {
        size_t i = 0;
        while (i < n) {
            size_t j = i + 1;
            while (j < n && std::memcmp(&v[j], &v[i], sizeof(T)) == 0) ++j;
            w.Put<uint32_t>(static_cast<uint32_t>(j - i));
            w.Put<T>(v[i]);
            i = j;
        }
        return;
    }
    if constexpr (kBitPackable<T>) {
        if (encoding == PageEncoding::kBitPacked) {
            T lo = *std::min_element(v, v + n);
            std::vector<uint64_t> deltas(n);
            uint64_t max_delta = 0;
            for (size_t i = 0; i < n; ++i) {
                deltas[i] = ToU64(v[i]) - ToU64(lo);
                max_delta = std::max(max_delta, deltas[i]);
            }
            int width = BitWidth(max_delta);
            w.Put<T>(lo);
            w.Put<uint8_t>(static_cast<uint8_t>(width));
            PackBits(deltas, width, out);
            return;
        }
    }
    out->append(reinterpret_cast<const char*>(v), n * sizeof(T));
}

template <typename T>
Status DecodeFixed(std::string_view body, PageEncoding encoding, size_t n, FixedColumn<T>* col) {
    std::vector<T>& data = col->data();
    size_t base = data.size();
    ByteReader r(body);
    if (encoding == PageEncoding::kPlain) {
        if (body.size() != n * sizeof(T)) {
            return Status::Corruption(fmt::format("plain page holds {} value bytes, expected {}",
                                                  body.size(), n * sizeof(T)));
        }
        data.resize(base + n);
        std::memcpy(data.data() + base, body.data(), body.size());
        return Status::OK();
    }
    if (encoding == PageEncoding::kRunLength) {
        data.reserve(base + n);
        size_t total = 0;
        while (total < n) {
            uint32_t run = 0;
            T value{};
            if (!r.Get(&run) || !r.Get(&value)) {
                return Status::Corruption("run-length page ends inside a run");
            }
            if (run == 0 || run > n - total) {
                return Status::Corruption(fmt::format("run-length page has a run of {} rows "
                                                      "with {} rows left", run, n - total));
            }
            data.insert(data.end(), run, value);
            total += run;
        }
        if (r.remaining() != 0) return Status::Corruption("run-length page has trailing bytes");
        return Status::OK();
    }
    if constexpr (kBitPackable<T>) {
        if (encoding == PageEncoding::kBitPacked) {
            T lo{};
            uint8_t width = 0;
            if (!r.Get(&lo) || !r.Get(&width)) return Status::Corruption("bit-packed page too short");
            if (width > 64) {
                return Status::Corruption(fmt::format("bit-packed page has width {}", width));
            }
            size_t need = (n * width + 7) / 8;
            if (r.remaining() != need) {
                return Status::Corruption(fmt::format("bit-packed page holds {} bytes, expected {}",
                                                      r.remaining(), need));
            }
            const auto* p = reinterpret_cast<const uint8_t*>(body.data() + r.position());
            data.resize(base + n);
            for (size_t i = 0; i < n; ++i) {
                data[base + i] = static_cast<T>(ToU64(lo) + UnpackBits(p, i, width));
            }
            return Status::OK();
        }
    }
    return Status::Corruption("page encoding does not apply to this column type");
}

// ---- strings ----

struct DictionaryPlan {
    std::vector<std::string_view> entries;
    std::vector<uint64_t> codes;
    size_t encoded_size = 0;
};

// A dictionary for the strings if they repeat enough to pay; nullopt otherwise.
std::optional<DictionaryPlan> PlanDictionary(const BinaryColumn& c, size_t offset, size_t n,
                                             bool forced) {
    DictionaryPlan plan;
    std::unordered_map<std::string_view, uint32_t> ids;
    plan.codes.reserve(n);
    size_t entry_bytes = 0;
    for (size_t i = offset; i < offset + n; ++i) {
        auto [it, inserted] = ids.try_emplace(c.value(i), static_cast<uint32_t>(ids.size()));
        if (inserted) {
            plan.entries.push_back(it->first);
            entry_bytes += 4 + it->first.size();
            if (!forced && plan.entries.size() > n / 2) return std::nullopt;  // low cardinality only
        }
        plan.codes.push_back(it->second);
    }
    int width = BitWidth(plan.entries.size() - 1);
    plan.encoded_size = 4 + entry_bytes + 1 + (n * width + 7) / 8;
    return plan;
}

void EncodeDictionary(const DictionaryPlan& plan, std::string* out) {
    ByteWriter w(out);
    w.Put<uint32_t>(static_cast<uint32_t>(plan.entries.size()));
    for (std::string_view e : plan.entries) w.Put<uint32_t>(static_cast<uint32_t>(e.size()));
    for (std::string_view e : plan.entries) w.PutBytes(e);
    int width = BitWidth(plan.entries.size() - 1);
    w.Put<uint8_t>(static_cast<uint8_t>(width));
    PackBits(plan.codes, width, out);
}

void EncodePlainStrings(const BinaryColumn& c, size_t offset, size_t n, std::string* out) {
    ByteWriter w(out);
    for (size_t i = offset; i < offset + n; ++i) {
        w.Put<uint32_t>(static_cast<uint32_t>(c.value(i).size()));
    }
    const auto& off = c.offsets();
    out->append(c.bytes().data() + off[offset], off[offset + n] - off[offset]);
}

Status DecodeStrings(std::string_view body, PageEncoding encoding, size_t n, BinaryColumn* col) {
    ByteReader r(body);
    if (encoding == PageEncoding::kPlain) {
        if (body.size() / 4 < n) return Status::Corruption("plain string page too short for lengths");
        std::vector<uint32_t> lengths(n);
        uint64_t total = 0;
        for (size_t i = 0; i < n; ++i) {
            if (!r.Get(&lengths[i])) return Status::Corruption("plain string page too short");
            total += lengths[i];
        }
        if (total != r.remaining()) {
            return Status::Corruption(fmt::format("plain string page lengths add up to {} bytes "
                                                  "but {} follow", total, r.remaining()));
        }
        std::string_view bytes;
        col->Reserve(col->size() + n);
        col->ReserveBytes(total);
        for (size_t i = 0; i < n; ++i) {
            if (!r.GetBytes(lengths[i], &bytes)) return Status::Corruption("string past page end");
            col->Append(bytes);
        }
        return Status::OK();
    }
    if (encoding == PageEncoding::kDictionary) {
        uint32_t count = 0;
        if (!r.Get(&count)) return Status::Corruption("dictionary page too short");
        if (count == 0 || count > r.remaining() / 4) {
            return Status::Corruption(fmt::format("dictionary page claims {} entries", count));
        }
        std::vector<uint32_t> lengths(count);
        for (uint32_t& len : lengths) {
            if (!r.Get(&len)) return Status::Corruption("dictionary page too short");
        }
        std::vector<std::string_view> entries(count);
        for (uint32_t i = 0; i < count; ++i) {
            if (!r.GetBytes(lengths[i], &entries[i])) {
                return Status::Corruption("dictionary entry runs past the page end");
            }
        }
        uint8_t width = 0;
        if (!r.Get(&width) || width > 32) return Status::Corruption("dictionary code width invalid");
        size_t need = (n * width + 7) / 8;
        if (r.remaining() != need) {
            return Status::Corruption(fmt::format("dictionary page holds {} code bytes, expected "
                                                  "{}", r.remaining(), need));
        }
        const auto* p = reinterpret_cast<const uint8_t*>(body.data() + r.position());
        for (size_t i = 0; i < n; ++i) {
            uint64_t code = UnpackBits(p, i, width);
            if (code >= count) {
                return Status::Corruption(fmt::format("dictionary code {} of {} entries", code,
                                                      count));
            }
            col->Append(entries[code]);
        }
        return Status::OK();
    }
    return Status::Corruption("page encoding does not apply to string columns");
}

std::string PageHeader(PageEncoding encoding, PageCompression compression, bool has_bitmap,
                       uint32_t rows, uint32_t nulls, uint32_t raw_size, uint32_t stored_size) {
    std::string h;
    ByteWriter w(&h);
    w.Put<uint8_t>(static_cast<uint8_t>(encoding));
    w.Put<uint8_t>(static_cast<uint8_t>(compression));
    w.Put<uint8_t>(has_bitmap ? kFlagHasNullBitmap : 0);
    w.Put<uint8_t>(0);
    w.Put<uint32_t>(rows);
    w.Put<uint32_t>(nulls);
    w.Put<uint32_t>(raw_size);
    w.Put<uint32_t>(stored_size);
    return h;
}

}  // namespace

bool EncodingSupports(PageEncoding encoding, LogicalType type) {
    size_t width = FixedWidthOf(type);
    switch (encoding) {
        case PageEncoding::kPlain: return true;
        case PageEncoding::kDictionary: return width == 0;
        case PageEncoding::kRunLength: return width != 0;
        case PageEncoding::kBitPacked:
            return width != 0 && width <= 8 && type != LogicalType::kFloat &&
                   type != LogicalType::kDouble;
    }
    return false;
}

std::string EncodePage(const Column& column, size_t offset, size_t count,
                       std::optional<PageEncoding> force) {
    TRIBUTARY_CHECK(count > 0 && count <= UINT32_MAX, "a page holds 1 to 2^32-1 rows");
    const Column* data = &column;
    std::string body;
    uint32_t nulls = 0;
    if (column.is_nullable()) {
        const auto& n = static_cast<const NullableColumn&>(column);
        data = n.data();
        const uint8_t* map = n.null_map().data() + offset;
        for (size_t i = 0; i < count; ++i) nulls += map[i] != 0;
        if (nulls > 0) {
            body.assign((count + 7) / 8, '\0');
            for (size_t i = 0; i < count; ++i) {
                if (map[i] != 0) body[i / 8] = static_cast<char>(body[i / 8] | (1 << (i % 8)));
            }
        }
    }
    LogicalType type = column.type().type;
    if (force && !EncodingSupports(*force, type)) force = PageEncoding::kPlain;
    PageEncoding encoding = PageEncoding::kPlain;
    VisitPhysicalType(type, [&]<typename Tag>(Tag) {
        using T = typename Tag::type;
        if constexpr (std::is_same_v<T, std::string_view>) {
            const auto& c = static_cast<const BinaryColumn&>(*data);
            if (!force || *force == PageEncoding::kDictionary) {
                auto plan = PlanDictionary(c, offset, count, force.has_value());
                size_t plain = count * 4 + (c.offsets()[offset + count] - c.offsets()[offset]);
                if (plan && (force || plan->encoded_size < plain)) {
                    encoding = PageEncoding::kDictionary;
                    EncodeDictionary(*plan, &body);
                    return;
                }
            }
            EncodePlainStrings(c, offset, count, &body);
        } else {
            const T* v = static_cast<const FixedColumn<T>&>(*data).data().data() + offset;
            encoding = force ? *force : ChooseFixedEncoding(v, count);
            EncodeFixed(v, count, encoding, &body);
        }
    });
    TRIBUTARY_CHECK(body.size() <= kMaxUncompressedBody, "page body exceeds 1 GiB");

    PageCompression compression = PageCompression::kNone;
    std::string stored;
    int bound = LZ4_compressBound(static_cast<int>(body.size()));
    if (bound > 0 && body.size() >= 64) {
        stored.resize(static_cast<size_t>(bound));
        int n = LZ4_compress_default(body.data(), stored.data(), static_cast<int>(body.size()),
                                     bound);
        if (n > 0 && static_cast<size_t>(n) < body.size()) {
            stored.resize(static_cast<size_t>(n));
            compression = PageCompression::kLz4;
        }
    }
    const std::string& payload = compression == PageCompression::kLz4 ? stored : body;
    std::string page = PageHeader(encoding, compression, nulls > 0, static_cast<uint32_t>(count),
                                  nulls, static_cast<uint32_t>(body.size()),
                                  static_cast<uint32_t>(payload.size()));
    uint32_t crc = crc32c::Extend(crc32c::Value(page), payload.data(), payload.size());
    ByteWriter(&page).Put<uint32_t>(crc);
    page.append(payload);
    return page;
}

PageEncoding PageEncodingOf(std::string_view page) {
    return static_cast<PageEncoding>(static_cast<uint8_t>(page[0]));
}

Status DecodePage(std::string_view page, uint32_t expected_rows, Column* out) {
    if (page.size() < kPageHeaderSize) {
        return Status::Corruption(fmt::format("page of {} bytes is shorter than its header",
                                              page.size()));
    }
    ByteReader r(page);
    uint8_t encoding_byte = 0, compression_byte = 0, flags = 0, reserved = 0;
    uint32_t rows = 0, nulls = 0, raw_size = 0, stored_size = 0, crc = 0;
    bool ok = r.Get(&encoding_byte) && r.Get(&compression_byte) && r.Get(&flags) &&
              r.Get(&reserved) && r.Get(&rows) && r.Get(&nulls) && r.Get(&raw_size) &&
              r.Get(&stored_size) && r.Get(&crc);
    TRIBUTARY_CHECK(ok, "page header reads stay inside the checked size");
    std::string_view payload = page.substr(kPageHeaderSize);
    if (stored_size != payload.size()) {
        return Status::Corruption(fmt::format("page header says {} stored bytes, page has {}",
                                              stored_size, payload.size()));
    }
    uint32_t actual = crc32c::Extend(crc32c::Value(page.data(), kCrcCoveredHeaderBytes),
                                     payload.data(), payload.size());
    if (actual != crc) {
        return Status::Corruption(fmt::format("page checksum mismatch (stored {:08x}, computed "
                                              "{:08x})", crc, actual));
    }
    if (rows != expected_rows) {
        return Status::Corruption(fmt::format("page holds {} rows, page index says {}", rows,
                                              expected_rows));
    }
    if (encoding_byte > static_cast<uint8_t>(PageEncoding::kBitPacked)) {
        return Status::Corruption(fmt::format("unknown page encoding {}", encoding_byte));
    }
    auto encoding = static_cast<PageEncoding>(encoding_byte);
    if (!EncodingSupports(encoding, out->type().type)) {
        return Status::Corruption(fmt::format("page encoding {} does not apply to type {}",
                                              encoding_byte, out->type().ToSql()));
    }
    if (compression_byte > static_cast<uint8_t>(PageCompression::kLz4)) {
        return Status::Corruption(fmt::format("unknown page compression {}", compression_byte));
    }
    if ((flags & ~kFlagHasNullBitmap) != 0 || reserved != 0) {
        return Status::Corruption("page header has unknown flags set");
    }
    bool has_bitmap = (flags & kFlagHasNullBitmap) != 0;
    if (has_bitmap != (nulls > 0) || nulls > rows) {
        return Status::Corruption(fmt::format("page null count {} disagrees with its flags",
                                              nulls));
    }
    if (has_bitmap && !out->is_nullable()) {
        return Status::Corruption("page of a NOT NULL column holds NULLs");
    }
    if (raw_size > kMaxUncompressedBody) {
        return Status::Corruption(fmt::format("page body of {} bytes is implausible", raw_size));
    }

    std::string decompressed;
    std::string_view body = payload;
    if (compression_byte == static_cast<uint8_t>(PageCompression::kLz4)) {
        decompressed.resize(raw_size);
        int n = LZ4_decompress_safe(payload.data(), decompressed.data(),
                                    static_cast<int>(payload.size()), static_cast<int>(raw_size));
        if (n < 0 || static_cast<uint32_t>(n) != raw_size) {
            return Status::Corruption("page LZ4 decompression failed");
        }
        body = decompressed;
    } else if (raw_size != stored_size) {
        return Status::Corruption("uncompressed page sizes disagree");
    }

    std::vector<uint8_t> null_map;
    if (has_bitmap) {
        size_t bitmap_bytes = (static_cast<size_t>(rows) + 7) / 8;
        if (body.size() < bitmap_bytes) return Status::Corruption("page too short for null map");
        null_map.resize(rows);
        uint32_t counted = 0;
        for (size_t i = 0; i < rows; ++i) {
            null_map[i] = (static_cast<uint8_t>(body[i / 8]) >> (i % 8)) & 1;
            counted += null_map[i];
        }
        if (counted != nulls) {
            return Status::Corruption(fmt::format("page null map has {} NULLs, header says {}",
                                                  counted, nulls));
        }
        body.remove_prefix(bitmap_bytes);
    }

    Column* data = out->is_nullable() ? static_cast<NullableColumn*>(out)->data() : out;
    Status st = VisitPhysicalType(out->type().type, [&]<typename Tag>(Tag) {
        using T = typename Tag::type;
        if constexpr (std::is_same_v<T, std::string_view>) {
            return DecodeStrings(body, encoding, rows, static_cast<BinaryColumn*>(data));
        } else {
            return DecodeFixed<T>(body, encoding, rows, static_cast<FixedColumn<T>*>(data));
        }
    });
    RETURN_IF_ERROR(st);
    if (out->is_nullable()) {
        auto& map = static_cast<NullableColumn*>(out)->null_map();
        if (has_bitmap) {
            map.insert(map.end(), null_map.begin(), null_map.end());
        } else {
            map.resize(map.size() + rows, 0);
        }
    }
    return Status::OK();
}

}  // namespace tributary
