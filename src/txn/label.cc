#include "txn/label.h"

#include <fmt/format.h>

#include <random>

namespace tributary {
namespace {

bool IsLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ':';
}

}  // namespace

Status ValidateLabel(std::string_view label) {
    bool ok = !label.empty() && label.size() <= kMaxLabelLength;
    for (char c : label) ok = ok && IsLabelChar(c);
    if (ok) return Status::OK();
    return Status::InvalidArgument(fmt::format(
        "Label format error. regex: ^[-_A-Za-z0-9:]{{1,{}}}$, label: {}", kMaxLabelLength, label));
}

std::string GenerateLabel(std::string_view prefix) {
    // One generator per thread, seeded from the OS, so that concurrent callers need no lock.
    thread_local std::mt19937_64 rng(std::random_device{}());
    uint64_t hi = rng();
    uint64_t lo = rng();
    hi = (hi & ~0xf000ULL) | 0x4000ULL;        // version 4
    lo = (lo & ~(3ULL << 62)) | (2ULL << 62);  // RFC 4122 variant
    return fmt::format("{}_{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", prefix, hi >> 32,
                       (hi >> 16) & 0xffff, hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

}  // namespace tributary
