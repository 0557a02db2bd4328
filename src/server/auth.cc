#include "server/auth.h"

#include <argon2.h>
#include <spdlog/spdlog.h>

#include <cctype>

#include "common/crypto.h"
#include "server/server.h"

namespace minyi {
namespace {

// OWASP's recommended Argon2id floor: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kArgonTime = 2;
constexpr uint32_t kArgonMemoryKiB = 19 * 1024;
constexpr uint32_t kArgonLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

// An address gets more room than one name, since several staff may share
// an office NAT address.
constexpr int kAddressFactor = 4;

}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  // 128 random bits, hex-encoded: argon2 takes any salt bytes.
  std::string salt = RandomHex(kSaltBytes);
  size_t encoded_len = argon2_encodedlen(kArgonTime, kArgonMemoryKiB, kArgonLanes, static_cast<uint32_t>(salt.size()),
                                         kHashBytes, Argon2_id);
  std::string encoded(encoded_len, '\0');
  int rc = argon2id_hash_encoded(kArgonTime, kArgonMemoryKiB, kArgonLanes, password.data(), password.size(),
                                 salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Internal(std::string("密码哈希失败：") + argon2_error_message(rc));
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded;
}

bool VerifyPassword(const std::string& password, const std::string& encoded_hash) {
  if (encoded_hash.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Status CheckPasswordPolicy(const std::string& password) {
  if (password.size() < 8) return InvalidArgument("密码至少需要 8 个字符");
  if (password.size() > 128) return InvalidArgument("密码不能超过 128 个字节");
  bool has_letter = false, has_digit = false;
  for (unsigned char c : password) {
    if (c < 0x20 || c == 0x7f) return InvalidArgument("密码不能包含控制字符");
    if (std::isalpha(c)) has_letter = true;
    if (std::isdigit(c)) has_digit = true;
  }
  if (!has_letter || !has_digit) return InvalidArgument("密码需同时包含字母和数字");
  return Status::Ok();
}

Result<SessionManager::Created> SessionManager::Create(int64_t user_id, const std::string& client) {
  Created c{RandomHex(32), RandomHex(16)};
  UnixSeconds now = clock_.Now();
  // Expired sessions are swept on login rather than by a timer thread.
  MINYI_RETURN_IF_ERROR(db_.Execute("DELETE FROM sessions WHERE expires_at < ?", {now}).status());
  MINYI_RETURN_IF_ERROR(
      db_.Execute("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at,"
                  " last_seen_at, client) VALUES (?,?,?,?,?,?,?)",
                  {Sha256Hex(c.token), user_id, c.csrf_token, now, now + ttl_, now, client.substr(0, 200)})
          .status());
  return c;
}

Result<SessionInfo> SessionManager::Lookup(const std::string& token) {
  if (token.empty() || token.size() > 128) return Unauthenticated("请先登录");
  std::string hash = Sha256Hex(token);
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT s.user_id, s.csrf_token, s.expires_at, s.last_seen_at,"
                                              " u.active FROM sessions s JOIN users u ON u.id = s.user_id"
                                              " WHERE s.token_hash = ?",
                                              {hash}));
  UnixSeconds now = clock_.Now();
  if (rows.empty() || rows.Int(0, "expires_at") < now || rows.Int(0, "active") == 0) {
    return Unauthenticated("登录已过期，请重新登录");
  }
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (now - rows.Int(0, "last_seen_at") >= 60) {
    MINYI_RETURN_IF_ERROR(db_.Execute("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
                                      {now, now + ttl_, hash})
                              .status());
  }
  OrgRepo org(db_, clock_);
  MINYI_ASSIGN_OR_RETURN(User user, org.GetUser(rows.Int(0, "user_id")));
  return SessionInfo{std::move(user), rows.Text(0, "csrf_token")};
}

Status SessionManager::Destroy(const std::string& token) {
  return db_.Execute("DELETE FROM sessions WHERE token_hash = ?", {Sha256Hex(token)}).status();
}

namespace {

std::string NameBucket(const std::string& name, const std::string& address) { return "n:" + name + "|" + address; }
std::string AddressBucket(const std::string& address) { return "a:" + address; }

}  // namespace

Status LoginLimiter::Check(const std::string& name, const std::string& address) {
  UnixSeconds since = clock_.Now() - window_;
  const char* count = "SELECT COUNT(*) FROM login_failures WHERE bucket = ? AND at > ?";
  auto by_name = db_.QueryInt(count, {NameBucket(name, address), since});
  auto by_addr = db_.QueryInt(count, {AddressBucket(address), since});
  if (!by_name.ok() || !by_addr.ok()) {
    spdlog::warn("登录失败计数读取失败：{}", (by_name.ok() ? by_addr.status() : by_name.status()).ToString());
    return Status::Ok();
  }
  if (*by_name >= max_failures_ || *by_addr >= int64_t{max_failures_} * kAddressFactor) {
    return RateLimited("登录失败次数过多，请 " + std::to_string((window_ + 59) / 60) + " 分钟后再试");
  }
  return Status::Ok();
}

void LoginLimiter::RecordFailure(const std::string& name, const std::string& address) {
  UnixSeconds now = clock_.Now();
  Status s = db_.InTransaction([&](Database& tx) -> Status {
    // Old rows go as new ones come, which also bounds the table under a
    // spray of random names.
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM login_failures WHERE at <= ?", {now - window_}).status());
    return tx
        .Execute("INSERT INTO login_failures(bucket, at) VALUES (?, ?), (?, ?)",
                 {NameBucket(name, address), now, AddressBucket(address), now})
        .status();
  });
  if (!s.ok()) spdlog::warn("登录失败计数写入失败：{}", s.ToString());
}

void LoginLimiter::RecordSuccess(const std::string& name, const std::string& address) {
  Status s = db_.Execute("DELETE FROM login_failures WHERE bucket = ?", {NameBucket(name, address)}).status();
  if (!s.ok()) spdlog::warn("登录失败计数清除失败：{}", s.ToString());
}

}  // namespace minyi
