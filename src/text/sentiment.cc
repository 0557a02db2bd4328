#include "text/sentiment.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <unordered_set>

#include "common/env.h"
#include "common/resources.h"
#include "text/segmenter.h"
#include "text/utf8.h"

namespace minyi {
namespace {

constexpr char kMagic[8] = {'M', 'Y', 'S', 'E', 'N', 'T', '0', '1'};
constexpr uint32_t kFormatVersion = 2;
constexpr uint32_t kFlagWords = 1;
constexpr int kClasses = 3;
constexpr size_t kMaxModelBytes = 256u << 20;
constexpr int kMaxHashBits = 24;
constexpr size_t kMaxWordChars = 8;
constexpr int kMaxEnsemble = 16;

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

// ---- normalization and hashing ----------------------------------------------

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

// Cuts at a code point boundary so a truncated text decodes like its prefix
// inside the full text (the token overload relies on equal offsets).
std::string_view CutText(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  for (int back = 0; back < 3 && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80; ++back) --n;
  return s.substr(0, n);
}

// FNV-1a over code points, fed piece by piece so n-grams and word bigrams are
// hashed in place instead of being assembled into strings first.
class GramHash {
 public:
  explicit GramHash(uint64_t seed) : h_(1469598103934665603ULL ^ (seed * 0x9E3779B97F4A7C15ULL)) {}
  void Add(char32_t c) {
    h_ ^= static_cast<uint64_t>(c);
    h_ *= 1099511628211ULL;
  }
  void Add(std::u32string_view s) {
    for (char32_t c : s) Add(c);
  }
  uint64_t Done() const {
    uint64_t h = h_;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
  }

 private:
  uint64_t h_;
};

uint64_t Fnv(uint64_t seed, std::u32string_view s) {
  GramHash g(seed);
  g.Add(s);
  return g.Done();
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

// Longest-prefix dictionary of cue words over normalized code points. The
// root is a direct table (thousands of first characters); deeper levels are
// short edge lists, so a lookup allocates nothing and stops at the first miss.
class CueTrie {
 public:
  void Insert(std::u32string_view word, const Cue& cue) {
    if (nodes_.empty()) {
      nodes_.emplace_back();
      root_bmp_.assign(kBmp, 0);
    }
    uint32_t at = 0;
    for (char32_t c : word) at = Child(at, c, true);
    nodes_[at].cue = cue;
    nodes_[at].is_cue = true;
  }
  // Longest cue that is a prefix of s: its length (0 if none) and the cue.
  size_t Longest(std::u32string_view s, const Cue** cue) const {
    size_t best = 0;
    uint32_t at = 0;
    for (size_t i = 0; i < s.size() && !nodes_.empty(); ++i) {
      at = Find(at, s[i]);
      if (at == 0) break;
      if (nodes_[at].is_cue) {
        best = i + 1;
        *cue = &nodes_[at].cue;
      }
    }
    return best;
  }

 private:
  struct Node {
    std::vector<std::pair<char32_t, uint32_t>> kids;  // unused for the root
    Cue cue;
    bool is_cue = false;
  };
  uint32_t Child(uint32_t at, char32_t c, bool create) {
    if (uint32_t found = Find(at, c); found != 0 || !create) return found;
    auto id = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    if (at != 0)
      nodes_[at].kids.emplace_back(c, id);
    else if (c < kBmp)
      root_bmp_[c] = id;
    else
      root_.emplace(c, id);
    return id;
  }
  uint32_t Find(uint32_t at, char32_t c) const {
    if (at == 0) {
      if (c < kBmp) return root_bmp_.empty() ? 0 : root_bmp_[c];
      auto it = root_.find(c);
      return it == root_.end() ? 0 : it->second;
    }
    for (const auto& [k, id] : nodes_[at].kids) {
      if (k == c) return id;
    }
    return 0;
  }

  // Root edges: a direct table for the BMP (every text position starts a
  // lookup here), a hash map for the rare supplementary-plane characters.
  static constexpr char32_t kBmp = 0x10000;
  std::vector<uint32_t> root_bmp_;
  std::unordered_map<char32_t, uint32_t> root_;
  std::vector<Node> nodes_;
};

struct Clause {
  size_t begin, end;
};

struct CueMatch {
  size_t pos, len;
  const Cue* cue;
};

// Hashed features as (bucket, value); reused by the caller across texts.
using HashedFeatures = std::vector<std::pair<uint32_t, float>>;

}  // namespace

struct SentimentModel::Impl {
  SentimentLexicon lexicon;
  std::shared_ptr<const Segmenter> segmenter;  // set iff the model uses words
  int hash_bits = 18;
  uint32_t mask = 0;
  CueTrie cues;
  // Weights: hashed block (bucket * 3 + class), then dense block.
  std::vector<float> hashed;
  std::array<std::array<float, kClasses>, kDenseCount> dense{};

  void BuildCues();
  // Feature vector of one text: hashed buckets with values and dense values.
  // `tokens` (Segmenter::Cut of the same text) are used by word models; when
  // null such a model segments the text itself, so both paths agree.
  void Features(std::string_view text, const std::vector<Token>* tokens, HashedFeatures* hashed_out,
                std::array<double, kDenseCount>* dense_out) const;
  void LexiconFeatures(std::u32string_view u, const std::vector<Clause>& clauses, HashedFeatures* h,
                       std::array<double, kDenseCount>* d) const;
  std::array<double, kClasses> Logits(const HashedFeatures& h, const std::array<double, kDenseCount>& d) const;
  SentimentResult Classify(std::string_view text, const std::vector<Token>* tokens) const;
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

// Maximal runs without a break character; notes ! and ? on the way.
std::vector<Clause> SplitClauses(std::u32string_view u, std::array<double, kDenseCount>* d) {
  std::vector<Clause> clauses;
  for (size_t i = 0; i < u.size();) {
    while (i < u.size() && IsClauseBreak(u[i])) {
      if (u[i] == '!') (*d)[kExclamation] = 1;
      if (u[i] == '?') (*d)[kQuestion] = 1;
      ++i;
    }
    size_t b = i;
    while (i < u.size() && !IsClauseBreak(u[i])) ++i;
    if (i > b) clauses.push_back({b, i});
  }
  return clauses;
}

// Character 1..3-grams inside clauses, with boundary marks on 2- and 3-grams.
void CharGrams(std::u32string_view u, const std::vector<Clause>& clauses, std::vector<uint64_t>* grams) {
  for (const auto& cl : clauses) {
    const size_t len = cl.end - cl.begin + 2;  // with the \x02 and \x03 marks
    auto at = [&](size_t i) -> char32_t { return i == 0 ? U'\x02' : i + 1 == len ? U'\x03' : u[cl.begin + i - 1]; };
    for (size_t i = 0; i < len; ++i) {
      for (size_t n = 1; n <= 3 && i + n <= len; ++n) {
        if (n == 1 && (i == 0 || i + 1 == len)) continue;
        GramHash g(n);
        for (size_t k = 0; k < n; ++k) g.Add(at(i + k));
        grams->push_back(g.Done());
      }
    }
  }
}

bool AllClauseBreaks(std::u32string_view w) {
  return std::all_of(w.begin(), w.end(), [](char32_t c) { return IsClauseBreak(c); });
}

// Word unigrams and bigrams: the segmenter resolves boundaries that
// overlapping character n-grams blur (e.g. 不错 vs 错误). Bigram chains run
// within clauses: a punctuation or space token closes the chain. Tokens that
// do not fit the text (foreign or past a truncation) are skipped.
void WordGrams(std::u32string_view u, const std::vector<Token>& tokens, std::vector<uint64_t>* grams) {
  static constexpr char32_t kStart[] = U"\x02";
  std::u32string_view prev;
  bool open = false;
  auto bigram = [&](std::u32string_view next) {
    GramHash g(12);
    g.Add(prev);
    g.Add(U'\x01');
    g.Add(next);
    grams->push_back(g.Done());
  };
  uint32_t pos = 0;
  for (const Token& t : tokens) {
    if (t.begin < pos || t.end <= t.begin || t.end > u.size()) continue;
    pos = t.end;
    std::u32string_view w = u.substr(t.begin, t.end - t.begin);
    if (AllClauseBreaks(w) || Segmenter::IsSpaceToken(w)) {
      if (open) bigram(U"\x03");
      open = false;
      continue;
    }
    if (!open) prev = std::u32string_view(kStart, 1);
    open = true;
    grams->push_back(Fnv(11, w));
    bigram(w);
    prev = w;
  }
  if (open) bigram(U"\x03");
}

}  // namespace

void SentimentModel::Impl::BuildCues() {
  std::unordered_map<std::u32string, Cue> all;
  auto add = [&](const std::string& w, Cue cue) {
    std::u32string u = utf8::ToU32(w);
    for (auto& c : u) c = NormalizeChar(c);
    if (u.empty() || u.size() > kMaxWordChars) return;
    auto [it, inserted] = all.emplace(u, cue);
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
  cues = CueTrie();
  for (const auto& [w, cue] : all) cues.Insert(w, cue);
}

void SentimentModel::Impl::Features(std::string_view text, const std::vector<Token>* tokens, HashedFeatures* hout,
                                    std::array<double, kDenseCount>* dout) const {
  text = CutText(text, kMaxTextBytes);
  std::u32string u = utf8::ToU32(text);
  for (auto& c : u) c = NormalizeChar(c);
  hout->clear();
  auto& d = *dout;
  d.fill(0.0);
  d[kBias] = 1.0;
  std::vector<Clause> clauses = SplitClauses(u, &d);

  std::vector<uint64_t> grams;
  grams.reserve(u.size() * 3 + (segmenter ? u.size() * 2 : 0) + 8);
  CharGrams(u, clauses, &grams);
  if (segmenter) {
    std::vector<Token> own;
    if (!tokens) {
      if (auto cut = segmenter->Cut(text, true); cut.ok()) own = std::move(*cut);
      tokens = &own;
    }
    WordGrams(u, *tokens, &grams);
  }
  hout->reserve(grams.size() + 16);
  float gram_value = grams.empty() ? 0.f : static_cast<float>(2.0 / std::sqrt(static_cast<double>(grams.size())));
  for (uint64_t g : grams) hout->push_back({static_cast<uint32_t>(g & mask), gram_value});
  LexiconFeatures(u, clauses, hout, dout);
}

void SentimentModel::Impl::LexiconFeatures(std::u32string_view u, const std::vector<Clause>& clauses,
                                           HashedFeatures* hout, std::array<double, kDenseCount>* dout) const {
  auto& d = *dout;
  struct Hit {
    double value;
    bool negated;
    size_t segment;
    bool concession;
    bool rhetorical;
    uint64_t word_hash;
  };
  std::vector<Hit> hits;
  std::vector<CueMatch> matches;
  size_t segment = 0;
  bool any_contrast = false;
  size_t unused_negations = 0;
  for (const auto& cl : clauses) {
    // Greedy longest match, left to right, once per clause.
    matches.clear();
    bool concession = false, rhetorical = false;
    for (size_t i = cl.begin; i < cl.end;) {
      const Cue* cue = nullptr;
      size_t n = cues.Longest(u.substr(i, std::min(kMaxWordChars, cl.end - i)), &cue);
      if (n == 0) {
        ++i;
        continue;
      }
      matches.push_back({i, n, cue});
      concession |= cue->kind == kCueConcession;
      rhetorical |= cue->kind == kCueRhetorical;
      i += n;
    }
    if (rhetorical) d[kRhetorical] = 1;
    bool negated = false;
    double degree = 1.0;
    bool pending_negation = false;
    for (size_t m = 0; m < matches.size(); ++m) {
      const CueMatch& cm = matches[m];
      switch (cm.cue->kind) {
        case kCueNegation:
          negated = !negated;
          pending_negation = true;
          break;
        case kCueDegree:
          degree *= cm.cue->value;
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
          if (cm.len == 1 && cm.cue->value > 0 && m + 1 < matches.size() && matches[m + 1].pos == cm.pos + 1 &&
              matches[m + 1].cue->kind == kCuePolar) {
            degree *= 1.5;
            break;
          }
          hits.push_back(
              {cm.cue->value * degree, negated, segment, concession, rhetorical, Fnv(97, u.substr(cm.pos, cm.len))});
          negated = false;
          pending_negation = false;
          degree = 1.0;
          break;
        }
        default:
          break;
      }
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
    hout->push_back({static_cast<uint32_t>((h.word_hash * 31 + tag + 7) & mask), static_cast<float>(w)});
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

std::array<double, kClasses> SentimentModel::Impl::Logits(const HashedFeatures& h,
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

SentimentResult SentimentModel::Impl::Classify(std::string_view text, const std::vector<Token>* tokens) const {
  HashedFeatures h;
  std::array<double, kDenseCount> d{};
  Features(text, tokens, &h, &d);
  SentimentResult r;
  r.probs = Softmax(Logits(h, d));
  int best = 0;
  for (int k = 1; k < kClasses; ++k) {
    if (r.probs[k] > r.probs[best]) best = k;
  }
  r.label = static_cast<SentimentLabel>(best);
  r.score = std::clamp(r.probs[2] - r.probs[0], -1.0, 1.0);
  return r;
}

// ---- model --------------------------------------------------------------------------

SentimentModel::SentimentModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentimentModel::SentimentModel(SentimentModel&&) noexcept = default;
SentimentModel& SentimentModel::operator=(SentimentModel&&) noexcept = default;
SentimentModel::~SentimentModel() = default;

namespace {

using DenseWeights = std::array<std::array<double, kClasses>, kDenseCount>;

struct TrainData {
  const std::vector<SentimentExample>& examples;
  const std::vector<HashedFeatures>& hx;
  const std::vector<std::array<double, kDenseCount>>& dx;
  std::array<double, kClasses> class_weight;
};

// NBSVM-style feature scales: |log-count ratio| of each bucket between the
// positive and negative texts, interpolated towards 1 by `beta` and
// normalised to mean 1 over the buckets that occur.
std::vector<float> NbScales(const std::vector<SentimentExample>& examples, const std::vector<HashedFeatures>& hx,
                            size_t buckets, double beta) {
  std::vector<double> pos(buckets, 0.0), neg(buckets, 0.0);
  double pos_total = 0, neg_total = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const auto label = examples[i].label;
    if (label == SentimentLabel::kNeutral) continue;
    auto& count = label == SentimentLabel::kPositive ? pos : neg;
    for (const auto& f : hx[i]) {
      count[f.first] += examples[i].weight;
      (label == SentimentLabel::kPositive ? pos_total : neg_total) += examples[i].weight;
    }
  }
  std::vector<float> scale(buckets, 1.f);
  const double alpha = 1.0;
  double sum = 0;
  size_t seen = 0;
  std::vector<double> r(buckets, 0.0);
  for (size_t b = 0; b < buckets; ++b) {
    if (pos[b] == 0 && neg[b] == 0) continue;
    r[b] =
        std::fabs(std::log((pos[b] + alpha) / (pos_total + alpha)) - std::log((neg[b] + alpha) / (neg_total + alpha)));
    sum += r[b];
    ++seen;
  }
  const double mean = seen ? sum / static_cast<double>(seen) : 1.0;
  for (size_t b = 0; b < buckets; ++b) {
    if (pos[b] == 0 && neg[b] == 0) continue;
    scale[b] = static_cast<float>((1 - beta) + beta * r[b] / mean);
  }
  return scale;
}

// One AdaGrad run from zero weights; `seed` drives shuffling and dropout.
void RunSgd(const TrainData& data, const SentimentTrainOptions& options, uint64_t seed, std::vector<double>* w_out,
            DenseWeights* dw_out) {
  const size_t size = (static_cast<size_t>(1) << options.hash_bits) * kClasses;
  std::vector<double>& w = *w_out;
  w.assign(size, 0.0);
  std::vector<double> g2(size, 0.0);
  DenseWeights& dw = *dw_out;
  dw = {};
  DenseWeights dg2{};
  std::vector<size_t> order(data.examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  const double eta = options.learning_rate;
  const double eps = 1e-8;
  // Dropping some n-gram features while training keeps weight on the lexicon
  // features, which carry over to domains the corpus does not cover.
  std::bernoulli_distribution drop(options.dropout);
  HashedFeatures kept;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      kept.clear();
      for (const auto& f : data.hx[i]) {
        if (!drop(rng)) kept.push_back(f);
      }
      const auto& dxi = data.dx[i];
      std::array<double, kClasses> z{};
      for (const auto& [idx, v] : kept) {
        for (int k = 0; k < kClasses; ++k) z[k] += w[static_cast<size_t>(idx) * kClasses + k] * v;
      }
      for (int f = 0; f < kDenseCount; ++f) {
        for (int k = 0; k < kClasses; ++k) z[k] += dw[f][k] * dxi[f];
      }
      auto p = Softmax(z);
      int y = static_cast<int>(data.examples[i].label);
      double cw = data.class_weight[y] * data.examples[i].weight;
      for (int k = 0; k < kClasses; ++k) {
        double err = cw * (p[k] - (k == y ? 1.0 : 0.0));
        for (const auto& [idx, v] : kept) {
          size_t j = static_cast<size_t>(idx) * kClasses + k;
          double g = err * v + options.l2 * w[j];
          g2[j] += g * g;
          w[j] -= eta * g / (std::sqrt(g2[j]) + eps);
        }
        for (int f = 0; f < kDenseCount; ++f) {
          if (dxi[f] == 0) continue;
          double g = err * dxi[f] + options.l2 * dw[f][k];
          dg2[f][k] += g * g;
          dw[f][k] -= eta * g / (std::sqrt(dg2[f][k]) + eps);
        }
      }
    }
  }
}

}  // namespace

Result<SentimentModel> SentimentModel::Train(const std::vector<SentimentExample>& examples,
                                             const SentimentLexicon& lexicon, const SentimentTrainOptions& options,
                                             std::shared_ptr<const Segmenter> segmenter) {
  if (options.hash_bits < 10 || options.hash_bits > kMaxHashBits) {
    return InvalidArgument("hash_bits 应在 10 到 24 之间");
  }
  if (!(options.dropout >= 0 && options.dropout <= 0.9) || !(options.nb_scale >= 0 && options.nb_scale <= 1)) {
    return InvalidArgument("dropout 应在 0 到 0.9 之间，nb_scale 应在 0 到 1 之间");
  }
  for (const auto& e : examples) {
    if (!(e.weight > 0 && e.weight < 1e6)) return InvalidArgument("训练样本权重应为小于一百万的正数");
  }
  if (options.ensemble < 1 || options.ensemble > kMaxEnsemble) {
    return InvalidArgument("ensemble 应在 1 到 " + std::to_string(kMaxEnsemble) + " 之间");
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
  std::vector<HashedFeatures> hx(examples.size());
  std::vector<std::array<double, kDenseCount>> dx(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) impl->Features(examples[i].text, nullptr, &hx[i], &dx[i]);
  // NB scales multiply the feature values in training and are folded into
  // the weights afterwards, so prediction needs no extra table.
  std::vector<float> nb;
  if (options.nb_scale > 0) {
    nb = NbScales(examples, hx, impl->hashed.size() / kClasses, options.nb_scale);
    for (auto& h : hx) {
      for (auto& f : h) f.second *= nb[f.first];
    }
  }

  // Classes are weighted inversely to their frequency so a skewed
  // organization corpus does not collapse into its majority label.
  std::array<double, kClasses> class_weight{};
  for (int k = 0; k < kClasses; ++k) {
    class_weight[k] = counts[k] ? static_cast<double>(examples.size()) / (distinct * counts[k]) : 0.0;
  }

  // Averaging runs that differ only in shuffle and dropout order lowers the
  // model's variance, which dominates its error on unseen domains.
  const TrainData data{examples, hx, dx, class_weight};
  std::vector<double> sum(impl->hashed.size(), 0.0), w;
  DenseWeights dense_sum{}, dw;
  const int runs = options.ensemble;
  for (int r = 0; r < runs; ++r) {
    RunSgd(data, options, options.seed + static_cast<uint64_t>(r), &w, &dw);
    for (size_t j = 0; j < w.size(); ++j) sum[j] += w[j];
    for (int f = 0; f < kDenseCount; ++f) {
      for (int k = 0; k < kClasses; ++k) dense_sum[f][k] += dw[f][k];
    }
  }
  for (size_t j = 0; j < sum.size(); ++j) impl->hashed[j] = static_cast<float>(sum[j] / runs);
  for (int f = 0; f < kDenseCount; ++f) {
    for (int k = 0; k < kClasses; ++k) impl->dense[f][k] = static_cast<float>(dense_sum[f][k] / runs);
  }
  // Features were extracted with full n-gram weight at test time but
  // (1 - dropout) at training time; scaling keeps the two blocks in the
  // trained proportion.
  for (auto& v : impl->hashed) v *= static_cast<float>(1.0 - options.dropout);
  if (!nb.empty()) {
    for (size_t j = 0; j < impl->hashed.size(); ++j) impl->hashed[j] *= nb[j / kClasses];
  }
  return SentimentModel(std::move(impl));
}

SentimentResult SentimentModel::Predict(std::string_view text) const { return impl_->Classify(text, nullptr); }

SentimentResult SentimentModel::Predict(std::string_view text, const std::vector<Token>& tokens) const {
  return impl_->Classify(text, &tokens);
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
  if (version != kFormatVersion) {
    return bad("版本 " + std::to_string(version) + " 不受支持（本程序只读取版本 " + std::to_string(kFormatVersion) +
               "，请用 minyi_train_sentiment 或 minyi sentiment 重新训练）");
  }
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
