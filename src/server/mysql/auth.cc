#include "server/mysql/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <random>

#include "base/check.h"
#include "base/string_util.h"
#include "server/mysql/constants.h"
#include "server/mysql/wire.h"

namespace tributary::mysql {
namespace {

constexpr size_t kSha1Length = 20;

std::string Sha1(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const int ok = EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha1(), nullptr);
    TRIBUTARY_CHECK(ok == 1 && length == kSha1Length, "OpenSSL failed to compute a SHA1 digest");
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Xor(std::string_view a, std::string_view b) {
    std::string out(a);
    for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(out[i] ^ b[i]);
    return out;
}

// The scramble proper: the handshake sends it followed by a NUL, which some callers keep.
std::string_view ScrambleBytes(std::string_view scramble) {
    if (scramble.size() == kScrambleLength + 1 && scramble.back() == '\0') {
        scramble.remove_suffix(1);
    }
    return scramble;
}

}  // namespace

std::string GenerateScramble() {
    unsigned char bytes[kScrambleLength];
    if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
        std::random_device device;
        for (auto& b : bytes) b = static_cast<unsigned char>(device());
    }
    std::string scramble(kScrambleLength, '\0');
    for (size_t i = 0; i < kScrambleLength; ++i) {
        unsigned char c = bytes[i] & 0x7F;
        if (c == '\0' || c == '$') ++c;
        scramble[i] = static_cast<char>(c);
    }
    return scramble;
}

std::string NativePasswordHash(std::string_view password) {
    if (password.empty()) return "";
    return Sha1(Sha1(password));
}

std::string NativePasswordHashHex(std::string_view hash) {
    TRIBUTARY_CHECK(hash.empty() || hash.size() == kSha1Length,
                    "a mysql_native_password hash is empty or 20 bytes");
    if (hash.empty()) return "";
    return "*" + HexEncode(hash, /*uppercase=*/true);
}

StatusOr<std::string> ParseNativePasswordHashHex(std::string_view text) {
    if (text.empty()) return std::string();
    auto hash = text.size() == 1 + 2 * kSha1Length && text[0] == '*'
                    ? HexDecode(text.substr(1))
                    : StatusOr<std::string>(Status::InvalidArgument("not '*' + 40 hex digits"));
    if (!hash.ok()) {
        return Status::InvalidArgument(
            "a mysql_native_password hash must be '*' followed by 40 hex digits");
    }
    return hash;
}

bool VerifyNativePassword(std::string_view scramble, std::string_view token,
                          std::string_view stored_hash) {
    if (stored_hash.empty()) return token.empty();
    if (token.size() != kSha1Length || stored_hash.size() != kSha1Length) return false;
    std::string salted = std::string(ScrambleBytes(scramble));
    salted.append(stored_hash);
    const std::string sha1_password = Xor(token, Sha1(salted));
    const std::string candidate = Sha1(sha1_password);
    return CRYPTO_memcmp(candidate.data(), stored_hash.data(), kSha1Length) == 0;
}

std::string ComputeNativeToken(std::string_view scramble, std::string_view password) {
    if (password.empty()) return "";
    const std::string sha1_password = Sha1(password);
    std::string salted = std::string(ScrambleBytes(scramble));
    salted.append(Sha1(sha1_password));
    return Xor(sha1_password, Sha1(salted));
}

std::string BuildAuthSwitchRequest(std::string_view plugin, std::string_view data) {
    std::string payload;
    WireWriter w(&payload);
    w.U8(0xFE);
    w.NulTerminatedString(plugin);
    w.Bytes(data);
    w.U8(0);
    return payload;
}

StatusOr<AuthSwitchRequest> ParseAuthSwitchRequest(std::string_view payload) {
    WireReader r(payload, ErrorCode::kHandshakeError);
    ASSIGN_OR_RETURN(uint8_t header, r.ReadU8("auth switch request header"));
    if (header != 0xFE) {
        return Status::InvalidArgument("malformed packet: auth switch request must start with 0xFE",
                                       ErrorCode::kHandshakeError);
    }
    AuthSwitchRequest request;
    ASSIGN_OR_RETURN(std::string_view plugin, r.ReadNulTerminatedString("auth plugin name"));
    request.plugin = plugin;
    std::string_view data = r.ReadRest();
    if (!data.empty() && data.back() == '\0') data.remove_suffix(1);
    request.data = data;
    return request;
}

}  // namespace tributary::mysql
