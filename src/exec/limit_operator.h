// LimitOperator: LIMIT count OFFSET offset. Pulls from its child only until it has enough rows,
// so `SELECT * FROM t LIMIT 10` reads one split, not the table.
#pragma once

#include "exec/operator.h"

namespace tributary {

class LimitOperator final : public Operator {
public:
    LimitOperator(OperatorPtr child, size_t count, size_t offset);

    StatusOr<std::optional<Chunk>> Next() override;
    std::string Describe() const override;
    std::vector<const Operator*> children() const override { return {child_.get()}; }

private:
    OperatorPtr child_;
    size_t count_;
    size_t to_skip_;
    size_t returned_ = 0;
};

}  // namespace tributary
