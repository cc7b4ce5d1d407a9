#include "txn/transaction_record.h"

namespace tributary {

std::string_view TransactionStateName(TransactionState state) {
    switch (state) {
        case TransactionState::kPrepare:
            return "PREPARE";
        case TransactionState::kVisible:
            return "VISIBLE";
        case TransactionState::kAborted:
            return "ABORTED";
    }
    return "UNKNOWN";
}

std::optional<TransactionState> ParseTransactionState(std::string_view name) {
    for (TransactionState state :
         {TransactionState::kPrepare, TransactionState::kVisible, TransactionState::kAborted}) {
        if (TransactionStateName(state) == name) return state;
    }
    return std::nullopt;
}

std::string_view TransactionSourceName(TransactionSource source) {
    switch (source) {
        case TransactionSource::kInsert:
            return "INSERT_STREAMING";
        case TransactionSource::kStreamLoad:
            return "BACKEND_STREAMING";
        case TransactionSource::kRoutineLoad:
            return "ROUTINE_LOAD_TASK";
    }
    return "UNKNOWN";
}

std::optional<TransactionSource> ParseTransactionSource(std::string_view name) {
    for (TransactionSource source : {TransactionSource::kInsert, TransactionSource::kStreamLoad,
                                     TransactionSource::kRoutineLoad}) {
        if (TransactionSourceName(source) == name) return source;
    }
    return std::nullopt;
}

}  // namespace tributary
