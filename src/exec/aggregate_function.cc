#include "exec/aggregate_function.h"

#include <fmt/format.h>

#include <cstring>
#include <unordered_set>

#include "base/string_util.h"
#include "column/hash_util.h"
#include "column/type_dispatch.h"
#include "column/value_append.h"
#include "exec/flat_hash_set.h"
#include "expr/type_coercion.h"

namespace tributary {

namespace {

int128_t Pow10(int n) {
    int128_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

// Appends `value` to `out`, which may be nullable.
template <typename T>
void AppendFixed(Column* out, T value) {
    if (out->is_nullable()) {
        auto* nc = static_cast<NullableColumn*>(out);
        static_cast<FixedColumn<T>*>(nc->data())->Append(value);
        nc->AppendNotNullMark();
    } else {
        static_cast<FixedColumn<T>*>(out)->Append(value);
    }
}

void AppendString(Column* out, std::string_view value) {
    if (out->is_nullable()) {
        auto* nc = static_cast<NullableColumn*>(out);
        static_cast<BinaryColumn*>(nc->data())->Append(value);
        nc->AppendNotNullMark();
    } else {
        static_cast<BinaryColumn*>(out)->Append(value);
    }
}

void AppendNull(Column* out) { static_cast<NullableColumn*>(out)->AppendNull(); }

// --- count ------------------------------------------------------------------------------

class CountState final : public AggregateState {
public:
    explicit CountState(bool star) : star_(star) {}
    void Resize(size_t groups) override { counts_.resize(groups, 0); }
    void Update(const uint32_t* ids, std::span<const EvalColumn> args, size_t rows) override {
        const uint8_t* nulls = star_ ? nullptr : args[0].null_map();
        if (nulls == nullptr || (!star_ && args[0].constant && nulls[0] == 0)) {
            for (size_t i = 0; i < rows; ++i) ++counts_[ids[i]];
        } else if (args[0].constant) {
            return;  // a constant NULL counts nothing
        } else {
            for (size_t i = 0; i < rows; ++i) counts_[ids[i]] += nulls[i] == 0;
        }
    }
    void Merge(AggregateState& other, std::span<const uint32_t> map) override {
        auto& o = static_cast<CountState&>(other);
        for (size_t g = 0; g < map.size(); ++g) counts_[map[g]] += o.counts_[g];
    }
    Status Finalize(size_t groups, Column* out) override {
        for (size_t g = 0; g < groups; ++g) AppendFixed<int64_t>(out, counts_[g]);
        return Status::OK();
    }

private:
    bool star_;
    std::vector<int64_t> counts_;
};

// --- sum / avg --------------------------------------------------------------------------

// Sums values of physical type In into Acc; for avg also counts and divides at the end.
template <typename In, typename Acc>
class SumState final : public AggregateState {
public:
    SumState(bool avg, int input_scale, TypeDesc result)
        : avg_(avg), input_scale_(input_scale), result_(result) {}
    void Resize(size_t groups) override {
        sums_.resize(groups, Acc{});
        counts_.resize(groups, 0);
    }
    void Update(const uint32_t* ids, std::span<const EvalColumn> args, size_t rows) override {
        FixedReader<In> r(args[0]);
        if (!r.may_have_null()) {
            for (size_t i = 0; i < rows; ++i) {
                sums_[ids[i]] += static_cast<Acc>(r.value(i));
                ++counts_[ids[i]];
            }
            return;
        }
        for (size_t i = 0; i < rows; ++i) {
            const bool valid = !r.is_null(i);
            sums_[ids[i]] += valid ? static_cast<Acc>(r.value(i)) : Acc{};
            counts_[ids[i]] += valid;
        }
    }
    void Merge(AggregateState& other, std::span<const uint32_t> map) override {
        auto& o = static_cast<SumState&>(other);
        for (size_t g = 0; g < map.size(); ++g) {
            sums_[map[g]] += o.sums_[g];
            counts_[map[g]] += o.counts_[g];
        }
    }
    Status Finalize(size_t groups, Column* out) override {
        for (size_t g = 0; g < groups; ++g) {
            if (counts_[g] == 0) {
                AppendNull(out);
                continue;
            }
            if (!avg_) {
                AppendFixed<Acc>(out, sums_[g]);
            } else if (result_.type == LogicalType::kDecimal) {
                // sum / count at scale input_scale + 4, rounded half away from zero.
                const int128_t num =
                    static_cast<int128_t>(sums_[g]) * Pow10(result_.scale - input_scale_);
                const int128_t n = counts_[g];
                int128_t q = num / n;
                const int128_t r = num % n;
                if ((r < 0 ? -r : r) * 2 >= n) q += num < 0 ? -1 : 1;
                AppendFixed<int128_t>(out, q);
            } else {
                AppendFixed<double>(
                    out, static_cast<double>(sums_[g]) / static_cast<double>(counts_[g]));
            }
        }
        return Status::OK();
    }

private:
    bool avg_;
    int input_scale_;
    TypeDesc result_;
    std::vector<Acc> sums_;
    std::vector<int64_t> counts_;
};

// --- min / max --------------------------------------------------------------------------

template <typename T, bool kMax>
class MinMaxState final : public AggregateState {
public:
    void Resize(size_t groups) override {
        values_.resize(groups, T{});
        has_.resize(groups, 0);
    }
    void Update(const uint32_t* ids, std::span<const EvalColumn> args, size_t rows) override {
        FixedReader<T> r(args[0]);
        for (size_t i = 0; i < rows; ++i) {
            if (r.is_null(i)) continue;
            Offer(ids[i], r.value(i));
        }
    }
    void Merge(AggregateState& other, std::span<const uint32_t> map) override {
        auto& o = static_cast<MinMaxState&>(other);
        for (size_t g = 0; g < map.size(); ++g) {
            if (o.has_[g]) Offer(map[g], o.values_[g]);
        }
    }
    Status Finalize(size_t groups, Column* out) override {
        for (size_t g = 0; g < groups; ++g) {
            if (has_[g]) {
                AppendFixed<T>(out, values_[g]);
            } else {
                AppendNull(out);
            }
        }
        return Status::OK();
    }

private:
    void Offer(uint32_t g, T v) {
        if (!has_[g]) {
            has_[g] = 1;
            values_[g] = v;
            return;
        }
        const int c = CompareValues(v, values_[g]);
        if (kMax ? c > 0 : c < 0) values_[g] = v;
    }
    std::vector<T> values_;
    std::vector<uint8_t> has_;
};

template <bool kMax>
class StringMinMaxState final : public AggregateState {
public:
    void Resize(size_t groups) override {
        values_.resize(groups);
        has_.resize(groups, 0);
    }
    void Update(const uint32_t* ids, std::span<const EvalColumn> args, size_t rows) override {
        StringReader r(args[0]);
        for (size_t i = 0; i < rows; ++i) {
            if (!r.is_null(i)) Offer(ids[i], r.value(i));
        }
    }
    void Merge(AggregateState& other, std::span<const uint32_t> map) override {
        auto& o = static_cast<StringMinMaxState&>(other);
        for (size_t g = 0; g < map.size(); ++g) {
            if (o.has_[g]) Offer(map[g], o.values_[g]);
        }
    }
    Status Finalize(size_t groups, Column* out) override {
        for (size_t g = 0; g < groups; ++g) {
            if (has_[g]) {
                AppendString(out, values_[g]);
            } else {
                AppendNull(out);
            }
        }
        return Status::OK();
    }

private:
    void Offer(uint32_t g, std::string_view v) {
        if (!has_[g] || (kMax ? v > values_[g] : v < values_[g])) {
            values_[g].assign(v);
            has_[g] = 1;
        }
    }
    std::vector<std::string> values_;
    std::vector<uint8_t> has_;
};

// --- count(DISTINCT ...) ----------------------------------------------------------------

// One fixed-width argument: a set of values per group.
template <typename T>
class DistinctFixedState final : public AggregateState {
public:
    void Resize(size_t groups) override { sets_.resize(groups); }
    void Update(const uint32_t* ids, std::span<const EvalColumn> args, size_t rows) override {
        FixedReader<T> r(args[0]);
        for (size_t i = 0; i < rows; ++i) {
            if (!r.is_null(i)) sets_[ids[i]].Insert(Bits(r.value(i)));
        }
    }
    void Merge(AggregateState& other, std::span<const uint32_t> map) override {
        auto& o = static_cast<DistinctFixedState&>(other);
        for (size_t g = 0; g < map.size(); ++g) {
            auto& into = sets_[map[g]];
            if (into.size() < o.sets_[g].size()) into.Swap(o.sets_[g]);  // insert the smaller
            into.InsertAll(o.sets_[g]);
        }
    }
    Status Finalize(size_t groups, Column* out) override {
        for (size_t g = 0; g < groups; ++g) {
            AppendFixed<int64_t>(out, static_cast<int64_t>(sets_[g].size()));
        }
        return Status::OK();
    }

private:
    // Floating point: -0.0 and 0.0 are one value.
    using Key = std::conditional_t<(sizeof(T) > 8), unsigned __int128, uint64_t>;
    static Key Bits(T v) {
        if constexpr (std::is_floating_point_v<T>) {
            if (v == 0) v = 0;
            double d = v;
            uint64_t bits;
            std::memcpy(&bits, &d, sizeof(bits));
            return bits;
        } else {
            return static_cast<Key>(v);
        }
    }
    std::vector<FlatHashSet<Key>> sets_;
};

// Any arguments: each tuple serialised (length-prefixed values) into a string.
class DistinctTupleState final : public AggregateState {
public:
    void Resize(size_t groups) override { sets_.resize(groups); }
    void Update(const uint32_t* ids, std::span<const EvalColumn> args, size_t rows) override {
        std::string key;
        for (size_t i = 0; i < rows; ++i) {
            key.clear();
            bool has_null = false;
            for (const EvalColumn& a : args) {
                if (a.IsNullAt(i)) {
                    has_null = true;
                    break;
                }
                Value v = a.ValueAt(i);
                // -0.0 and 0.0 are one value.
                if (v.Holds<LogicalType::kDouble>() && v.Get<LogicalType::kDouble>() == 0) {
                    v = Value::Double(0);
                } else if (v.Holds<LogicalType::kFloat>() && v.Get<LogicalType::kFloat>() == 0) {
                    v = Value::Float(0);
                }
                const std::string text = v.Format(a.type());
                const uint32_t len = static_cast<uint32_t>(text.size());
                key.append(reinterpret_cast<const char*>(&len), sizeof(len));
                key.append(text);
            }
            if (!has_null) sets_[ids[i]].insert(key);
        }
    }
    void Merge(AggregateState& other, std::span<const uint32_t> map) override {
        auto& o = static_cast<DistinctTupleState&>(other);
        for (size_t g = 0; g < map.size(); ++g) {
            sets_[map[g]].insert(o.sets_[g].begin(), o.sets_[g].end());
        }
    }
    Status Finalize(size_t groups, Column* out) override {
        for (size_t g = 0; g < groups; ++g) {
            AppendFixed<int64_t>(out, static_cast<int64_t>(sets_[g].size()));
        }
        return Status::OK();
    }

private:
    std::vector<std::unordered_set<std::string>> sets_;
};

bool IsSummable(const TypeDesc& t) { return t.IsNumeric() || t.type == LogicalType::kBoolean; }

}  // namespace

TypeDesc AggregateInputType(std::string_view name, const TypeDesc& arg) {
    if ((name == "sum" || name == "avg") && !IsSummable(arg)) {
        return TypeDesc::Of(LogicalType::kDouble);
    }
    return arg;
}

StatusOr<AggregateSignature> ResolveAggregate(std::string_view name, bool star, bool distinct,
                                              std::span<const TypeDesc> arg_types) {
    AggregateSignature sig;
    sig.arg_types.assign(arg_types.begin(), arg_types.end());
    const TypeDesc bigint = TypeDesc::Of(LogicalType::kBigInt);
    if (name == "count") {
        sig.result_type = bigint;
        sig.nullable = false;
        if (star) {
            sig.kind = AggregateKind::kCountStar;
            return sig;
        }
        if (arg_types.empty()) {
            return Status::InvalidArgument("count expects an argument or *",
                                           ErrorCode::kParseError);
        }
        if (distinct) {
            sig.kind = AggregateKind::kCountDistinct;
            return sig;
        }
        if (arg_types.size() != 1) {
            return Status::InvalidArgument("count expects one argument (or DISTINCT with several)",
                                           ErrorCode::kParseError);
        }
        sig.kind = AggregateKind::kCount;
        return sig;
    }
    if (distinct) {
        return Status::NotSupported(fmt::format("{}(DISTINCT ...) is not supported yet", name),
                                    ErrorCode::kNotSupportedYet);
    }
    if (star || arg_types.size() != 1) {
        return Status::InvalidArgument(fmt::format("{} expects exactly one argument", name),
                                       ErrorCode::kParseError);
    }
    const TypeDesc& t = arg_types[0];
    if (name == "min" || name == "max") {
        if (t.type == LogicalType::kJson) {
            return Status::InvalidArgument(fmt::format("{} of JSON is not supported", name),
                                           ErrorCode::kWrongArguments);
        }
        sig.kind = name == "min" ? AggregateKind::kMin : AggregateKind::kMax;
        sig.result_type = t;
        return sig;
    }
    if (name == "sum" || name == "avg") {
        if (!IsSummable(t)) {
            return Status::InvalidArgument(
                fmt::format("{} of {} is not supported", name, t.ToSql()),
                ErrorCode::kWrongArguments);
        }
        const bool avg = name == "avg";
        sig.kind = avg ? AggregateKind::kAvg : AggregateKind::kSum;
        if (t.type == LogicalType::kDecimal) {
            sig.result_type = TypeDesc::Decimal(38, avg ? DecimalDivisionScale(t.scale) : t.scale);
        } else if (avg || t.type == LogicalType::kFloat || t.type == LogicalType::kDouble) {
            sig.result_type = TypeDesc::Of(LogicalType::kDouble);
        } else if (t.type == LogicalType::kLargeInt) {
            sig.result_type = t;
        } else {
            sig.result_type = bigint;
        }
        return sig;
    }
    return Status::InvalidArgument(fmt::format("unknown aggregate function {}", name),
                                   ErrorCode::kSpDoesNotExist);
}

std::unique_ptr<AggregateState> MakeAggregateState(const AggregateSignature& sig) {
    switch (sig.kind) {
        case AggregateKind::kCountStar:
            return std::make_unique<CountState>(true);
        case AggregateKind::kCount:
            return std::make_unique<CountState>(false);
        case AggregateKind::kCountDistinct: {
            if (sig.arg_types.size() == 1 && IsFixedWidth(sig.arg_types[0].type)) {
                return VisitPhysicalType(sig.arg_types[0].type,
                                         [&]<typename Tag>(Tag) -> std::unique_ptr<AggregateState> {
                                             using T = typename Tag::type;
                                             if constexpr (std::is_same_v<T, std::string_view>) {
                                                 return std::make_unique<DistinctTupleState>();
                                             } else {
                                                 return std::make_unique<DistinctFixedState<T>>();
                                             }
                                         });
            }
            return std::make_unique<DistinctTupleState>();
        }
        case AggregateKind::kMin:
        case AggregateKind::kMax: {
            const bool is_max = sig.kind == AggregateKind::kMax;
            return VisitPhysicalType(sig.arg_types[0].type,
                                     [&]<typename Tag>(Tag) -> std::unique_ptr<AggregateState> {
                                         using T = typename Tag::type;
                                         if constexpr (std::is_same_v<T, std::string_view>) {
                                             if (is_max)
                                                 return std::make_unique<StringMinMaxState<true>>();
                                             return std::make_unique<StringMinMaxState<false>>();
                                         } else {
                                             if (is_max)
                                                 return std::make_unique<MinMaxState<T, true>>();
                                             return std::make_unique<MinMaxState<T, false>>();
                                         }
                                     });
        }
        case AggregateKind::kSum:
        case AggregateKind::kAvg: {
            const bool avg = sig.kind == AggregateKind::kAvg;
            const TypeDesc& in = sig.arg_types[0];
            const int scale = in.type == LogicalType::kDecimal ? in.scale : 0;
            switch (in.type) {
                case LogicalType::kBoolean:
                    return std::make_unique<SumState<uint8_t, int64_t>>(avg, scale,
                                                                        sig.result_type);
                case LogicalType::kTinyInt:
                    return std::make_unique<SumState<int8_t, int64_t>>(avg, scale, sig.result_type);
                case LogicalType::kSmallInt:
                    return std::make_unique<SumState<int16_t, int64_t>>(avg, scale,
                                                                        sig.result_type);
                case LogicalType::kInt:
                    return std::make_unique<SumState<int32_t, int64_t>>(avg, scale,
                                                                        sig.result_type);
                case LogicalType::kBigInt:
                    return std::make_unique<SumState<int64_t, int64_t>>(avg, scale,
                                                                        sig.result_type);
                case LogicalType::kLargeInt:
                case LogicalType::kDecimal:
                    return std::make_unique<SumState<int128_t, int128_t>>(avg, scale,
                                                                          sig.result_type);
                case LogicalType::kFloat:
                    return std::make_unique<SumState<float, double>>(avg, scale, sig.result_type);
                default:
                    return std::make_unique<SumState<double, double>>(avg, scale, sig.result_type);
            }
        }
    }
    return nullptr;
}

}  // namespace tributary
