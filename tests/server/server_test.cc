#include "server/server.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "server/api.h"
#include "server/http_errors.h"

namespace minyi {
namespace {

// The OpenAPI document lists exactly the routes the server registers.
TEST(OpenApiTest, DocumentMatchesRouteTable) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  std::set<std::string> documented;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method, op] : ops.items()) {
      std::string m = method;
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(m + " " + path);
      EXPECT_TRUE(op.contains("summary")) << path;
    }
  }
  auto registered = RegisteredRoutes();
  std::set<std::string> routes(registered.begin(), registered.end());
  EXPECT_EQ(routes.size(), registered.size()) << "a route is registered twice";
  for (const auto& r : routes) EXPECT_TRUE(documented.count(r)) << "not in openapi.json: " << r;
  for (const auto& d : documented) EXPECT_TRUE(routes.count(d)) << "documented but not served: " << d;
}

TEST(HttpErrorsTest, OneMappingForEveryCode) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kResourceExhausted), 413);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
  auto body = nlohmann::json::parse(ErrorBody(NotFound("找不到")));
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_EQ(body["error"]["message"], "找不到");
}

TEST(JsonLimitsTest, DepthIsCheckedBeforeParsing) {
  EXPECT_TRUE(ParseJsonLimited(R"({"a": [1, {"b": "[[[["}]})").ok());
  EXPECT_EQ(ParseJsonLimited(std::string(100000, '[')).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseJsonLimited("{\"a\":").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ParseJsonLimited("\xff\xfe").ok());
}

TEST(PasswordTest, Argon2idHashesVerifyAndPolicyHolds) {
  auto hash = HashPassword("Passw0rd!");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("Passw0rd!", *hash));
  EXPECT_FALSE(VerifyPassword("passw0rd!", *hash));
  EXPECT_FALSE(VerifyPassword("Passw0rd!", "plain-text"));
  EXPECT_NE(*HashPassword("Passw0rd!"), *hash);  // salted
  EXPECT_FALSE(CheckPasswordPolicy("short1").ok());
  EXPECT_FALSE(CheckPasswordPolicy("onlyletters").ok());
  EXPECT_FALSE(CheckPasswordPolicy("12345678").ok());
  EXPECT_TRUE(CheckPasswordPolicy("minyi2026").ok());
}

TEST(ListenTest, ParsesHostAndPort) {
  std::string host;
  int port = 0;
  ASSERT_TRUE(ParseListenAddress("127.0.0.1:8080", &host, &port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListenAddress("[::1]:0", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(ParseListenAddress("8080", &host, &port).ok());
  EXPECT_FALSE(ParseListenAddress("h:99999", &host, &port).ok());
  EXPECT_FALSE(ParseListenAddress("h:8o", &host, &port).ok());
}

}  // namespace
}  // namespace minyi
