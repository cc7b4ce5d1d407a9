// VisitPhysicalType: calls a generic lambda with a tag for the physical type of a logical type,
// so that type-generic code (encoders, zone maps) is written once as a template.
//
//   VisitPhysicalType(type, [&]<typename Tag>(Tag) { using T = typename Tag::type; ... });
//
// The tag's `type` is the physical C++ type (column.h) for fixed-width types and
// std::string_view for CHAR / VARCHAR / JSON. Thread safety: pure function.
#pragma once

#include <string_view>
#include <type_traits>

#include "types/physical_type.h"
#include "types/type_desc.h"

namespace tributary {

template <typename T>
struct PhysicalTag {
    using type = T;
};

template <typename F>
decltype(auto) VisitPhysicalType(LogicalType type, F&& f) {
    // The logical -> physical table lives in types/physical_type.h; this only changes the shape
    // of the call (a tag per physical type, strings as std::string_view).
    return VisitLogicalType(type, [&]<LogicalType T>() -> decltype(auto) {
        if constexpr (IsFixedWidth(T)) {
            return f(PhysicalTag<PhysicalTypeOf<T>>{});
        } else {
            return f(PhysicalTag<std::string_view>{});
        }
    });
}

}  // namespace tributary
