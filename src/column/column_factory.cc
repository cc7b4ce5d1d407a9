// MakeColumn: the one place that maps logical types to column kinds.
#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"

namespace tributary {
namespace {

ColumnPtr MakeDataColumn(const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kBoolean: return std::make_unique<BooleanColumn>(type);
        case LogicalType::kTinyInt: return std::make_unique<Int8Column>(type);
        case LogicalType::kSmallInt: return std::make_unique<Int16Column>(type);
        case LogicalType::kInt:
        case LogicalType::kDate: return std::make_unique<Int32Column>(type);
        case LogicalType::kBigInt:
        case LogicalType::kDateTime: return std::make_unique<Int64Column>(type);
        case LogicalType::kLargeInt:
        case LogicalType::kDecimal: return std::make_unique<Int128Column>(type);
        case LogicalType::kFloat: return std::make_unique<FloatColumn>(type);
        case LogicalType::kDouble: return std::make_unique<DoubleColumn>(type);
        case LogicalType::kChar:
        case LogicalType::kVarchar:
        case LogicalType::kJson: return std::make_unique<BinaryColumn>(type);
    }
    TRIBUTARY_CHECK(false, "MakeColumn: unknown logical type");
    return nullptr;
}

}  // namespace

ColumnPtr MakeColumn(const TypeDesc& type, bool nullable) {
    ColumnPtr data = MakeDataColumn(type);
    if (!nullable) return data;
    return std::make_unique<NullableColumn>(std::move(data));
}

}  // namespace tributary
