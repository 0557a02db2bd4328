// Local receivers for notify tests: an HTTP server (cpp-httplib) recording
// every request and answering from a script, and a tiny SMTP server speaking
// enough of RFC 5321 (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT). Both listen on 127.0.0.1, port chosen by the system.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace minyi::testing {

struct ReceivedRequest {
  std::string path;
  std::map<std::string, std::string> params;   // query
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class HttpReceiver {
 public:
  HttpReceiver();
  ~HttpReceiver();
  int port() const { return port_; }
  std::string Url(const std::string& path) const;
  // Answers used in order; when exhausted, 200 with default_reply.
  void Script(int status, std::string body);
  void SetDefaultReply(std::string body);
  std::vector<ReceivedRequest> Requests();
  size_t RequestCount();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

struct ReceivedMail {
  std::string helo, auth_user, auth_password, from;
  std::vector<std::string> rcpt;
  std::string data;  // without the final "."
};

class SmtpReceiver {
 public:
  // require_auth: refuse MAIL before a successful AUTH PLAIN with user/pass.
  SmtpReceiver(std::string user = "", std::string password = "");
  ~SmtpReceiver();
  int port() const { return port_; }
  std::vector<ReceivedMail> Mails();

 private:
  void Serve();
  void Session(int fd);

  std::string user_, password_;
  int listen_fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<ReceivedMail> mails_;
  std::thread thread_;
};

// Decodes standard base64 (for checking signatures and mail bodies).
std::string Base64Decode(const std::string& in);

}  // namespace minyi::testing
