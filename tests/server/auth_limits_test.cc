// Login limits shared by several web server processes (two limiters on one
// database stand for two processes), and the client address behind a
// trusted reverse proxy. Both backends.
#include <gtest/gtest.h>

#include "server/auth.h"
#include "server/server.h"
#include "store/backend_fixture.h"

namespace minyi {
namespace {

class LoginLimitTest : public BackendTest {};

TEST_P(LoginLimitTest, FailuresInOneProcessCountInTheOther) {
  LoginLimiter a(db(), clock_, 5, 900);
  LoginLimiter b(db(), clock_, 5, 900);
  for (int i = 0; i < 3; ++i) a.RecordFailure("admin", "10.0.0.7");
  for (int i = 0; i < 2; ++i) b.RecordFailure("admin", "10.0.0.7");
  Status refused = a.Check("admin", "10.0.0.7");
  EXPECT_EQ(refused.code(), ErrorCode::kRateLimited);
  EXPECT_EQ(refused.message(), "登录失败次数过多，请 15 分钟后再试");
  EXPECT_EQ(b.Check("admin", "10.0.0.7").code(), ErrorCode::kRateLimited);
  // Another user at another address is not affected.
  EXPECT_TRUE(b.Check("leader", "10.0.0.8").ok());
  // The window passes: forgiven.
  clock_.Advance(901);
  EXPECT_TRUE(a.Check("admin", "10.0.0.7").ok());
}

TEST_P(LoginLimitTest, AddressLimitAndSuccessClearsOnlyTheName) {
  LoginLimiter a(db(), clock_, 5, 900);
  LoginLimiter b(db(), clock_, 5, 900);
  // A spray of names from one address: 4 × 5 failures close the address.
  for (int i = 0; i < 20; ++i) (i % 2 ? a : b).RecordFailure("user" + std::to_string(i), "10.0.0.9");
  EXPECT_EQ(a.Check("someone", "10.0.0.9").code(), ErrorCode::kRateLimited);
  EXPECT_TRUE(a.Check("someone", "10.0.0.10").ok());
  // A success forgives that name's failures, not the address's.
  LoginLimiter c(db(), clock_, 5, 900);
  for (int i = 0; i < 4; ++i) c.RecordFailure("editor", "10.0.0.11");
  c.RecordSuccess("editor", "10.0.0.11");
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM login_failures WHERE bucket = 'n:editor|10.0.0.11'"), 0);
  // Old rows are deleted as new failures come.
  clock_.Advance(1000);
  a.RecordFailure("x", "10.0.0.12");
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM login_failures"), 2);
}

TEST_P(LoginLimitTest, ATrustedProxyMustBeAnAddress) {
  ServerOptions o;
  o.store = store_.get();
  o.clock = &clock_;
  o.port = 0;
  o.trusted_proxies = {"127.0.0.1", "nginx"};
  auto server = Server::Create(o);
  EXPECT_EQ(server.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(server.status().message(), "--trusted-proxy 应为反向代理的 IP 地址：nginx");
}

INSTANTIATE_TEST_SUITE_P(Backends, LoginLimitTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(ClientAddressTest, OnlyTrustedProxiesSpeakForTheClient) {
  std::vector<std::string> proxies = {"127.0.0.1", "10.1.1.1"};
  // Not through a trusted proxy: the header is the client's own claim.
  EXPECT_EQ(ClientAddress("203.0.113.5", "1.2.3.4", proxies), "203.0.113.5");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7", proxies), "198.51.100.7");
  // Right-most untrusted entry; what the client prepended is ignored.
  EXPECT_EQ(ClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.1.1", proxies), "198.51.100.7");
  EXPECT_EQ(ClientAddress("127.0.0.1", " 2001:db8::1 ", proxies), "2001:db8::1");
  // Garbage or only proxies: the peer.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7, <script>", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.1.1.1", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", ",,", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4", {}), "127.0.0.1");
}

}  // namespace
}  // namespace minyi
