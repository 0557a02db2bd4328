#include "text/sentiment.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <unordered_set>

#include "common/env.h"
#include "common/resources.h"
#include "text/segmenter.h"

namespace minyi {
namespace {

constexpr char kMagic[8] = {'M', 'Y', 'S', 'E', 'N', 'T', '0', '1'};
constexpr uint32_t kFormatVersion = 2;
constexpr uint32_t kFlagWords = 1;
constexpr int kClasses = 3;
constexpr size_t kMaxModelBytes = 256u << 20;
constexpr int kMaxHashBits = 24;
constexpr size_t kMaxWordChars = 8;

// Dense (real-valued) lexicon features; their order is part of the model file.
enum Dense : int {
  kBias = 0,
  kPosSum,
  kNegSum,
  kNegatedPosSum,
  kNegatedNegSum,
  kNet,
  kNetLastSegment,
  kRhetorical,
  kRhetoricalNet,
  kExclamation,
  kQuestion,
  kUnusedNegation,
  kNetPositive,
  kNetNegative,
  kNoSentimentWord,
  kContrast,
  kDenseCount
};

// ---- UTF-8 and normalization ------------------------------------------------

// Decodes leniently: an ill-formed byte becomes U+FFFD so scoring never fails.
std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0xFFFD;
    size_t len = 1;
    auto cont = [&](size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
    if (c < 0x80) {
      cp = c;
    } else if (c >= 0xC2 && c < 0xE0 && cont(1)) {
      cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
      len = 2;
    } else if (c >= 0xE0 && c < 0xF0 && cont(1) && cont(2)) {
      cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      len = 3;
      if (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000)) cp = 0xFFFD;
    } else if (c >= 0xF0 && c < 0xF5 && cont(1) && cont(2) && cont(3)) {
      cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
      len = 4;
      if (cp < 0x10000 || cp > 0x10FFFF) cp = 0xFFFD;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

char32_t NormalizeChar(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
  if (c == 0x3000) c = ' ';
  if (c >= 'A' && c <= 'Z') c += 32;
  return c;
}

bool IsClauseBreak(char32_t c) {
  switch (c) {
    case ',':
    case '.':
    case '!':
    case '?':
    case ';':
    case ':':
    case '~':
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case 0x3002:
    case 0x3001:
    case 0xFF61:
    case 0x2026:
    case 0x2014:
    case 0xFF5E:
    case '(':
    case ')':
    case '[':
    case ']':
    case 0x3010:
    case 0x3011:
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x300A:
    case 0x300B:
      return true;
    default:
      return false;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

uint64_t Fnv(uint64_t seed, const char32_t* p, size_t n) {
  uint64_t h = 1469598103934665603ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<uint64_t>(p[i]);
    h *= 1099511628211ULL;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 32;
  return h;
}

double SignedLog(double x) { return x >= 0 ? std::log1p(x) : -std::log1p(-x); }

// ---- lexicon matching -------------------------------------------------------

enum CueKind : uint8_t {
  kCueNone = 0,
  kCuePolar,
  kCueNegation,
  kCueDegree,
  kCueContrast,
  kCueConcession,
  kCueRhetorical,
  kCueNeutral
};

struct Cue {
  CueKind kind = kCueNone;
  double value = 0;  // polarity (+/-) for kCuePolar, multiplier for kCueDegree
};

}  // namespace

struct SentimentModel::Impl {
  SentimentLexicon lexicon;
  std::shared_ptr<const Segmenter> segmenter;  // set iff the model uses words
  int hash_bits = 18;
  uint32_t mask = 0;
  std::unordered_map<std::u32string, Cue> cues;
  size_t max_cue_len = 1;
  // Weights: hashed block (bucket * 3 + class), then dense block.
  std::vector<float> hashed;
  std::array<std::array<float, kClasses>, kDenseCount> dense{};

  void BuildCues();
  // Feature vector of one text: hashed buckets with values and dense values.
  void Features(std::string_view text, std::vector<std::pair<uint32_t, float>>* hashed_out,
                std::array<double, kDenseCount>* dense_out) const;
  std::array<double, kClasses> Logits(const std::vector<std::pair<uint32_t, float>>& h,
                                      const std::array<double, kDenseCount>& d) const;
};

namespace {

std::array<double, kClasses> Softmax(const std::array<double, kClasses>& z) {
  double m = std::max({z[0], z[1], z[2]});
  std::array<double, kClasses> p{};
  double sum = 0;
  for (int k = 0; k < kClasses; ++k) sum += (p[k] = std::exp(z[k] - m));
  for (auto& v : p) v /= sum;
  return p;
}

}  // namespace

void SentimentModel::Impl::BuildCues() {
  cues.clear();
  max_cue_len = 1;
  auto add = [&](const std::string& w, Cue cue) {
    std::u32string u = DecodeUtf8(w);
    for (auto& c : u) c = NormalizeChar(c);
    if (u.empty() || u.size() > kMaxWordChars) return;
    max_cue_len = std::max(max_cue_len, u.size());
    auto [it, inserted] = cues.emplace(u, cue);
    // A word listed twice keeps the stronger role: polar beats the rest.
    if (!inserted && cue.kind == kCuePolar && it->second.kind == kCuePolar)
      it->second.value += cue.value;
    else if (!inserted && cue.kind == kCuePolar)
      it->second = cue;
  };
  for (const auto& [w, v] : lexicon.positive) add(w, {kCuePolar, v});
  for (const auto& [w, v] : lexicon.negative) add(w, {kCuePolar, -v});
  for (const auto& w : lexicon.negation) add(w, {kCueNegation, 0});
  for (const auto& [w, v] : lexicon.degree) add(w, {kCueDegree, v});
  for (const auto& w : lexicon.contrast) add(w, {kCueContrast, 0});
  for (const auto& w : lexicon.concession) add(w, {kCueConcession, 0});
  for (const auto& w : lexicon.rhetorical) add(w, {kCueRhetorical, 0});
  for (const auto& w : lexicon.neutral) add(w, {kCueNeutral, 0});
}

void SentimentModel::Impl::Features(std::string_view text, std::vector<std::pair<uint32_t, float>>* hout,
                                    std::array<double, kDenseCount>* dout) const {
  if (text.size() > kMaxTextBytes) text = text.substr(0, kMaxTextBytes);
  std::u32string u = DecodeUtf8(text);
  for (auto& c : u) c = NormalizeChar(c);
  hout->clear();
  auto& d = *dout;
  d.fill(0.0);
  d[kBias] = 1.0;

  // Clauses: maximal runs without a break character.
  struct Clause {
    size_t begin, end;
  };
  std::vector<Clause> clauses;
  for (size_t i = 0; i < u.size();) {
    while (i < u.size() && IsClauseBreak(u[i])) {
      if (u[i] == '!') d[kExclamation] = 1;
      if (u[i] == '?') d[kQuestion] = 1;
      ++i;
    }
    size_t b = i;
    while (i < u.size() && !IsClauseBreak(u[i])) ++i;
    if (i > b) clauses.push_back({b, i});
  }

  // Character n-grams, 1..3, inside clauses with boundary marks on 2-grams.
  size_t ngram_count = 0;
  auto push = [&](uint64_t h, float v) { hout->push_back({static_cast<uint32_t>(h & mask), v}); };
  std::vector<uint64_t> grams;
  for (const auto& cl : clauses) {
    std::u32string s;
    s.push_back(U'\x02');
    s.append(u, cl.begin, cl.end - cl.begin);
    s.push_back(U'\x03');
    for (size_t i = 0; i < s.size(); ++i) {
      for (size_t n = 1; n <= 3 && i + n <= s.size(); ++n) {
        if (n == 1 && (i == 0 || i + 1 == s.size())) continue;
        grams.push_back(Fnv(n, s.data() + i, n));
      }
    }
  }
  // Word unigrams and bigrams: the segmenter resolves boundaries that
  // overlapping character n-grams blur (e.g. 不错 vs 错误).
  if (segmenter) {
    for (const auto& cl : clauses) {
      std::u32string_view view(u.data() + cl.begin, cl.end - cl.begin);
      std::vector<Token> toks = segmenter->CutCodePoints(view, true);
      std::u32string prev = U"\x02";
      for (const Token& t : toks) {
        std::u32string w(view.substr(t.begin, t.end - t.begin));
        if (Segmenter::IsSpaceToken(w)) continue;
        grams.push_back(Fnv(11, w.data(), w.size()));
        std::u32string bi = prev + U'\x01' + w;
        grams.push_back(Fnv(12, bi.data(), bi.size()));
        prev = std::move(w);
      }
      std::u32string bi = prev + U"\x01\x03";
      grams.push_back(Fnv(12, bi.data(), bi.size()));
    }
  }
  ngram_count = grams.size();
  float gram_value = ngram_count ? static_cast<float>(1.0 / std::sqrt(static_cast<double>(ngram_count))) : 0.f;
  for (uint64_t g : grams) push(g, gram_value * 2.0f);

  // Lexicon scan, clause by clause.
  struct Hit {
    double value;
    bool negated;
    size_t segment;
    bool concession;
    bool rhetorical;
    uint64_t word_hash;
  };
  std::vector<Hit> hits;
  size_t segment = 0;
  bool any_contrast = false;
  size_t unused_negations = 0;
  for (const auto& cl : clauses) {
    bool concession = false, rhetorical = false;
    // Pre-pass: does the clause carry a concession or rhetorical cue?
    for (size_t i = cl.begin; i < cl.end; ++i) {
      for (size_t n = std::min(max_cue_len, cl.end - i); n >= 1; --n) {
        auto it = cues.find(u.substr(i, n));
        if (it == cues.end()) continue;
        if (it->second.kind == kCueConcession) concession = true;
        if (it->second.kind == kCueRhetorical) rhetorical = true;
        i += n - 1;
        break;
      }
    }
    if (rhetorical) d[kRhetorical] = 1;
    bool negated = false;
    double degree = 1.0;
    bool pending_negation = false;
    for (size_t i = cl.begin; i < cl.end;) {
      size_t matched = 0;
      for (size_t n = std::min(max_cue_len, cl.end - i); n >= 1; --n) {
        auto it = cues.find(u.substr(i, n));
        if (it == cues.end()) continue;
        matched = n;
        const Cue& cue = it->second;
        switch (cue.kind) {
          case kCueNegation:
            negated = !negated;
            pending_negation = true;
            break;
          case kCueDegree:
            degree *= cue.value;
            break;
          case kCueContrast:
            ++segment;
            any_contrast = true;
            negated = false;
            degree = 1.0;
            break;
          case kCuePolar: {
            // A one-character positive word right before another sentiment
            // word is colloquial degree ("好脏", "好贵"), not praise.
            if (n == 1 && cue.value > 0 && i + 1 < cl.end) {
              bool next_polar = false;
              for (size_t m = std::min(max_cue_len, cl.end - i - 1); m >= 1 && !next_polar; --m) {
                auto nx = cues.find(u.substr(i + 1, m));
                if (nx != cues.end()) {
                  next_polar = nx->second.kind == kCuePolar;
                  break;
                }
              }
              if (next_polar) {
                degree *= 1.5;
                break;
              }
            }
            hits.push_back({cue.value * degree, negated, segment, concession, rhetorical, Fnv(97, u.data() + i, n)});
            negated = false;
            pending_negation = false;
            degree = 1.0;
            break;
          }
          default:
            break;
        }
        break;
      }
      i += matched ? matched : 1;
    }
    if (pending_negation) ++unused_negations;
  }

  d[kContrast] = any_contrast ? 1 : 0;
  double net = 0, net_last = 0, rhet_net = 0;
  for (const auto& h : hits) {
    double w = 1.0;
    if (any_contrast) w = h.segment == segment ? 1.5 : 0.5;
    if (h.concession) w *= 0.6;
    double v = h.value * w;
    if (h.value > 0)
      (h.negated ? d[kNegatedPosSum] : d[kPosSum]) += v;
    else
      (h.negated ? d[kNegatedNegSum] : d[kNegSum]) += -v;
    double polar = h.negated ? -v * (h.value > 0 ? 1.0 : 0.6) : v;
    if (h.rhetorical) {
      polar = -polar;
      rhet_net += polar;
    }
    net += polar;
    if (h.segment == segment) net_last += polar;
    // Word identity with its context, so the model can learn which lexicon
    // words matter in this domain and how negation changes them.
    uint64_t tag = (h.negated ? 1 : 0) | (h.rhetorical ? 2 : 0);
    push(h.word_hash * 31 + tag + 7, static_cast<float>(w));
  }
  for (int k : {kPosSum, kNegSum, kNegatedPosSum, kNegatedNegSum}) d[k] = SignedLog(d[k]);
  d[kNet] = SignedLog(net);
  d[kNetLastSegment] = SignedLog(net_last);
  d[kRhetoricalNet] = SignedLog(rhet_net);
  d[kUnusedNegation] = SignedLog(static_cast<double>(unused_negations));
  d[kNetPositive] = net > 0.25 ? 1 : 0;
  d[kNetNegative] = net < -0.25 ? 1 : 0;
  d[kNoSentimentWord] = hits.empty() ? 1 : 0;
}

std::array<double, kClasses> SentimentModel::Impl::Logits(const std::vector<std::pair<uint32_t, float>>& h,
                                                          const std::array<double, kDenseCount>& d) const {
  std::array<double, kClasses> z{};
  for (const auto& [idx, v] : h) {
    const float* w = &hashed[static_cast<size_t>(idx) * kClasses];
    for (int k = 0; k < kClasses; ++k) z[k] += w[k] * v;
  }
  for (int f = 0; f < kDenseCount; ++f) {
    if (d[f] == 0) continue;
    for (int k = 0; k < kClasses; ++k) z[k] += dense[f][k] * d[f];
  }
  return z;
}

// ---- labels and files ---------------------------------------------------------

std::string_view SentimentLabelName(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kNegative:
      return "negative";
    case SentimentLabel::kPositive:
      return "positive";
    default:
      return "neutral";
  }
}

Result<SentimentLabel> ParseSentimentLabel(std::string_view text) {
  std::string s(Trim(text));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "neg" || s == "negative" || s == "-1" || s == "负面" || s == "负") return SentimentLabel::kNegative;
  if (s == "neu" || s == "neutral" || s == "0" || s == "中性" || s == "中") return SentimentLabel::kNeutral;
  if (s == "pos" || s == "positive" || s == "1" || s == "+1" || s == "正面" || s == "正")
    return SentimentLabel::kPositive;
  return InvalidArgument("无法识别的情感标签“" + std::string(text.substr(0, 40)) +
                         "”（应为 neg/neu/pos、negative/neutral/positive 或 -1/0/1）");
}

Result<std::vector<SentimentExample>> ParseLabelledTsv(std::string_view content, const SentimentTrainOptions& options) {
  if (content.size() > options.max_file_bytes) {
    return ResourceExhausted("训练文件过大（上限 " + std::to_string(options.max_file_bytes) + " 字节）");
  }
  if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::vector<SentimentExample> out;
  size_t line_no = 0;
  while (!content.empty()) {
    size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line.front() == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return InvalidArgument("训练文件第 " + std::to_string(line_no) + " 行缺少制表符（格式应为“标签<TAB>文本”）");
    }
    std::string_view label = Trim(line.substr(0, tab));
    std::string_view text = Trim(line.substr(tab + 1));
    if (line_no == 1 && (label == "label" || label == "标签")) continue;
    auto parsed = ParseSentimentLabel(label);
    if (!parsed.ok()) return parsed.status().WithContext("训练文件第 " + std::to_string(line_no) + " 行");
    if (text.empty()) return InvalidArgument("训练文件第 " + std::to_string(line_no) + " 行文本为空");
    if (text.size() > SentimentModel::kMaxTextBytes) {
      return ResourceExhausted("训练文件第 " + std::to_string(line_no) + " 行过长");
    }
    if (out.size() >= options.max_examples) {
      return ResourceExhausted("训练样本过多（上限 " + std::to_string(options.max_examples) + " 条）");
    }
    out.push_back({*parsed, std::string(text)});
  }
  return out;
}

// ---- lexicon ----------------------------------------------------------------------

namespace {

struct LexiconSink {
  std::unordered_map<std::string, double>* weighted = nullptr;
  std::vector<std::string>* plain = nullptr;
  double default_weight = 1.0;
};

Status ParseList(std::string_view text, const std::string& where, LexiconSink sink) {
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    std::string word(Trim(line.substr(0, tab)));
    double weight = sink.default_weight;
    if (tab != std::string_view::npos) {
      std::string w(Trim(line.substr(tab + 1)));
      char* end = nullptr;
      weight = std::strtod(w.c_str(), &end);
      if (w.empty() || end != w.c_str() + w.size() || !(weight > 0) || weight > 100) {
        return InvalidArgument(where + " 第 " + std::to_string(line_no) + " 行权重无效：" + w);
      }
    }
    if (sink.weighted)
      (*sink.weighted)[word] = weight;
    else
      sink.plain->push_back(word);
  }
  return Status::Ok();
}

struct Section {
  const char* name;
  bool required;
};
constexpr Section kSections[] = {{"positive", true},  {"negative", true},    {"negation", true},    {"degree", false},
                                 {"contrast", false}, {"concession", false}, {"rhetorical", false}, {"neutral", false}};

LexiconSink SinkFor(SentimentLexicon& lex, std::string_view name) {
  if (name == "positive") return {&lex.positive, nullptr, 1.0};
  if (name == "negative") return {&lex.negative, nullptr, 1.0};
  if (name == "degree") return {&lex.degree, nullptr, 1.5};
  if (name == "negation") return {nullptr, &lex.negation, 1.0};
  if (name == "contrast") return {nullptr, &lex.contrast, 1.0};
  if (name == "concession") return {nullptr, &lex.concession, 1.0};
  if (name == "rhetorical") return {nullptr, &lex.rhetorical, 1.0};
  return {nullptr, &lex.neutral, 1.0};
}

}  // namespace

Result<SentimentLexicon> SentimentLexicon::LoadDir(const std::string& dir) {
  LocalFileSystem fs;
  SentimentLexicon lex;
  for (const auto& sec : kSections) {
    std::string path = dir + "/" + sec.name + ".txt";
    if (!fs.Exists(path)) {
      if (sec.required) return NotFound("缺少情感词表文件：" + path);
      continue;
    }
    MINYI_ASSIGN_OR_RETURN(std::string text, fs.ReadFile(path, 16u << 20));
    MINYI_RETURN_IF_ERROR(ParseList(text, path, SinkFor(lex, sec.name)));
  }
  return lex;
}

Result<SentimentLexicon> SentimentLexicon::Parse(std::string_view text) {
  SentimentLexicon lex;
  // Split into "[name]" sections, each parsed like a list file.
  std::string current;
  size_t start = 0;
  auto flush = [&](size_t end) -> Status {
    if (current.empty()) return Status::Ok();
    return ParseList(text.substr(start, end - start), "模型内词表[" + current + "]", SinkFor(lex, current));
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = Trim(text.substr(pos, end - pos));
    if (line.size() > 2 && line.front() == '[' && line.back() == ']') {
      MINYI_RETURN_IF_ERROR(flush(pos));
      current = std::string(line.substr(1, line.size() - 2));
      bool known = false;
      for (const auto& sec : kSections) known |= current == sec.name;
      if (!known) return Corruption("模型内词表含未知分节：" + current);
      start = end;
    }
    pos = end + 1;
  }
  MINYI_RETURN_IF_ERROR(flush(text.size()));
  return lex;
}

std::string SentimentLexicon::Serialize() const {
  std::string out;
  auto weighted = [&](const char* name, const std::unordered_map<std::string, double>& m) {
    std::vector<std::pair<std::string, double>> v(m.begin(), m.end());
    std::sort(v.begin(), v.end());
    out += "[" + std::string(name) + "]\n";
    for (const auto& [w, x] : v) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4g", x);
      out += w + "\t" + buf + "\n";
    }
  };
  auto plain = [&](const char* name, std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    out += "[" + std::string(name) + "]\n";
    for (const auto& w : v) out += w + "\n";
  };
  weighted("positive", positive);
  weighted("negative", negative);
  weighted("degree", degree);
  plain("negation", negation);
  plain("contrast", contrast);
  plain("concession", concession);
  plain("rhetorical", rhetorical);
  plain("neutral", neutral);
  return out;
}

// ---- model --------------------------------------------------------------------------

SentimentModel::SentimentModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentimentModel::SentimentModel(SentimentModel&&) noexcept = default;
SentimentModel& SentimentModel::operator=(SentimentModel&&) noexcept = default;
SentimentModel::~SentimentModel() = default;

Result<SentimentModel> SentimentModel::Train(const std::vector<SentimentExample>& examples,
                                             const SentimentLexicon& lexicon, const SentimentTrainOptions& options,
                                             std::shared_ptr<const Segmenter> segmenter) {
  if (options.hash_bits < 10 || options.hash_bits > kMaxHashBits) {
    return InvalidArgument("hash_bits 应在 10 到 24 之间");
  }
  std::array<size_t, kClasses> counts{};
  for (const auto& e : examples) ++counts[static_cast<int>(e.label)];
  int distinct = 0;
  for (size_t c : counts) distinct += c > 0;
  if (distinct < 2) return InvalidArgument("训练样本至少需要两种不同的情感标签");

  auto impl = std::make_unique<Impl>();
  impl->lexicon = lexicon;
  impl->segmenter = std::move(segmenter);
  impl->hash_bits = options.hash_bits;
  impl->mask = (1u << options.hash_bits) - 1;
  impl->BuildCues();
  impl->hashed.assign((static_cast<size_t>(1) << options.hash_bits) * kClasses, 0.f);

  // Features once; training passes reuse them.
  std::vector<std::vector<std::pair<uint32_t, float>>> hx(examples.size());
  std::vector<std::array<double, kDenseCount>> dx(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) impl->Features(examples[i].text, &hx[i], &dx[i]);

  // Classes are weighted inversely to their frequency so a skewed
  // organization corpus does not collapse into its majority label.
  std::array<double, kClasses> class_weight{};
  for (int k = 0; k < kClasses; ++k) {
    class_weight[k] = counts[k] ? static_cast<double>(examples.size()) / (distinct * counts[k]) : 0.0;
  }

  std::vector<double> w(impl->hashed.size(), 0.0), g2(impl->hashed.size(), 0.0);
  std::array<std::array<double, kClasses>, kDenseCount> dw{}, dg2{};
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  const double eta = options.learning_rate;
  const double eps = 1e-8;
  // Dropping some n-gram features while training keeps weight on the lexicon
  // features, which carry over to domains the corpus does not cover.
  std::bernoulli_distribution drop(0.3);
  std::vector<std::pair<uint32_t, float>> kept;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      kept.clear();
      for (const auto& f : hx[i]) {
        if (!drop(rng)) kept.push_back(f);
      }
      std::array<double, kClasses> z{};
      for (const auto& [idx, v] : kept) {
        for (int k = 0; k < kClasses; ++k) z[k] += w[static_cast<size_t>(idx) * kClasses + k] * v;
      }
      for (int f = 0; f < kDenseCount; ++f) {
        for (int k = 0; k < kClasses; ++k) z[k] += dw[f][k] * dx[i][f];
      }
      auto p = Softmax(z);
      int y = static_cast<int>(examples[i].label);
      double cw = class_weight[y];
      for (int k = 0; k < kClasses; ++k) {
        double err = cw * (p[k] - (k == y ? 1.0 : 0.0));
        for (const auto& [idx, v] : kept) {
          size_t j = static_cast<size_t>(idx) * kClasses + k;
          double g = err * v + options.l2 * w[j];
          g2[j] += g * g;
          w[j] -= eta * g / (std::sqrt(g2[j]) + eps);
        }
        for (int f = 0; f < kDenseCount; ++f) {
          if (dx[i][f] == 0) continue;
          double g = err * dx[i][f] + options.l2 * dw[f][k];
          dg2[f][k] += g * g;
          dw[f][k] -= eta * g / (std::sqrt(dg2[f][k]) + eps);
        }
      }
    }
  }
  for (size_t j = 0; j < w.size(); ++j) impl->hashed[j] = static_cast<float>(w[j]);
  for (int f = 0; f < kDenseCount; ++f) {
    for (int k = 0; k < kClasses; ++k) impl->dense[f][k] = static_cast<float>(dw[f][k]);
  }
  // Features were extracted with full n-gram weight at test time but 70 % at
  // training time; scaling keeps the two blocks in the trained proportion.
  for (auto& v : impl->hashed) v *= 0.7f;
  return SentimentModel(std::move(impl));
}

SentimentResult SentimentModel::Predict(std::string_view text) const {
  std::vector<std::pair<uint32_t, float>> h;
  std::array<double, kDenseCount> d{};
  impl_->Features(text, &h, &d);
  SentimentResult r;
  r.probs = Softmax(impl_->Logits(h, d));
  int best = 0;
  for (int k = 1; k < kClasses; ++k) {
    if (r.probs[k] > r.probs[best]) best = k;
  }
  r.label = static_cast<SentimentLabel>(best);
  r.score = std::clamp(r.probs[2] - r.probs[0], -1.0, 1.0);
  return r;
}

// File layout (little-endian): magic[8], u32 version, u32 hash_bits,
// u32 dense_count, u32 flags (1 = word features), u32 lexicon_bytes, lexicon text, u32 nonzero_buckets,
// then per bucket u32 index + 3 f32, then dense_count * 3 f32, then u64 FNV
// checksum of everything before it.
namespace {

void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutF32(std::string& out, float f) {
  uint32_t v;
  std::memcpy(&v, &f, 4);
  PutU32(out, v);
}
uint64_t Checksum(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

struct Reader {
  std::string_view s;
  size_t pos = 0;
  bool ok = true;
  uint32_t U32() {
    if (pos + 4 > s.size()) {
      ok = false;
      return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(s[pos + i])) << (8 * i);
    pos += 4;
    return v;
  }
  float F32() {
    uint32_t v = U32();
    float f;
    std::memcpy(&f, &v, 4);
    return std::isfinite(f) ? f : (ok = false, 0.f);
  }
};

}  // namespace

std::string SentimentModel::Serialize() const {
  std::string out(kMagic, sizeof kMagic);
  PutU32(out, kFormatVersion);
  PutU32(out, static_cast<uint32_t>(impl_->hash_bits));
  PutU32(out, kDenseCount);
  PutU32(out, impl_->segmenter ? kFlagWords : 0);
  std::string lex = impl_->lexicon.Serialize();
  PutU32(out, static_cast<uint32_t>(lex.size()));
  out += lex;
  size_t buckets = impl_->hashed.size() / kClasses;
  std::vector<uint32_t> nz;
  for (size_t b = 0; b < buckets; ++b) {
    const float* w = &impl_->hashed[b * kClasses];
    if (w[0] != 0 || w[1] != 0 || w[2] != 0) nz.push_back(static_cast<uint32_t>(b));
  }
  PutU32(out, static_cast<uint32_t>(nz.size()));
  for (uint32_t b : nz) {
    PutU32(out, b);
    for (int k = 0; k < kClasses; ++k) PutF32(out, impl_->hashed[b * kClasses + k]);
  }
  for (int f = 0; f < kDenseCount; ++f) {
    for (int k = 0; k < kClasses; ++k) PutF32(out, impl_->dense[f][k]);
  }
  uint64_t sum = Checksum(out);
  PutU32(out, static_cast<uint32_t>(sum));
  PutU32(out, static_cast<uint32_t>(sum >> 32));
  return out;
}

bool SentimentModel::uses_words() const { return impl_->segmenter != nullptr; }

Result<SentimentModel> SentimentModel::Deserialize(std::string_view bytes, std::shared_ptr<const Segmenter> segmenter) {
  auto bad = [](const std::string& why) { return Corruption("情感模型文件无效：" + why); };
  if (bytes.size() < sizeof kMagic + 8 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return bad("不是 Minyi 情感模型");
  }
  Reader tail{bytes.substr(bytes.size() - 8)};
  uint64_t stored = tail.U32();
  stored |= static_cast<uint64_t>(tail.U32()) << 32;
  if (stored != Checksum(bytes.substr(0, bytes.size() - 8))) return bad("校验和不符（文件损坏或不完整）");
  Reader r{bytes.substr(0, bytes.size() - 8), sizeof kMagic};
  uint32_t version = r.U32();
  if (version != kFormatVersion) return bad("版本 " + std::to_string(version) + " 不受支持");
  uint32_t bits = r.U32();
  uint32_t dense_count = r.U32();
  uint32_t flags = r.U32();
  if (!r.ok || bits < 10 || bits > kMaxHashBits || dense_count != kDenseCount || (flags & ~kFlagWords) != 0) {
    return bad("头部字段无效");
  }
  uint32_t lex_len = r.U32();
  if (!r.ok || r.pos + lex_len > r.s.size()) return bad("词表长度越界");
  auto impl = std::make_unique<Impl>();
  auto lex = SentimentLexicon::Parse(r.s.substr(r.pos, lex_len));
  if (!lex.ok()) return lex.status();
  r.pos += lex_len;
  impl->lexicon = std::move(*lex);
  impl->hash_bits = static_cast<int>(bits);
  impl->mask = (1u << bits) - 1;
  size_t buckets = static_cast<size_t>(1) << bits;
  impl->hashed.assign(buckets * kClasses, 0.f);
  uint32_t nz = r.U32();
  if (!r.ok || nz > buckets || static_cast<size_t>(nz) * 16 > r.s.size() - r.pos) return bad("权重数量越界");
  for (uint32_t i = 0; i < nz; ++i) {
    uint32_t b = r.U32();
    if (b >= buckets) return bad("权重下标越界");
    for (int k = 0; k < kClasses; ++k) impl->hashed[static_cast<size_t>(b) * kClasses + k] = r.F32();
  }
  for (int f = 0; f < kDenseCount; ++f) {
    for (int k = 0; k < kClasses; ++k) impl->dense[f][k] = r.F32();
  }
  if (!r.ok) return bad("数据被截断或含非法数值");
  if (r.pos != r.s.size()) return bad("文件尾部有多余数据");
  if (flags & kFlagWords) {
    if (!segmenter) {
      auto loaded = Segmenter::Load(ResourceDir());
      if (!loaded.ok()) return loaded.status().WithContext("情感模型需要分词词典");
      segmenter = std::make_shared<const Segmenter>(std::move(*loaded));
    }
    impl->segmenter = std::move(segmenter);
  }
  impl->BuildCues();
  return SentimentModel(std::move(impl));
}

Result<SentimentModel> SentimentModel::LoadFile(const std::string& path, std::shared_ptr<const Segmenter> segmenter) {
  LocalFileSystem fs;
  MINYI_ASSIGN_OR_RETURN(std::string bytes, fs.ReadFile(path, kMaxModelBytes));
  auto m = Deserialize(bytes, std::move(segmenter));
  if (!m.ok()) return m.status().WithContext(path);
  return m;
}

Result<SentimentModel> SentimentModel::LoadDefault(std::shared_ptr<const Segmenter> segmenter) {
  return LoadFile(ResourceDir() + "/models/sentiment.bin", std::move(segmenter));
}

Status SentimentModel::SaveFile(const std::string& path) const {
  LocalFileSystem fs;
  return fs.WriteFileAtomic(path, Serialize());
}

}  // namespace minyi
