// Authentication of the connection phase: the mysql_native_password method and the
// AuthSwitchRequest packet.
//
// mysql_native_password
// (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_native_password_authentication.html):
// the server stores SHA1(SHA1(password)) (20 bytes; MySQL's PASSWORD() prints it as `*` + 40
// upper-case hex digits) and sends a random 20-byte scramble. The client answers
//   token = SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))
// and the server checks SHA1(token XOR SHA1(scramble + stored)) == stored. An empty password is
// stored as an empty hash and answered with an empty token.
//
// Clients that name another plugin in their handshake response (caching_sha2_password,
// client_ed25519, ...) are sent an AuthSwitchRequest for mysql_native_password with the same
// scramble, and answer with the token in an AuthSwitchResponse (the whole payload).
//
// Thread safety: all functions are thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary::mysql {

// 20 random bytes for the handshake's auth-plugin-data, each in 1..127 and never '$' (as MySQL
// does: clients may treat the scramble as a C string).
std::string GenerateScramble();

// SHA1(SHA1(password)), 20 raw bytes; empty for an empty password.
std::string NativePasswordHash(std::string_view password);

// The form MySQL's PASSWORD() prints: `*` + 40 upper-case hex digits; empty for an empty hash.
// REQUIRES: hash is empty or 20 bytes.
std::string NativePasswordHashHex(std::string_view hash);

// Inverse of NativePasswordHashHex (hex digits of either case). An empty text is the empty hash.
// Fails with InvalidArgument when `text` is not `*` followed by exactly 40 hex digits.
StatusOr<std::string> ParseNativePasswordHashHex(std::string_view text);

// True when `token` proves knowledge of the password whose NativePasswordHash is `stored_hash`,
// for the scramble the server sent. An empty stored hash accepts only an empty token; a token or
// hash of the wrong length is rejected. Compares in constant time.
bool VerifyNativePassword(std::string_view scramble, std::string_view token,
                          std::string_view stored_hash);

// The client's token for `password` (empty for an empty password). For tests and test clients.
std::string ComputeNativeToken(std::string_view scramble, std::string_view password);

// Protocol::AuthSwitchRequest payload: 0xFE, plugin name NUL-terminated, plugin data followed by
// a NUL (for mysql_native_password the data is the 20-byte scramble).
std::string BuildAuthSwitchRequest(std::string_view plugin, std::string_view data);

struct AuthSwitchRequest {
    std::string plugin;
    std::string data;  // without the trailing NUL
};

// Parses an AuthSwitchRequest (client side). Fails with InvalidArgument when the payload does not
// start with 0xFE or the plugin name has no NUL.
StatusOr<AuthSwitchRequest> ParseAuthSwitchRequest(std::string_view payload);

}  // namespace tributary::mysql
