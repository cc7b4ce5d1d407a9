// Client-facing error numbers.
//
// An ErrorCode is the MySQL error number a client sees for a failure (the same numbers StarRocks
// and MySQL use, so drivers and tools recognise them), together with its SQLSTATE. Internal
// failures that have no better number use kInternal (1105, ER_UNKNOWN_ERROR).
//
// Thread safety: plain values and constant tables.
#pragma once

#include <cstdint>
#include <string_view>

namespace tributary {

enum class ErrorCode : uint16_t {
    kNone = 0,
    kDbCreateExists = 1007,        // Can't create database; database exists
    kDbDropExists = 1008,          // Can't drop database; database doesn't exist
    kDbAccessDenied = 1044,        // Access denied for user to database
    kAccessDenied = 1045,          // Access denied for user (using password)
    kNoDbSelected = 1046,          // No database selected
    kUnknownCommand = 1047,        // Unknown command
    kBadNullError = 1048,          // Column cannot be null
    kBadDb = 1049,                 // Unknown database
    kTableExists = 1050,           // Table already exists
    kBadTable = 1051,              // Unknown table (DROP TABLE)
    kBadFieldError = 1054,         // Unknown column
    kDupFieldName = 1060,          // Duplicate column name
    kFieldSpecifiedTwice = 1110,   // Column 'x' specified twice
    kWrongValueCountOnRow = 1136,  // Column count doesn't match value count at row N
    kNoDefaultForField = 1364,     // Field 'x' doesn't have a default value
    kParseError = 1064,            // You have an error in your SQL syntax
    kEmptyQuery = 1065,            // Query was empty
    kUnknownError = 1105,          // Unknown error
    kUnknownSystemVariable = 1193, // Unknown system variable
    kWrongValueForVar = 1231,      // Variable can't be set to the value
    kNotSupportedYet = 1235,       // This version doesn't yet support ...
    kPasswordNoMatch = 1133,       // Can't find any matching row in the user table
    kTableAccessDenied = 1142,     // command denied to user for table
    kNonexistingGrant = 1141,      // There is no such grant defined
    kCannotUser = 1396,            // Operation CREATE USER / DROP USER failed
    kSpecificAccessDenied = 1227,  // Access denied; you need (at least one of) the X privilege(s)
    kUnknownTable = 1146,          // Table doesn't exist
    kWrongArguments = 1210,        // Incorrect arguments
    kUnknownPartition = 1735,      // Unknown partition
    kSameNamePartition = 1517,     // Duplicate partition name
    kNetPacketTooLarge = 1153,     // Got a packet bigger than 'max_allowed_packet'
    kNetPacketsOutOfOrder = 1156,  // Got packets out of order
    kNetReadError = 1158,          // Got an error reading communication packets
    kNotSupportedAuthMode = 1251,  // Client does not support authentication protocol
    kMalformedPacket = 1835,       // Malformed communication packet
    kTooManyConnections = 1040,    // Too many connections
    kHandshakeError = 1043,        // Bad handshake
    kWrongDbName = 1102,           // Incorrect database name
    kWrongTableName = 1103,        // Incorrect table name
    kWrongColumnName = 1166,       // Incorrect column name
    kInvalidValue = 1525,          // Incorrect value (used for bad property values)
    kDataOutOfRange = 1264,        // Out of range value for column
    kTruncatedWrongValue = 1292,   // Truncated incorrect value
    kIncorrectValue = 1366,        // Incorrect value for column
    kDataTooLong = 1406,           // Data too long for column
    kNonUniqError = 1052,          // Column 'x' in field list is ambiguous
    kNoTablesUsed = 1096,          // No tables used
    kNonUniqTable = 1066,          // Not unique table/alias
    kInvalidGroupFuncUse = 1111,   // Invalid use of group function
    kWrongFieldWithGroup = 1055,   // Expression is not in GROUP BY
    kWrongNumberOfColumnsInSelect = 1222,  // The used SELECT statements have a different number of columns
    kSpDoesNotExist = 1305,        // FUNCTION x does not exist
    kLabelAlreadyExists = 5000,    // StarRocks: label already used
};

// The SQLSTATE the MySQL protocol sends with `code` (five characters, e.g. "42000").
std::string_view SqlStateOf(ErrorCode code);

}  // namespace tributary
