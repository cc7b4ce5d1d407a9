#include "column/value_append.h"

#include <fmt/format.h>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"

namespace tributary {

Status AppendValue(Column* column, const Value& value) {
    Column* data = column;
    if (column->is_nullable()) {
        auto* nullable = static_cast<NullableColumn*>(column);
        if (value.is_null()) {
            nullable->AppendNull();
            return Status::OK();
        }
        data = nullable->data();
    } else if (value.is_null()) {
        return Status::InvalidArgument(
            fmt::format("NULL cannot go into a NOT NULL {} column", column->type().ToSql()),
            ErrorCode::kBadNullError);
    }
    const LogicalType type = column->type().type;
    Status st = VisitLogicalType(type, [&]<LogicalType T>() -> Status {
        if (!value.Holds<T>()) {
            return Status::Internal(fmt::format("a value of another type was appended to a {} "
                                                "column",
                                                column->type().ToSql()));
        }
        if constexpr (IsFixedWidth(T)) {
            static_cast<FixedColumn<PhysicalTypeOf<T>>*>(data)->Append(value.Get<T>());
        } else {
            static_cast<BinaryColumn*>(data)->Append(value.Get<T>());
        }
        return Status::OK();
    });
    RETURN_IF_ERROR(st);
    if (column->is_nullable()) static_cast<NullableColumn*>(column)->AppendNotNullMark();
    return Status::OK();
}

}  // namespace tributary
