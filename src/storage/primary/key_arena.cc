#include "storage/primary/key_arena.h"

#include <algorithm>

#include "base/check.h"

namespace tributary {

uint32_t KeyArena::Add(std::string_view key) {
    TRIBUTARY_CHECK(key.size() <= UINT32_MAX, "primary key of 4 GiB or more");
    const size_t offset = bytes_.size();
    const size_t entry_bytes = EntryBytes(key.size());
    TRIBUTARY_CHECK(offset + entry_bytes <= kMaxBytes, "primary index keys exceed 16 GiB");
    if (offset + entry_bytes > bytes_.capacity()) {
        constexpr size_t kMinCapacity = 4096;
        bytes_.reserve(std::max(
            {offset + entry_bytes, bytes_.capacity() + bytes_.capacity() / 2, kMinCapacity}));
    }
    bytes_.resize(offset + entry_bytes);  // zero-fills the padding
    const auto size = static_cast<uint32_t>(key.size());
    std::memcpy(bytes_.data() + offset, &size, sizeof(size));
    if (!key.empty()) std::memcpy(bytes_.data() + offset + sizeof(size), key.data(), key.size());
    return static_cast<uint32_t>(offset / kAlignment + 1);
}

}  // namespace tributary
