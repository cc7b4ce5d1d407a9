// The version strings the server reports.
//
// kMysqlServerVersion is what the handshake and @@version announce. Drivers decide features
// from it; "5.7.99" (as Apache Doris reports) makes Connector/J, MariaDB Connector/C and the
// mysql CLI use the plain mysql_native_password flow and the 5.7 variable names.
#pragma once

namespace tributary {

inline constexpr char kTributaryVersion[] = "0.1.0";
inline constexpr char kMysqlServerVersion[] = "5.7.99-Tributary-0.1.0";
inline constexpr char kVersionComment[] = "Tributary version 0.1.0 (StarRocks-compatible)";

}  // namespace tributary
