#include "text/segmenter.h"

#include <array>
#include <cmath>
#include <limits>

#include "text/utf8.h"

namespace minyi {

namespace fmtj = jieba_format;

namespace {

// jieba re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]
bool IsHanDefault(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FD5) return true;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '+':
    case '#':
    case '&':
    case '.':
    case '_':
    case '%':
    case '-':
      return true;
    default:
      return false;
  }
}

// finalseg re_han: [\u4E00-\u9FD5]
bool IsHan(char32_t c) { return c >= 0x4E00 && c <= 0x9FD5; }

// jieba re_eng: [a-zA-Z0-9]
bool IsEng(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Python str.isspace(), which is what re's \s matches for str patterns.
bool IsPySpace(char32_t c) {
  if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) return true;
  switch (c) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

// Letter order of the state names, which breaks ties in finalseg's max().
constexpr std::array<int, 4> kStateRank = {0, 2, 1, 3};  // B, M, E, S
// finalseg.PrevStatus
constexpr std::array<std::array<int, 2>, 4> kPrev = {{
    {fmtj::kE, fmtj::kS},  // B
    {fmtj::kM, fmtj::kB},  // M
    {fmtj::kB, fmtj::kM},  // E
    {fmtj::kS, fmtj::kE},  // S
}};

}  // namespace

Segmenter::Segmenter(std::shared_ptr<const JiebaDictionary> dict) : dict_(std::move(dict)) {
  user_.emplace_back();
  total_ = dict_->total();
  log_total_ = std::log(static_cast<double>(total_));
}

Result<Segmenter> Segmenter::Load(const std::string& resource_dir) {
  MINYI_ASSIGN_OR_RETURN(auto dict, JiebaDictionary::Load(resource_dir + "/dict/jieba_dict.bin"));
  return Segmenter(std::move(dict));
}

bool Segmenter::IsSpaceToken(std::u32string_view token) {
  if (token.empty()) return false;
  for (char32_t c : token) {
    if (!IsPySpace(c)) return false;
  }
  return true;
}

Segmenter::Cursor Segmenter::Step(Cursor c, char32_t ch, bool at_root) const {
  Cursor next;
  if (at_root) {
    next.base = dict_->Child(JiebaDictionary::kRoot, ch);
  } else if (c.base != 0) {
    next.base = dict_->Child(c.base, ch);
  }
  if (user_.size() > 1 && (at_root || c.user != 0)) {
    const auto& children = user_[at_root ? 0 : c.user].children;
    auto it = children.find(ch);
    if (it != children.end()) next.user = it->second;
  }
  return next;
}

uint32_t Segmenter::FreqAt(Cursor c) const {
  if (c.user != 0 && user_[c.user].is_word) return user_[c.user].freq;
  return c.base != 0 ? dict_->Freq(c.base) : 0;
}

double Segmenter::LogFreqAt(Cursor c) const {
  if (c.user != 0 && user_[c.user].is_word) {
    uint32_t f = user_[c.user].freq;
    return std::log(static_cast<double>(f ? f : 1));
  }
  return c.base != 0 ? dict_->LogFreq(c.base) : 0.0;
}

uint32_t Segmenter::Frequency(std::u32string_view word) const {
  if (word.empty()) return 0;
  Cursor c = Step({}, word[0], true);
  for (size_t i = 1; i < word.size() && c.valid(); ++i) c = Step(c, word[i], false);
  return c.valid() ? FreqAt(c) : 0;
}

std::string_view Segmenter::TagOf(std::u32string_view word) const {
  if (word.empty()) return {};
  Cursor c = Step({}, word[0], true);
  for (size_t i = 1; i < word.size() && c.valid(); ++i) c = Step(c, word[i], false);
  if (c.user != 0 && user_[c.user].is_word) return user_[c.user].tag;
  if (c.base != 0 && dict_->Freq(c.base) != 0) return dict_->Tag(c.base);
  return {};
}

bool Segmenter::IsForceSplit(std::u32string_view word) const {
  if (word.empty()) return false;
  Cursor c = Step({}, word[0], true);
  for (size_t i = 1; i < word.size() && c.valid(); ++i) c = Step(c, word[i], false);
  // A user word with frequency 0 is jieba's del_word: Force_Split_Words.
  return c.user != 0 && user_[c.user].is_word && user_[c.user].freq == 0;
}

Result<std::vector<Token>> Segmenter::Cut(std::string_view text, bool hmm) const {
  if (text.size() > kMaxCutBytes) {
    return ResourceExhausted("待分词文本过长（超过 " + std::to_string(kMaxCutBytes >> 20) + " MiB）");
  }
  utf8::Decoded d = utf8::Decode(text);
  std::vector<Token> tokens = CutCodePoints(d.cps, hmm);
  for (Token& t : tokens) {
    t.byte_begin = d.byte_offsets[t.begin];
    t.byte_end = d.byte_offsets[t.end];
  }
  return tokens;
}

Result<std::vector<std::string>> Segmenter::CutWords(std::string_view text, bool hmm) const {
  MINYI_ASSIGN_OR_RETURN(std::vector<Token> tokens, Cut(text, hmm));
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens) words.emplace_back(text.substr(t.byte_begin, t.byte_end - t.byte_begin));
  return words;
}

std::vector<Token> Segmenter::CutCodePoints(std::u32string_view text, bool hmm) const {
  std::vector<Token> out;
  out.reserve(text.size() / 2 + 1);
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (IsHanDefault(text[i])) {
      size_t j = i + 1;
      while (j < n && IsHanDefault(text[j])) ++j;
      CutBlock(text.substr(i, j - i), static_cast<uint32_t>(i), hmm, out);
      i = j;
    } else {
      // Outside re_han blocks every character is its own token, except that
      // re_skip keeps "\r\n" together.
      size_t len = (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), 0, 0});
      i += len;
    }
  }
  return out;
}

void Segmenter::CutBlock(std::u32string_view s, uint32_t offset, bool hmm, std::vector<Token>& out) const {
  const size_t n = s.size();
  // route[idx] = best (log prob, end index) from idx, computed right to left
  // while the DAG edges of idx are enumerated (jieba get_DAG + calc).
  std::vector<double> route_p(n + 1, 0.0);
  std::vector<uint32_t> route_x(n + 1, 0);
  const JiebaDictionary& dict = *dict_;
  const bool base_only = user_.size() == 1;
  for (size_t idx = n; idx-- > 0;) {
    double best = 0;
    uint32_t best_x = 0;
    bool any = false;
    // Python's max over (prob, x) tuples: ties go to the larger x, and x
    // only grows in these walks, hence ">=".
    if (base_only) {
      // Hot path without an overlay: walk the mapped trie directly.
      uint32_t node = dict.Child(JiebaDictionary::kRoot, s[idx]);
      for (size_t x = idx; node != 0;) {
        if (dict.Freq(node) != 0) {
          double v = dict.LogFreq(node) - log_total_ + route_p[x + 1];
          if (!any || v >= best) {
            best = v;
            best_x = static_cast<uint32_t>(x);
            any = true;
          }
        }
        if (++x >= n) break;
        node = dict.Child(node, s[x]);
      }
    } else {
      Cursor c = Step({}, s[idx], true);
      for (size_t x = idx; x < n && c.valid();) {
        if (FreqAt(c) != 0) {
          double v = LogFreqAt(c) - log_total_ + route_p[x + 1];
          if (!any || v >= best) {
            best = v;
            best_x = static_cast<uint32_t>(x);
            any = true;
          }
        }
        ++x;
        if (x < n) c = Step(c, s[x], false);
      }
    }
    if (!any) {
      best = 0.0 - log_total_ + route_p[idx + 1];  // log(1): unknown single char
      best_x = static_cast<uint32_t>(idx);
    }
    route_p[idx] = best;
    route_x[idx] = best_x;
  }

  auto emit = [&](size_t b, size_t e) {
    out.push_back({offset + static_cast<uint32_t>(b), offset + static_cast<uint32_t>(e), 0, 0});
  };
  size_t x = 0;
  if (!hmm) {
    size_t buf = n;  // start of a run of single ASCII letters/digits
    while (x < n) {
      size_t y = route_x[x] + 1;
      if (y - x == 1 && IsEng(s[x])) {
        if (buf == n) buf = x;
      } else {
        if (buf != n) {
          emit(buf, x);
          buf = n;
        }
        emit(x, y);
      }
      x = y;
    }
    if (buf != n) emit(buf, n);
    return;
  }

  auto flush = [&](size_t b, size_t e) {
    if (e - b == 1) {
      emit(b, e);
    } else if (!HasFreq(s.substr(b, e - b))) {
      CutHmm(s.substr(b, e - b), offset + static_cast<uint32_t>(b), out);
    } else {
      for (size_t k = b; k < e; ++k) emit(k, k + 1);
    }
  };
  size_t buf = n;
  while (x < n) {
    size_t y = route_x[x] + 1;
    if (y - x == 1) {
      if (buf == n) buf = x;
    } else {
      if (buf != n) {
        flush(buf, x);
        buf = n;
      }
      emit(x, y);
    }
    x = y;
  }
  if (buf != n) flush(buf, n);
}

// finalseg.cut: Han runs go through Viterbi; other runs are split by
// re_skip ([a-zA-Z0-9]+(?:\.\d+)?%?) keeping both matches and the rest.
void Segmenter::CutHmm(std::u32string_view s, uint32_t offset, std::vector<Token>& out) const {
  auto emit = [&](size_t b, size_t e) {
    out.push_back({offset + static_cast<uint32_t>(b), offset + static_cast<uint32_t>(e), 0, 0});
  };
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    size_t j = i + 1;
    if (IsHan(s[i])) {
      while (j < n && IsHan(s[j])) ++j;
      Viterbi(s.substr(i, j - i), offset + static_cast<uint32_t>(i), out);
      i = j;
      continue;
    }
    while (j < n && !IsHan(s[j])) ++j;
    size_t p = i;
    while (p < j) {
      size_t q = p;
      while (q < j && !IsEng(s[q])) ++q;
      if (q > p) emit(p, q);
      if (q == j) break;
      size_t e = q;
      while (e < j && IsEng(s[e])) ++e;
      if (e + 1 < j && s[e] == '.' && IsAsciiDigit(s[e + 1])) {
        e += 2;
        while (e < j && IsAsciiDigit(s[e])) ++e;
      }
      if (e < j && s[e] == '%') ++e;
      emit(q, e);
      p = e;
    }
    i = j;
  }
}

void Segmenter::Viterbi(std::u32string_view s, uint32_t offset, std::vector<Token>& out) const {
  const size_t n = s.size();
  std::vector<std::array<uint8_t, 4>> back(n);
  double v[4];
  const double* em = dict_->Emission(s[0]);
  for (int y = 0; y < 4; ++y) v[y] = dict_->Start(y) + em[y];
  for (size_t t = 1; t < n; ++t) {
    em = dict_->Emission(s[t]);
    double nv[4];
    for (int y = 0; y < 4; ++y) {
      double best = 0;
      int best_state = -1;
      for (int y0 : kPrev[y]) {
        double p = v[y0] + dict_->Trans(y0, y) + em[y];
        if (best_state < 0 || p > best || (p == best && kStateRank[y0] > kStateRank[best_state])) {
          best = p;
          best_state = y0;
        }
      }
      nv[y] = best;
      back[t][y] = static_cast<uint8_t>(best_state);
    }
    for (int y = 0; y < 4; ++y) v[y] = nv[y];
  }
  // max((V[E], 'E'), (V[S], 'S')): 'S' wins ties.
  int state = v[fmtj::kE] > v[fmtj::kS] ? fmtj::kE : fmtj::kS;
  std::vector<uint8_t> pos(n);
  for (size_t t = n; t-- > 0;) {
    pos[t] = static_cast<uint8_t>(state);
    if (t > 0) state = back[t][state];
  }

  auto emit = [&](size_t b, size_t e) {
    if (has_force_split_ && e - b > 1 && IsForceSplit(s.substr(b, e - b))) {
      for (size_t k = b; k < e; ++k) {
        out.push_back({offset + static_cast<uint32_t>(k), offset + static_cast<uint32_t>(k + 1), 0, 0});
      }
      return;
    }
    out.push_back({offset + static_cast<uint32_t>(b), offset + static_cast<uint32_t>(e), 0, 0});
  };
  size_t begin = 0, next = 0;
  for (size_t i = 0; i < n; ++i) {
    switch (pos[i]) {
      case fmtj::kB:
        begin = i;
        break;
      case fmtj::kE:
        emit(begin, i + 1);
        next = i + 1;
        break;
      case fmtj::kS:
        emit(i, i + 1);
        next = i + 1;
        break;
      default:
        break;
    }
  }
  if (next < n) emit(next, n);
}

uint32_t Segmenter::SuggestFreq(std::u32string_view word) const {
  const double ftotal = static_cast<double>(total_);
  double freq = 1.0;
  for (const Token& t : CutCodePoints(word, /*hmm=*/false)) {
    std::u32string_view seg = word.substr(t.begin, t.end - t.begin);
    Cursor c = Step({}, seg[0], true);
    for (size_t i = 1; i < seg.size() && c.valid(); ++i) c = Step(c, seg[i], false);
    // FREQ.get(seg, 1): a stored prefix counts 0, an absent string 1.
    double f = c.valid() ? static_cast<double>(FreqAt(c)) : 1.0;
    freq *= f / ftotal;
  }
  double scaled = std::trunc(freq * ftotal) + 1.0;
  Cursor c = Step({}, word[0], true);
  for (size_t i = 1; i < word.size() && c.valid(); ++i) c = Step(c, word[i], false);
  double existing = c.valid() ? static_cast<double>(FreqAt(c)) : 1.0;
  double result = std::max(scaled, existing);
  return result >= static_cast<double>(std::numeric_limits<uint32_t>::max()) ? std::numeric_limits<uint32_t>::max()
                                                                             : static_cast<uint32_t>(result);
}

Status Segmenter::AddWord(std::string_view word, std::optional<uint32_t> freq, std::string_view tag) {
  std::u32string w = utf8::ToU32(word);
  if (w.empty()) return InvalidArgument("自定义词不能为空");
  if (w.size() > kMaxWordLength) {
    return InvalidArgument("自定义词过长（最多 " + std::to_string(kMaxWordLength) + " 个字）：" +
                           std::string(word.substr(0, 60)));
  }
  if (user_.size() + w.size() > kMaxUserWords * 4) return ResourceExhausted("自定义词过多");
  uint32_t f = freq ? *freq : SuggestFreq(w);
  uint32_t cur = 0;
  for (char32_t c : w) {
    auto it = user_[cur].children.find(c);
    if (it == user_[cur].children.end()) {
      uint32_t id = static_cast<uint32_t>(user_.size());
      user_[cur].children.emplace(c, id);
      user_.emplace_back();
      cur = id;
    } else {
      cur = it->second;
    }
  }
  UserNode& node = user_[cur];
  node.is_word = true;
  node.freq = f;
  node.tag = std::string(tag);
  if (f == 0) has_force_split_ = true;
  total_ += f;
  log_total_ = std::log(static_cast<double>(total_));
  return Status::Ok();
}

Status Segmenter::LoadUserDictionary(std::string_view content) {
  if (content.size() > kMaxUserDictBytes) {
    return ResourceExhausted("自定义词典过大（超过 " + std::to_string(kMaxUserDictBytes >> 20) + " MiB）");
  }
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  size_t lineno = 0, words = 0;
  while (!content.empty()) {
    size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    ++lineno;
    auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
    while (!line.empty() && is_ws(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_ws(line.back())) line.remove_suffix(1);
    if (line.empty()) continue;
    if (++words > kMaxUserWords) return ResourceExhausted("自定义词典词条过多");
    // jieba re_userdict: ^(.+?)( [0-9]+)?( [a-z]+)?$
    std::string_view tag, freq_text;
    size_t sp = line.rfind(' ');
    if (sp != std::string_view::npos && sp > 0) {
      std::string_view last = line.substr(sp + 1);
      bool lower = !last.empty(), digits = !last.empty();
      for (char c : last) {
        lower = lower && c >= 'a' && c <= 'z';
        digits = digits && c >= '0' && c <= '9';
      }
      if (lower) {
        tag = last;
        line = line.substr(0, sp);
        sp = line.rfind(' ');
        if (sp != std::string_view::npos && sp > 0) {
          last = line.substr(sp + 1);
          digits = !last.empty();
          for (char c : last) digits = digits && c >= '0' && c <= '9';
        } else {
          digits = false;
        }
      }
      if (digits) {
        freq_text = last;
        line = line.substr(0, sp);
      }
    }
    std::optional<uint32_t> freq;
    if (!freq_text.empty()) {
      if (freq_text.size() > 10 || std::stoull(std::string(freq_text)) > std::numeric_limits<uint32_t>::max()) {
        return InvalidArgument("自定义词典第 " + std::to_string(lineno) + " 行：词频过大");
      }
      freq = static_cast<uint32_t>(std::stoull(std::string(freq_text)));
    }
    Status st = AddWord(line, freq, tag);
    if (!st.ok()) return st.WithContext("自定义词典第 " + std::to_string(lineno) + " 行");
  }
  return Status::Ok();
}

}  // namespace minyi
