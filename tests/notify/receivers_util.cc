#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "notify/receivers.h"

namespace minyi::testing {

struct HttpReceiver::Impl {
  httplib::Server server;
  std::thread thread;
  std::mutex mu;
  std::vector<ReceivedRequest> requests;
  std::deque<std::pair<int, std::string>> script;
  std::string default_reply = R"({"errcode":0,"errmsg":"ok","code":0,"msg":"success"})";
};

HttpReceiver::HttpReceiver() : impl_(std::make_unique<Impl>()) {
  Impl* impl = impl_.get();
  impl->server.Post(R"(/.*)", [impl](const httplib::Request& req, httplib::Response& res) {
    ReceivedRequest r;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.params[k] = v;
    for (const auto& [k, v] : req.headers) {
      std::string name = k;
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      r.headers[name] = v;
    }
    r.body = req.body;
    std::lock_guard<std::mutex> lock(impl->mu);
    impl->requests.push_back(std::move(r));
    int status = 200;
    std::string body = impl->default_reply;
    if (!impl->script.empty()) {
      std::tie(status, body) = impl->script.front();
      impl->script.pop_front();
    }
    res.status = status;
    res.set_content(body, "application/json");
  });
  port_ = impl->server.bind_to_any_port("127.0.0.1");
  impl->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  while (!impl->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

HttpReceiver::~HttpReceiver() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string HttpReceiver::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HttpReceiver::Script(int status, std::string body) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->script.emplace_back(status, std::move(body));
}

void HttpReceiver::SetDefaultReply(std::string body) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->default_reply = std::move(body);
}

std::vector<ReceivedRequest> HttpReceiver::Requests() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->requests;
}

size_t HttpReceiver::RequestCount() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->requests.size();
}

// ---- SMTP ---------------------------------------------------------------------

namespace {

bool ReadLine(int fd, std::string& buffer, std::string& line) {
  for (;;) {
    size_t pos = buffer.find("\r\n");
    if (pos != std::string::npos) {
      line = buffer.substr(0, pos);
      buffer.erase(0, pos + 2);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return false;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer.append(buf, static_cast<size_t>(n));
  }
}

void Send(int fd, const std::string& s) {
  std::string out = s + "\r\n";
  (void)::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string Angle(const std::string& arg) {
  size_t a = arg.find('<'), b = arg.find('>');
  return a != std::string::npos && b != std::string::npos && b > a ? arg.substr(a + 1, b - a - 1) : arg;
}

}  // namespace

std::string Base64Decode(const std::string& in) {
  static const std::string kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (unsigned char c : in) {
    size_t pos = kChars.find(static_cast<char>(c));
    if (pos == std::string::npos) continue;  // '=', CR, LF
    val = (val << 6) + static_cast<int>(pos);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

SmtpReceiver::SmtpReceiver(std::string user, std::string password)
    : user_(std::move(user)), password_(std::move(password)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listen_fd_, 8);
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpReceiver::~SmtpReceiver() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
}

std::vector<ReceivedMail> SmtpReceiver::Mails() {
  std::lock_guard<std::mutex> lock(mu_);
  return mails_;
}

void SmtpReceiver::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    Session(fd);
    ::close(fd);
  }
}

void SmtpReceiver::Session(int fd) {
  std::string buffer, line;
  ReceivedMail mail;
  bool authed = user_.empty();
  Send(fd, "220 localhost test ESMTP");
  while (ReadLine(fd, buffer, line)) {
    std::string verb = Upper(line.substr(0, line.find(' ')));
    std::string arg = line.size() > verb.size() ? line.substr(verb.size() + 1) : "";
    if (verb == "EHLO") {
      mail.helo = arg;
      Send(fd, "250-localhost");
      Send(fd, "250-8BITMIME");
      if (!user_.empty()) Send(fd, "250-AUTH PLAIN");
      Send(fd, "250 SIZE 10485760");
    } else if (verb == "HELO") {
      mail.helo = arg;
      Send(fd, "250 localhost");
    } else if (verb == "AUTH") {
      std::string mech = Upper(arg.substr(0, arg.find(' ')));
      std::string token = arg.find(' ') == std::string::npos ? "" : arg.substr(arg.find(' ') + 1);
      if (mech != "PLAIN") {
        Send(fd, "504 unsupported");
        continue;
      }
      if (token.empty()) {
        Send(fd, "334 ");
        if (!ReadLine(fd, buffer, token)) return;
      }
      std::string plain = Base64Decode(token);  // authzid \0 user \0 pass
      size_t a = plain.find('\0'), b = plain.find('\0', a + 1);
      if (a != std::string::npos && b != std::string::npos) {
        mail.auth_user = plain.substr(a + 1, b - a - 1);
        mail.auth_password = plain.substr(b + 1);
      }
      authed = mail.auth_user == user_ && mail.auth_password == password_;
      Send(fd, authed ? "235 2.7.0 ok" : "535 5.7.8 bad credentials");
    } else if (verb == "MAIL") {
      if (!authed) {
        Send(fd, "530 5.7.0 authentication required");
        continue;
      }
      mail.from = Angle(arg);
      Send(fd, "250 ok");
    } else if (verb == "RCPT") {
      mail.rcpt.push_back(Angle(arg));
      Send(fd, "250 ok");
    } else if (verb == "DATA") {
      Send(fd, "354 go ahead");
      std::string data;
      while (ReadLine(fd, buffer, line) && line != ".") {
        if (!line.empty() && line[0] == '.') line.erase(0, 1);  // dot-unstuffing
        data += line + "\r\n";
      }
      mail.data = data;
      {
        std::lock_guard<std::mutex> lock(mu_);
        mails_.push_back(mail);
      }
      Send(fd, "250 queued");
    } else if (verb == "RSET" || verb == "NOOP") {
      Send(fd, "250 ok");
    } else if (verb == "QUIT") {
      Send(fd, "221 bye");
      return;
    } else {
      Send(fd, "502 not implemented");
    }
  }
}

}  // namespace minyi::testing
