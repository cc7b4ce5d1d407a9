#include "base/error_code.h"

namespace tributary {

std::string_view SqlStateOf(ErrorCode code) {
    switch (code) {
        case ErrorCode::kNone:
            return "00000";
        case ErrorCode::kDbCreateExists:
        case ErrorCode::kNonexistingGrant:
        case ErrorCode::kSpecificAccessDenied:
        case ErrorCode::kDbAccessDenied:
        case ErrorCode::kTableAccessDenied:
        case ErrorCode::kParseError:
        case ErrorCode::kEmptyQuery:
        case ErrorCode::kNotSupportedYet:
        case ErrorCode::kBadDb:
        case ErrorCode::kWrongDbName:
        case ErrorCode::kWrongTableName:
        case ErrorCode::kWrongColumnName:
        case ErrorCode::kDupFieldName:
        case ErrorCode::kFieldSpecifiedTwice:
        case ErrorCode::kWrongValueForVar:
        case ErrorCode::kUnknownSystemVariable:
        case ErrorCode::kPasswordNoMatch:
        case ErrorCode::kNonUniqTable:
        case ErrorCode::kInvalidGroupFuncUse:
        case ErrorCode::kWrongFieldWithGroup:
        case ErrorCode::kSpDoesNotExist:
            return "42000";
        case ErrorCode::kDbDropExists:
            return "HY000";
        case ErrorCode::kAccessDenied:
            return "28000";
        case ErrorCode::kNoDbSelected:
            return "3D000";
        case ErrorCode::kUnknownCommand:
            return "08S01";
        case ErrorCode::kBadNullError:
            return "23000";
        case ErrorCode::kTableExists:
            return "42S01";
        case ErrorCode::kBadTable:
        case ErrorCode::kUnknownTable:
            return "42S02";
        case ErrorCode::kBadFieldError:
            return "42S22";
        case ErrorCode::kNonUniqError:
            return "23000";
        case ErrorCode::kWrongNumberOfColumnsInSelect:
            return "21000";
        case ErrorCode::kWrongValueCountOnRow:
            return "21S01";
        case ErrorCode::kNetPacketTooLarge:
        case ErrorCode::kNetPacketsOutOfOrder:
        case ErrorCode::kNetReadError:
        case ErrorCode::kHandshakeError:
            return "08S01";
        case ErrorCode::kTooManyConnections:
        case ErrorCode::kNotSupportedAuthMode:
            return "08004";
        case ErrorCode::kMalformedPacket:
        case ErrorCode::kNoTablesUsed:
            return "HY000";
        case ErrorCode::kCannotUser:
        case ErrorCode::kUnknownError:
        case ErrorCode::kWrongArguments:
        case ErrorCode::kNoDefaultForField:
        case ErrorCode::kUnknownPartition:
        case ErrorCode::kSameNamePartition:
        case ErrorCode::kInvalidValue:
        case ErrorCode::kLabelAlreadyExists:
        case ErrorCode::kIncorrectValue:
            return "HY000";
        case ErrorCode::kDataOutOfRange:
            return "22003";
        case ErrorCode::kDataTooLong:
            return "22001";
        case ErrorCode::kTruncatedWrongValue:
            return "22007";
    }
    return "HY000";
}

}  // namespace tributary
