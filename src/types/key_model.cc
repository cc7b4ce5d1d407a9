#include "types/key_model.h"

#include <array>

#include "base/string_util.h"

namespace tributary {
namespace {

struct AggregateName {
    std::string_view name;
    AggregateFunction fn;
};

constexpr std::array kAggregateNames = {
    AggregateName{"NONE", AggregateFunction::kNone},
    AggregateName{"SUM", AggregateFunction::kSum},
    AggregateName{"MAX", AggregateFunction::kMax},
    AggregateName{"MIN", AggregateFunction::kMin},
    AggregateName{"REPLACE", AggregateFunction::kReplace},
    AggregateName{"REPLACE_IF_NOT_NULL", AggregateFunction::kReplaceIfNotNull},
    AggregateName{"HLL_UNION", AggregateFunction::kHllUnion},
    AggregateName{"BITMAP_UNION", AggregateFunction::kBitmapUnion},
};

}  // namespace

std::string_view KeyModelSql(KeyModel model) {
    switch (model) {
        case KeyModel::kDuplicate:
            return "DUPLICATE KEY";
        case KeyModel::kAggregate:
            return "AGGREGATE KEY";
        case KeyModel::kUnique:
            return "UNIQUE KEY";
        case KeyModel::kPrimary:
            return "PRIMARY KEY";
    }
    return "DUPLICATE KEY";
}

std::string_view KeyModelInternalName(KeyModel model) {
    switch (model) {
        case KeyModel::kDuplicate:
            return "DUP_KEYS";
        case KeyModel::kAggregate:
            return "AGG_KEYS";
        case KeyModel::kUnique:
            return "UNIQUE_KEYS";
        case KeyModel::kPrimary:
            return "PRIMARY_KEYS";
    }
    return "DUP_KEYS";
}

std::string_view AggregateFunctionName(AggregateFunction fn) {
    for (const auto& entry : kAggregateNames) {
        if (entry.fn == fn) return entry.name;
    }
    return "NONE";
}

bool ParseAggregateFunction(std::string_view name, AggregateFunction* out) {
    for (const auto& entry : kAggregateNames) {
        if (EqualsIgnoreCase(entry.name, name)) {
            *out = entry.fn;
            return true;
        }
    }
    return false;
}

}  // namespace tributary
