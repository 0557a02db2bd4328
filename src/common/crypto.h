// Small cryptographic helpers shared by the audit chain, sessions and tokens.
//
// Contract: SHA-256 is computed by OpenSSL; RandomToken draws from the
// operating system's CSPRNG. All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace minyi {

// Lower-case hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);
// Lower-case hex HMAC-SHA256.
std::string HmacSha256Hex(std::string_view key, std::string_view data);
// Raw HMAC-SHA256 bytes (32 bytes), e.g. for base64 webhook signatures.
std::string HmacSha256Raw(std::string_view key, std::string_view data);
// n random bytes rendered as 2n hex characters.
std::string RandomHex(size_t bytes);
std::string Base64Encode(std::string_view data);
// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace minyi
