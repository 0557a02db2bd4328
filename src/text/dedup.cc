#include "text/dedup.h"

#include <algorithm>
#include <bit>
#include <cctype>

#include "text/utf8.h"

namespace minyi {

namespace {

constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsTrackingParam(std::string_view key) {
  const std::string k = LowerAscii(key);
  if (k.rfind("utm_", 0) == 0 || k.rfind("share_", 0) == 0 || k.rfind("sharer_", 0) == 0) return true;
  static constexpr std::string_view kNames[] = {
      "spm",     "scm",         "fbclid",        "gclid",          "dclid",     "yclid", "msclkid",        "mc_cid",
      "mc_eid",  "igshid",      "_hsenc",        "_hsmi",          "vd_source", "wfr",   "isappinstalled", "ref_src",
      "ref_url", "from_source", "wxshare_count", "timestamp_share"};
  return std::find(std::begin(kNames), std::end(kNames), k) != std::end(kNames);
}

// WeChat article URLs carry a dozen per-reader parameters; these four name
// the article.
bool IsWeixinArticleParam(std::string_view key) {
  return key == "__biz" || key == "mid" || key == "idx" || key == "sn";
}

std::string NormalizeEscapes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2])));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Letters, digits and ideographs survive; everything else (space,
// punctuation, symbols, emoji) is noise for duplicate detection.
bool KeepForHash(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
  if (c >= 0x2000 && c <= 0x2BFF) return false;    // general punctuation, arrows, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;    // CJK punctuation
  if (c >= 0xFE10 && c <= 0xFE6F) return false;    // vertical/small forms
  if (c >= 0xFF00 && c <= 0xFFEF) return false;    // remaining full-width punctuation
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;  // emoji
  if (c == utf8::kReplacement || c == 0xA0 || c == 0xFEFF) return false;
  if (c >= 0x80 && c <= 0xBF) return false;  // Latin-1 punctuation
  return true;
}

}  // namespace

uint64_t Hash64(std::string_view bytes) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return Mix64(h);
}

Result<std::string> CanonicalUrl(std::string_view url) {
  if (url.size() > 8192) return ResourceExhausted("网址过长（最多 8 KB）");
  while (!url.empty() && (url.front() == ' ' || url.front() == '\t')) url.remove_prefix(1);
  while (!url.empty() && (url.back() == ' ' || url.back() == '\t' || url.back() == '\r' || url.back() == '\n')) {
    url.remove_suffix(1);
  }
  for (char c : url) {
    // Raw blanks and control bytes are not part of a URL (they would also be
    // trimmed differently on a second pass, breaking canonical = fixed point).
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7F) return InvalidArgument("网址含有空格或控制字符");
  }
  const size_t colon = url.find("://");
  if (colon == std::string_view::npos) return InvalidArgument("网址缺少协议（应以 http:// 或 https:// 开头）");
  const std::string scheme = LowerAscii(url.substr(0, colon));
  if (scheme != "http" && scheme != "https") return InvalidArgument("只支持 http 和 https 网址");
  std::string_view rest = url.substr(colon + 3);
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const size_t path_at = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_at);
  std::string_view path_query = path_at == std::string_view::npos ? std::string_view() : rest.substr(path_at);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string host;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return InvalidArgument("网址中的 IPv6 地址缺少“]”");
    host = LowerAscii(authority.substr(0, close + 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return InvalidArgument("网址中的 IPv6 地址后有多余字符");
      port = authority.substr(close + 2);
    }
  } else {
    const size_t pc = authority.rfind(':');
    host = LowerAscii(authority.substr(0, pc));
    if (pc != std::string_view::npos) port = authority.substr(pc + 1);
  }
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return InvalidArgument("网址缺少主机名");
  if (host.front() != '[') {
    for (unsigned char c : host) {
      // A second ':' (e.g. "a.cn:443:") would make the port part of the
      // host and the canonical form not canonical.
      if (c == ':' || c <= ' ' || c == '[' || c == ']' || c == '\\' || c == 0x7F) {
        return InvalidArgument("网址主机名含有无效字符");
      }
    }
  }
  for (char c : port) {
    if (c < '0' || c > '9') return InvalidArgument("网址端口不是数字");
  }
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port = {};

  std::string_view path = path_query.substr(0, path_query.find('?'));
  std::string_view query;
  if (size_t q = path_query.find('?'); q != std::string_view::npos) query = path_query.substr(q + 1);

  std::vector<std::pair<std::string, std::string>> params;
  const bool weixin = host == "mp.weixin.qq.com";
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (kv.empty()) continue;
    const size_t eq = kv.find('=');
    std::string key = NormalizeEscapes(kv.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : NormalizeEscapes(kv.substr(eq + 1));
    if (key.empty() && value.empty()) continue;  // a bare "=" would print as nothing
    if (IsTrackingParam(key)) continue;
    if (weixin && !IsWeixinArticleParam(key)) continue;
    params.emplace_back(std::move(key), std::move(value));
    if (params.size() > 1000) return ResourceExhausted("网址参数过多");
  }
  std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  std::string out = scheme + "://" + host;
  if (!port.empty()) out += ":" + std::string(port);
  out += path.empty() ? "/" : NormalizeEscapes(path);
  for (size_t i = 0; i < params.size(); ++i) {
    out += i ? '&' : '?';
    out += params[i].first;
    if (!params[i].second.empty()) out += "=" + params[i].second;
  }
  return out;
}

std::string NormalizeForHash(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t len = 1;
    char32_t c = utf8::DecodeOne(text, pos, &len);
    pos += len;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (c >= 'A' && c <= 'Z') c += 32;
    if (KeepForHash(c)) utf8::Append(out, c);
  }
  return out;
}

uint64_t ExactTextHash(std::string_view text) { return Hash64(NormalizeForHash(text)); }

std::vector<uint64_t> ShingleHashes(std::string_view text, const ShingleOptions& options) {
  const std::string norm = NormalizeForHash(text.substr(0, options.max_text_bytes));
  std::vector<uint32_t> starts;  // byte offset of each code point
  size_t pos = 0;
  while (pos < norm.size()) {
    starts.push_back(static_cast<uint32_t>(pos));
    size_t len = 1;
    utf8::DecodeOne(norm, pos, &len);
    pos += len;
  }
  starts.push_back(static_cast<uint32_t>(norm.size()));
  std::vector<uint64_t> out;
  const size_t n = starts.size() - 1;
  if (n == 0) return out;
  const size_t k = static_cast<size_t>(std::max(1, options.k));
  if (n <= k) {
    out.push_back(Hash64(norm));
    return out;
  }
  out.reserve(n - k + 1);
  for (size_t i = 0; i + k <= n; ++i)
    out.push_back(Hash64(std::string_view(norm).substr(starts[i], starts[i + k] - starts[i])));
  return out;
}

namespace {

uint64_t SimHashOfHashes(const std::vector<std::pair<uint64_t, double>>& weighted) {
  double v[64] = {};
  for (const auto& [h, w] : weighted) {
    for (int b = 0; b < 64; ++b) v[b] += ((h >> b) & 1) ? w : -w;
  }
  uint64_t fp = 0;
  for (int b = 0; b < 64; ++b) {
    if (v[b] > 0) fp |= 1ULL << b;
  }
  return fp;
}

}  // namespace

uint64_t SimHash64(std::string_view text, const ShingleOptions& options) {
  // Weight = occurrence count per distinct shingle is the same as +-1 per
  // occurrence, so no sort/grouping is needed: per bit, the sum is
  // 2 * ones - n. Integer counting vectorizes; this was the monitor's
  // second-largest analysis cost with doubles.
  const std::vector<uint64_t> hashes = ShingleHashes(text, options);
  uint32_t ones[64] = {};
  for (uint64_t h : hashes) {
    for (int b = 0; b < 64; ++b) ones[b] += static_cast<uint32_t>((h >> b) & 1);
  }
  const uint64_t n = hashes.size();
  uint64_t fp = 0;
  for (int b = 0; b < 64; ++b) {
    if (2 * static_cast<uint64_t>(ones[b]) > n) fp |= 1ULL << b;
  }
  return fp;
}

uint64_t SimHash64Weighted(const std::vector<std::pair<std::string_view, double>>& features) {
  std::vector<std::pair<uint64_t, double>> weighted;
  weighted.reserve(features.size());
  for (const auto& [f, w] : features) weighted.emplace_back(Hash64(f), w);
  return SimHashOfHashes(weighted);
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

// ---------------------------------------------------------------- SimHashIndex

SimHashIndex::SimHashIndex() {
  for (auto& h : heads_) h.assign(1u << 16, kNone);
}

void SimHashIndex::Reserve(size_t n) {
  fps_.reserve(n);
  for (auto& nx : next_) nx.reserve(n);
}

uint32_t SimHashIndex::Add(uint64_t fp) {
  const uint32_t id = static_cast<uint32_t>(fps_.size());
  fps_.push_back(fp);
  for (int b = 0; b < 4; ++b) {
    const uint32_t key = static_cast<uint32_t>((fp >> (16 * b)) & 0xFFFF);
    next_[b].push_back(heads_[b][key]);
    heads_[b][key] = id;
  }
  return id;
}

std::vector<uint32_t> SimHashIndex::Find(uint64_t fp, int max_distance) const {
  max_distance = std::clamp(max_distance, 0, kSimHashNearDistance);
  std::vector<std::pair<int, uint32_t>> found;
  for (int b = 0; b < 4; ++b) {
    const uint32_t key = static_cast<uint32_t>((fp >> (16 * b)) & 0xFFFF);
    for (uint32_t id = heads_[b][key]; id != kNone; id = next_[b][id]) {
      const int d = HammingDistance(fp, fps_[id]);
      if (d > max_distance) continue;
      // Report each id once: from the first band on which it agrees.
      bool earlier = false;
      for (int e = 0; e < b && !earlier; ++e) {
        earlier = ((fp ^ fps_[id]) >> (16 * e) & 0xFFFF) == 0;
      }
      if (!earlier) found.emplace_back(d, id);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<uint32_t> ids;
  ids.reserve(found.size());
  for (const auto& f : found) ids.push_back(f.second);
  return ids;
}

size_t SimHashIndex::MemoryBytes() const {
  size_t bytes = fps_.capacity() * sizeof(uint64_t);
  for (int b = 0; b < 4; ++b) bytes += (heads_[b].capacity() + next_[b].capacity()) * sizeof(uint32_t);
  return bytes;
}

// ---------------------------------------------------------------- MinHash

namespace {

struct Permutations {
  std::array<uint64_t, kMinHashPermutations> a, b;
  constexpr Permutations() : a(), b() {
    uint64_t s = 0x6D696E7969ULL;  // fixed seed: signatures are persisted
    for (int i = 0; i < kMinHashPermutations; ++i) {
      s += 0x9E3779B97F4A7C15ULL;
      a[i] = Mix64(s) | 1;
      s += 0x9E3779B97F4A7C15ULL;
      b[i] = Mix64(s);
    }
  }
};
constexpr Permutations kPerms;

}  // namespace

MinHashSignature MinHash(const std::vector<uint64_t>& hashes) {
  MinHashSignature sig;
  sig.fill(0xFFFFFFFFu);
  for (uint64_t x : hashes) {
    for (int i = 0; i < kMinHashPermutations; ++i) {
      const uint32_t h = static_cast<uint32_t>((kPerms.a[i] * x + kPerms.b[i]) >> 32);
      sig[i] = std::min(sig[i], h);
    }
  }
  return sig;
}

MinHashSignature MinHash(std::string_view text, const ShingleOptions& options) {
  return MinHash(ShingleHashes(text, options));
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  int same = 0;
  for (int i = 0; i < kMinHashPermutations; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / kMinHashPermutations;
}

Result<MinHashLsh> MinHashLsh::Create(const MinHashLshOptions& options) {
  if (options.bands < 1 || options.rows < 1 || options.bands * options.rows > kMinHashPermutations) {
    return InvalidArgument("MinHash 分带参数无效：bands × rows 必须在 1 到 128 之间");
  }
  if (options.table_bits < 4 || options.table_bits > 26)
    return InvalidArgument("MinHash table_bits 必须在 4 到 26 之间");
  MinHashLsh lsh;
  lsh.options_ = options;
  lsh.heads_.assign(options.bands, std::vector<uint32_t>(1u << options.table_bits, kNone));
  lsh.next_.resize(options.bands);
  return lsh;
}

uint32_t MinHashLsh::BandBucket(const MinHashSignature& sig, int band) const {
  uint64_t h = 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(band + 1);
  for (int r = 0; r < options_.rows; ++r) h = Mix64(h ^ sig[band * options_.rows + r]);
  return static_cast<uint32_t>(h >> (64 - options_.table_bits));
}

namespace {

void PackTwoBits(const MinHashSignature& sig, uint64_t out[4]) {
  for (int w = 0; w < 4; ++w) {
    uint64_t word = 0;
    for (int i = 0; i < 32; ++i) word |= static_cast<uint64_t>(sig[w * 32 + i] & 3) << (2 * i);
    out[w] = word;
  }
}

// Equal 2-bit groups happen with probability J + (1 - J) / 4; invert that.
double EstimateFromTwoBits(const uint64_t* a, const uint64_t* b) {
  int same = 0;
  for (int w = 0; w < 4; ++w) {
    const uint64_t x = a[w] ^ b[w];
    same += std::popcount(~(x | (x >> 1)) & 0x5555555555555555ULL);
  }
  const double p = static_cast<double>(same) / kMinHashPermutations;
  return std::clamp((4.0 * p - 1.0) / 3.0, 0.0, 1.0);
}

}  // namespace

uint32_t MinHashLsh::Add(const MinHashSignature& sig) {
  const uint32_t id = static_cast<uint32_t>(count_++);
  uint64_t packed[4];
  PackTwoBits(sig, packed);
  bits_.insert(bits_.end(), packed, packed + 4);
  for (int band = 0; band < options_.bands; ++band) {
    const uint32_t bucket = BandBucket(sig, band);
    next_[band].push_back(heads_[band][bucket]);
    heads_[band][bucket] = id;
  }
  return id;
}

std::vector<std::pair<uint32_t, double>> MinHashLsh::Query(const MinHashSignature& sig) const {
  uint64_t packed[4];
  PackTwoBits(sig, packed);
  std::vector<uint32_t> candidates;
  for (int band = 0; band < options_.bands; ++band) {
    for (uint32_t id = heads_[band][BandBucket(sig, band)]; id != kNone; id = next_[band][id]) candidates.push_back(id);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::pair<uint32_t, double>> out;
  for (uint32_t id : candidates) {
    const double j = EstimateFromTwoBits(packed, &bits_[static_cast<size_t>(id) * 4]);
    if (j >= options_.threshold) out.emplace_back(id, j);
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  return out;
}

size_t MinHashLsh::MemoryBytes() const {
  size_t bytes = bits_.capacity() * sizeof(uint64_t);
  for (const auto& h : heads_) bytes += h.capacity() * sizeof(uint32_t);
  for (const auto& n : next_) bytes += n.capacity() * sizeof(uint32_t);
  return bytes;
}

}  // namespace minyi
