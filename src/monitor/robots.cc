// robots.txt rules and URL helpers (declared in fetch.h).
#include <algorithm>

#include "common/strings.h"
#include "monitor/fetch.h"
#include "monitor/html_text.h"

namespace minyi {
namespace {

using monitor_internal::LowerAscii;

// Pattern match with '*' (any run) and a trailing '$' (end anchor).
// Iterative with backtracking to the last '*', so it is linear-ish and
// cannot recurse deeply on hostile patterns.
bool Match(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({false, "/"});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view agent) {
  if (text.size() > 500 * 1024) text = text.substr(0, 500 * 1024);
  std::string want = LowerAscii(agent);
  struct Group {
    std::vector<Rule> rules;
    int delay = 0;
  };
  Group mine, star;
  bool have_mine = false, have_star = false;
  // Consecutive user-agent lines open one group; a rule line closes the
  // list of agents.
  bool in_agents = false, for_mine = false, for_star = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = LowerAscii(TrimBlank(line.substr(0, colon)));
    std::string_view value = TrimBlank(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) for_mine = for_star = false;
      in_agents = true;
      std::string v = LowerAscii(value.substr(0, value.find('/')));
      if (v == "*") {
        for_star = have_star = true;
      } else if (v == want) {
        for_mine = have_mine = true;
      }
      continue;
    }
    in_agents = false;
    Group* groups[2] = {for_mine ? &mine : nullptr, for_star ? &star : nullptr};
    for (Group* g : groups) {
      if (g == nullptr) continue;
      if (key == "allow" || key == "disallow") {
        // An empty Disallow allows everything; it adds no rule.
        if (!value.empty() && g->rules.size() < 5000) g->rules.push_back({key == "allow", std::string(value)});
      } else if (key == "crawl-delay") {
        int d = 0;
        for (char c : value) {
          if (c < '0' || c > '9') break;
          d = std::min(d * 10 + (c - '0'), 3600);
        }
        g->delay = d;
      }
    }
  }
  RobotsRules out;
  const Group& g = have_mine ? mine : star;
  if (have_mine || have_star) {
    out.rules_ = g.rules;
    out.crawl_delay_ = g.delay;
  }
  return out;
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  size_t best = 0;
  bool allowed = true;
  bool found = false;
  for (const Rule& r : rules_) {
    if (!Match(r.pattern, path)) continue;
    size_t len = r.pattern.size();
    if (!found || len > best || (len == best && r.allow && !allowed)) {
      best = len;
      allowed = r.allow;
      found = true;
    }
  }
  return allowed;
}

Result<UrlParts> ParseHttpUrl(std::string_view url) {
  size_t colon = url.find("://");
  if (colon == std::string_view::npos) return InvalidArgument("网址必须以 http:// 或 https:// 开头");
  UrlParts p;
  p.scheme = LowerAscii(url.substr(0, colon));
  if (p.scheme != "http" && p.scheme != "https") return InvalidArgument("只支持 http 和 https 网址");
  std::string_view rest = url.substr(colon + 3);
  size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  if (authority.find('@') != std::string_view::npos) return InvalidArgument("网址中不能包含用户名或密码");
  std::string_view path = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
  size_t frag = path.find('#');
  if (frag != std::string_view::npos) path = path.substr(0, frag);
  p.path = path.empty() || path[0] != '/' ? "/" + std::string(path) : std::string(path);
  size_t port = authority.rfind(':');
  if (port != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    p.port = std::string(authority.substr(port + 1));
    authority = authority.substr(0, port);
  }
  p.host = LowerAscii(authority);
  if (p.host.empty()) return InvalidArgument("网址缺少主机名");
  for (char c : p.port) {
    if (c < '0' || c > '9') return InvalidArgument("网址的端口无效");
  }
  return p;
}

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  std::string_view r = TrimBlank(ref);
  if (r.empty()) return "";
  std::string lower = LowerAscii(r.substr(0, std::min<size_t>(r.size(), 12)));
  if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0) return std::string(r);
  if (lower.find(':') != std::string::npos && lower.find(':') < lower.find('/'))
    return std::string(r);  // mailto:, javascript:
  auto parts = ParseHttpUrl(base);
  if (!parts.ok()) return std::string(r);
  std::string origin = parts->scheme + "://" + parts->host + (parts->port.empty() ? "" : ":" + parts->port);
  if (r.rfind("//", 0) == 0) return parts->scheme + ":" + std::string(r);
  if (r[0] == '/') return origin + std::string(r);
  std::string path = parts->path;
  size_t q = path.find('?');
  if (q != std::string::npos) path = path.substr(0, q);
  if (r[0] == '?') return origin + path + std::string(r);
  if (r[0] == '#') return origin + parts->path;
  std::string dir = path.substr(0, path.rfind('/') + 1);
  std::string joined = dir + std::string(r);
  // Remove dot segments.
  std::vector<std::string> segs;
  std::string query;
  size_t qpos = joined.find_first_of("?#");
  if (qpos != std::string::npos) {
    query = joined.substr(qpos);
    joined = joined.substr(0, qpos);
  }
  size_t start = 1;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    std::string seg = joined.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
      if (end == std::string::npos) segs.push_back("");
    } else if (seg != ".") {
      segs.push_back(seg);
    } else if (end == std::string::npos) {
      segs.push_back("");
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::string out = origin;
  for (const std::string& s : segs) out += "/" + s;
  if (segs.empty()) out += "/";
  size_t hash = query.find('#');
  if (hash != std::string::npos) query = query.substr(0, hash);
  return out + query;
}

}  // namespace minyi
