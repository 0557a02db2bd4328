// libcurl stays in this file: HTTP POST for robots/webhooks and SMTP for mail.
#include <curl/curl.h>

#include <cstring>
#include <memory>

#include "notify/formats.h"

namespace minyi {
namespace {

// A reply larger than this is cut: robots answer with a few dozen bytes.
constexpr size_t kMaxReplyBytes = 64 * 1024;

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t CollectReply(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  size_t len = size * n;
  if (out->size() < kMaxReplyBytes) out->append(data, std::min(len, kMaxReplyBytes - out->size()));
  return len;
}

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t FeedUpload(char* buf, size_t size, size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t len = std::min(size * n, up->data->size() - up->pos);
  std::memcpy(buf, up->data->data() + up->pos, len);
  up->pos += len;
  return len;
}

Status CurlError(CURLcode code, const char* errbuf, const char* what) {
  std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(code);
  if (code == CURLE_OPERATION_TIMEDOUT) return Unavailable(std::string(what) + "超时：" + detail);
  if (code == CURLE_LOGIN_DENIED) return Unavailable(std::string(what) + "登录被拒绝（用户名或密码错误）：" + detail);
  return Unavailable(std::string(what) + "失败：" + detail);
}

}  // namespace

Result<HttpReply> HttpPost(const HttpRequestSpec& request, int timeout_ms) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Internal("无法初始化 HTTP 客户端");
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  curl_slist* list = nullptr;
  for (const auto& [k, v] : request.headers) list = curl_slist_append(list, (k + ": " + v).c_str());
  list = curl_slist_append(list, "Expect:");
  headers.reset(list);
  char errbuf[CURL_ERROR_SIZE] = {0};
  HttpReply reply;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(timeout_ms, 5000)));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, CollectReply);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Minyi-Notify/1");
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) return CurlError(rc, errbuf, "连接");
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  reply.status = static_cast<int>(status);
  return reply;
}

Status SmtpSend(const ChannelConfig& config, const std::string& message, int timeout_ms) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Internal("无法初始化邮件客户端");
  curl_slist* list = nullptr;
  for (const auto& addr : config.to) list = curl_slist_append(list, ("<" + addr + ">").c_str());
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(list);
  char errbuf[CURL_ERROR_SIZE] = {0};
  Upload up{&message};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, config.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + config.from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  if (config.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_READFUNCTION, FeedUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(timeout_ms, 5000)));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) return CurlError(rc, errbuf, "发送邮件");
  return Status::Ok();
}

}  // namespace minyi
