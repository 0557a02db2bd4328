#include "text/lexicon.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "text/aho_corasick.h"
#include "text/utf8.h"

#if __has_include(<hs/hs.h>) && !defined(MINYI_NO_VECTORSCAN)
#define MINYI_HAVE_VECTORSCAN 1
#include <hs/hs.h>
#else
#define MINYI_HAVE_VECTORSCAN 0
#endif

namespace minyi {

namespace {

bool ValidUtf8(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = 1;
    const char32_t cp = utf8::DecodeOne(s, pos, &len);
    if (cp == utf8::kReplacement && !(len == 3 && s.compare(pos, 3, "\xEF\xBF\xBD") == 0)) return false;
    pos += len;
  }
  return true;
}

uint32_t CountCps(std::string_view s) {
  uint32_t n = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = 1;
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
    } else {
      utf8::DecodeOne(s, pos, &len);
      pos += len;
    }
    ++n;
  }
  return n;
}

// Walks from byte pos to at least end, counting code points as DecodeOne
// does; the common well-formed ASCII and 3-byte (CJK) cases stay inline.
size_t AdvanceCodePoints(std::string_view text, size_t pos, size_t end, uint32_t* cps) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  while (pos < end) {
    const unsigned char b = s[pos];
    if (b < 0x80) {
      ++pos;
    } else if (b >= 0xE1 && b <= 0xEC && pos + 2 < n && (s[pos + 1] & 0xC0) == 0x80 && (s[pos + 2] & 0xC0) == 0x80) {
      pos += 3;
    } else {
      size_t len = 1;
      utf8::DecodeOne(text, pos, &len);
      pos += len;
    }
    ++*cps;
  }
  return pos;
}

std::string FoldAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string LineError(size_t line, std::string_view what) {
  return "第 " + std::to_string(line) + " 行：" + std::string(what);
}

// Splits on unescaped `sep` (if split) and resolves the escapes \t \n \\ \|.
std::vector<std::string> SplitUnescape(std::string_view field, char sep, bool split = true) {
  std::vector<std::string> parts(1);
  for (size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    if (c == '\\' && i + 1 < field.size()) {
      const char e = field[++i];
      parts.back() += e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
    } else if (split && c == sep) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '|':
        out += "\\|";
        break;
      case '\r':
        out += "\\r";
        break;
      case '#':
        out += "\\#";
        break;  // a leading # would read back as a comment
      default:
        out += c;
    }
  }
  return out;
}

std::optional<int> ParseSeverity(std::string_view s) {
  if (s.empty()) return 1;
  if (s == "提示") return 1;
  if (s == "警告") return 2;
  if (s == "严重") return 3;
  if (s.size() == 1 && s[0] >= '0' && s[0] <= '9') return s[0] - '0';
  return std::nullopt;
}

}  // namespace

// ---------------------------------------------------------------- Lexicon

Status Lexicon::Add(LexiconTerm term, const LexiconLimits& limits) {
  if (terms_.size() >= limits.max_terms) {
    return ResourceExhausted("词条数超过上限 " + std::to_string(limits.max_terms));
  }
  if (term.text.empty()) return InvalidArgument("词条不能为空");
  if (term.text.size() > limits.max_term_bytes) {
    return ResourceExhausted("词条“" + term.text.substr(0, 30) + "”超过 " + std::to_string(limits.max_term_bytes) +
                             " 字节");
  }
  if (!ValidUtf8(term.text)) return InvalidArgument("词条不是有效的 UTF-8 文本");
  // Control bytes never occur in text worth flagging, and vectorscan's
  // literal API refuses a pattern that starts with NUL.
  auto has_control = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
  };
  if (has_control(term.text)) return InvalidArgument("词条不能含有控制字符");
  if (!ValidUtf8(term.category) || !ValidUtf8(term.suggestion)) {
    return InvalidArgument("词条“" + term.text + "”的类别或建议不是有效的 UTF-8 文本");
  }
  if (term.severity < 0 || term.severity > 9) return InvalidArgument("严重程度必须在 0 到 9 之间");
  if (term.allowed_contexts.size() > limits.max_contexts_per_term) {
    return ResourceExhausted("词条“" + term.text + "”的允许语境超过 " + std::to_string(limits.max_contexts_per_term) +
                             " 个");
  }
  for (const auto& ctx : term.allowed_contexts) {
    if (ctx.size() > limits.max_term_bytes) return ResourceExhausted("允许语境“" + ctx.substr(0, 30) + "”过长");
    if (!ValidUtf8(ctx)) return InvalidArgument("允许语境不是有效的 UTF-8 文本");
    if (has_control(ctx)) return InvalidArgument("允许语境不能含有控制字符");
    if (ctx.find(term.text) == std::string::npos) {
      return InvalidArgument("允许语境“" + ctx + "”不包含词条“" + term.text + "”");
    }
  }
  terms_.push_back(std::move(term));
  return Status::Ok();
}

Result<Lexicon> Lexicon::ParseTsv(std::string_view tsv, const LexiconLimits& limits) {
  if (tsv.size() > limits.max_input_bytes) {
    return ResourceExhausted("词表文件超过 " + std::to_string(limits.max_input_bytes >> 20) + " MB 上限");
  }
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF") tsv.remove_prefix(3);
  Lexicon lex;
  size_t line_no = 0;
  while (!tsv.empty()) {
    ++line_no;
    size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > limits.max_line_bytes) {
      return ResourceExhausted(LineError(line_no, "行长度超过 " + std::to_string(limits.max_line_bytes) + " 字节"));
    }
    if (line.empty() || line[0] == '#') continue;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    std::vector<std::string_view> fields;
    size_t start = 0;
    for (;;) {
      const size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (fields.size() > 5)
      return InvalidArgument(LineError(line_no, "字段过多（最多 5 列：词条、类别、严重程度、建议、允许语境）"));
    LexiconTerm term;
    auto text = SplitUnescape(fields[0], 0, false);
    term.text = text[0];
    if (term.text.empty()) return InvalidArgument(LineError(line_no, "词条为空"));
    if (fields.size() > 1) term.category = SplitUnescape(fields[1], 0, false)[0];
    if (fields.size() > 2) {
      auto sev = ParseSeverity(fields[2]);
      if (!sev) {
        return InvalidArgument(
            LineError(line_no, "严重程度“" + std::string(fields[2]) + "”无效，应为 0–9 或 提示/警告/严重"));
      }
      term.severity = *sev;
    }
    if (fields.size() > 3) term.suggestion = SplitUnescape(fields[3], 0, false)[0];
    if (fields.size() > 4 && !fields[4].empty()) {
      for (auto& c : SplitUnescape(fields[4], '|')) {
        if (!c.empty()) term.allowed_contexts.push_back(std::move(c));
      }
    }
    Status st = lex.Add(std::move(term), limits);
    if (!st.ok()) return Status(st.code(), LineError(line_no, st.message()));
  }
  return lex;
}

Result<Lexicon> Lexicon::LoadTsvFile(const FileSystem& fs, const std::string& path, const LexiconLimits& limits) {
  auto data = fs.ReadFile(path, limits.max_input_bytes);
  if (!data.ok()) return data.status().WithContext("读取词表 " + path);
  auto lex = ParseTsv(*data, limits);
  if (!lex.ok()) return lex.status().WithContext("词表 " + path);
  return lex;
}

std::string Lexicon::ToTsv() const {
  std::string out;
  for (const auto& t : terms_) {
    out += Escape(t.text);
    out += '\t';
    out += Escape(t.category);
    out += '\t';
    out += std::to_string(t.severity);
    out += '\t';
    out += Escape(t.suggestion);
    out += '\t';
    for (size_t i = 0; i < t.allowed_contexts.size(); ++i) {
      if (i) out += '|';
      out += Escape(t.allowed_contexts[i]);
    }
    out += '\n';
  }
  // A first term starting with U+FEFF would be read back as a BOM; an escaped
  // first byte stands for itself.
  if (out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.insert(out.begin(), '\\');
  return out;
}

// ---------------------------------------------------------------- Matcher

struct LexiconMatcher::Impl {
  Lexicon lexicon;
  MatcherOptions options;
  MatcherBackend backend = MatcherBackend::kAhoCorasick;
  std::vector<std::string> patterns;
  std::vector<uint32_t> pattern_len;
  std::vector<uint32_t> pattern_cplen;
  std::vector<std::vector<uint32_t>> pattern_terms;
  // Per term: (context pattern id, index into allowed_contexts).
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> term_contexts;
  std::vector<uint8_t> pattern_is_context;
  bool any_contexts = false;
  // Hot-loop copy of the per-pattern facts: one 16-byte load per hit instead
  // of a walk through four arrays and a nested vector (the matcher is
  // otherwise cache-miss bound on 50,000-term lexicons).
  struct PatternInfo {
    uint32_t len;
    uint32_t cplen;
    uint32_t terms_begin;  // into term_list
    uint16_t terms_count;
    uint8_t is_context;
    uint8_t has_contexts;  // some term of this pattern has allowed contexts
  };
  std::vector<PatternInfo> info;
  std::vector<uint32_t> term_list;
  std::optional<AhoCorasick> ac;

  // Per-call state handed out from a pool: a vectorscan scratch and the raw
  // hit buffer, so steady-state matching allocates nothing.
  struct Slot {
    void* scratch = nullptr;  // hs_scratch_t*
    std::vector<RawHit> raw;
  };
  mutable std::mutex mu;
  mutable std::vector<std::unique_ptr<Slot>> pool;

  std::unique_ptr<Slot> Acquire() const {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!pool.empty()) {
        auto slot = std::move(pool.back());
        pool.pop_back();
        return slot;
      }
    }
    return std::make_unique<Slot>();
  }
  void Release(std::unique_ptr<Slot> slot) const {
    if (slot->raw.capacity() > (1u << 20)) std::vector<RawHit>().swap(slot->raw);  // do not pin a huge buffer
    std::lock_guard<std::mutex> lock(mu);
    pool.push_back(std::move(slot));
  }
  Status ScanInto(Slot& slot, std::string_view text, std::vector<RawHit>* out) const;

#if MINYI_HAVE_VECTORSCAN
  hs_database_t* db = nullptr;
  hs_scratch_t* proto = nullptr;
#endif

  ~Impl() {
#if MINYI_HAVE_VECTORSCAN
    for (auto& s : pool) {
      if (s->scratch) hs_free_scratch(static_cast<hs_scratch_t*>(s->scratch));
    }
    if (proto) hs_free_scratch(proto);
    if (db) hs_free_database(db);
#endif
  }
};

bool VectorscanAvailable() {
#if MINYI_HAVE_VECTORSCAN
  return hs_valid_platform() == HS_SUCCESS;
#else
  return false;
#endif
}

LexiconMatcher::LexiconMatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LexiconMatcher::~LexiconMatcher() = default;

#if MINYI_HAVE_VECTORSCAN
namespace {

Status CompileVectorscan(LexiconMatcher::Impl& im) {
  if (im.patterns.empty()) return Status::Ok();  // hs refuses empty sets; nothing to find anyway
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  std::vector<size_t> lens;
  exprs.reserve(im.patterns.size());
  for (uint32_t i = 0; i < im.patterns.size(); ++i) {
    exprs.push_back(im.patterns[i].data());
    lens.push_back(im.patterns[i].size());
    flags.push_back(im.options.ascii_caseless ? HS_FLAG_CASELESS : 0);
    ids.push_back(i);
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &im.db, &err) != HS_SUCCESS) {
    std::string msg = err && err->message ? err->message : "unknown";
    hs_free_compile_error(err);
    return Internal("vectorscan 编译词表失败：" + msg);
  }
  if (hs_alloc_scratch(im.db, &im.proto) != HS_SUCCESS) {
    hs_free_database(im.db);
    im.db = nullptr;
    return Internal("vectorscan 无法分配扫描空间");
  }
  return Status::Ok();
}

int CollectHit(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/, void* ctx) {
  static_cast<std::vector<LexiconMatcher::RawHit>*>(ctx)->push_back({id, static_cast<uint32_t>(to)});
  return 0;
}

}  // namespace
#endif

Result<std::unique_ptr<LexiconMatcher>> LexiconMatcher::Compile(Lexicon lexicon, const MatcherOptions& options) {
  auto im = std::make_unique<Impl>();
  im->lexicon = std::move(lexicon);
  im->options = options;
  const auto& terms = im->lexicon.terms();
  std::unordered_map<std::string, uint32_t> ids;
  auto intern = [&](std::string_view text) {
    std::string key = options.ascii_caseless ? FoldAscii(text) : std::string(text);
    auto [it, inserted] = ids.try_emplace(key, static_cast<uint32_t>(im->patterns.size()));
    if (inserted) {
      im->patterns.push_back(std::move(key));
      im->pattern_terms.emplace_back();
      im->pattern_is_context.push_back(0);
    }
    return it->second;
  };
  im->term_contexts.resize(terms.size());
  for (uint32_t t = 0; t < terms.size(); ++t) {
    if (terms[t].text.empty()) return InvalidArgument("词条不能为空");
    im->pattern_terms[intern(terms[t].text)].push_back(t);
  }
  for (uint32_t t = 0; t < terms.size(); ++t) {
    const auto& ctxs = terms[t].allowed_contexts;
    for (uint32_t c = 0; c < ctxs.size(); ++c) {
      if (ctxs[c].empty()) continue;
      const uint32_t p = intern(ctxs[c]);
      im->pattern_is_context[p] = 1;
      im->term_contexts[t].emplace_back(p, c);
      im->any_contexts = true;
    }
  }
  for (uint32_t p = 0; p < im->patterns.size(); ++p) {
    im->pattern_len.push_back(static_cast<uint32_t>(im->patterns[p].size()));
    im->pattern_cplen.push_back(CountCps(im->patterns[p]));
    Impl::PatternInfo pi{};
    pi.len = im->pattern_len.back();
    pi.cplen = im->pattern_cplen.back();
    pi.terms_begin = static_cast<uint32_t>(im->term_list.size());
    if (im->pattern_terms[p].size() > 0xFFFF) return ResourceExhausted("同一词条重复超过 65535 次");
    pi.terms_count = static_cast<uint16_t>(im->pattern_terms[p].size());
    pi.is_context = im->pattern_is_context[p];
    for (uint32_t t : im->pattern_terms[p]) {
      im->term_list.push_back(t);
      if (!im->term_contexts[t].empty()) pi.has_contexts = 1;
    }
    im->info.push_back(pi);
  }

  bool use_hs = false;
  if (options.backend != MatcherBackend::kAhoCorasick) {
#if MINYI_HAVE_VECTORSCAN
    if (VectorscanAvailable()) {
      Status st = CompileVectorscan(*im);
      if (st.ok()) {
        use_hs = true;
      } else if (options.backend == MatcherBackend::kVectorscan) {
        return st;
      }
    }
#endif
    if (!use_hs && options.backend == MatcherBackend::kVectorscan) {
      return Unavailable("本机不支持 vectorscan（未编译进来或 CPU 不支持），请改用 Aho–Corasick 后端");
    }
  }
  if (use_hs) {
    im->backend = MatcherBackend::kVectorscan;
  } else {
    std::vector<std::string_view> views(im->patterns.begin(), im->patterns.end());
    MINYI_ASSIGN_OR_RETURN(AhoCorasick ac, AhoCorasick::Build(views, options.ascii_caseless));
    im->ac = std::move(ac);
    im->backend = MatcherBackend::kAhoCorasick;
  }
  return std::unique_ptr<LexiconMatcher>(new LexiconMatcher(std::move(im)));
}

Status LexiconMatcher::Impl::ScanInto(Slot& slot, std::string_view text, std::vector<RawHit>* out) const {
  out->clear();
  if (text.size() > 0xFFFFFFF0u) return ResourceExhausted("文本超过 4 GB，无法匹配");
  if (backend == MatcherBackend::kAhoCorasick) {
    ac->Scan(text, [out](uint32_t p, uint32_t end) { out->push_back({p, end}); });
    return Status::Ok();
  }
#if MINYI_HAVE_VECTORSCAN
  if (!db) return Status::Ok();
  if (!slot.scratch) {
    hs_scratch_t* scratch = nullptr;
    if (hs_clone_scratch(proto, &scratch) != HS_SUCCESS) return Internal("vectorscan 无法分配扫描空间");
    slot.scratch = scratch;
  }
  const hs_error_t rc = hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0,
                                static_cast<hs_scratch_t*>(slot.scratch), CollectHit, out);
  if (rc != HS_SUCCESS) return Internal("vectorscan 扫描失败（错误码 " + std::to_string(rc) + "）");
  // Block mode reports in end order; keep the contract even if a future
  // version does not.
  if (!std::is_sorted(out->begin(), out->end(), [](const RawHit& a, const RawHit& b) { return a.end < b.end; })) {
    std::stable_sort(out->begin(), out->end(), [](const RawHit& a, const RawHit& b) { return a.end < b.end; });
  }
  return Status::Ok();
#else
  return Internal("vectorscan 后端不可用");
#endif
}

Status LexiconMatcher::ScanRaw(std::string_view text, std::vector<RawHit>* out) const {
  auto slot = impl_->Acquire();
  Status st = impl_->ScanInto(*slot, text, out);
  impl_->Release(std::move(slot));
  return st;
}

Status LexiconMatcher::Match(std::string_view text, const MatchOptions& options, std::vector<LexiconHit>* hits) const {
  hits->clear();
  const Impl& im = *impl_;
  auto slot = im.Acquire();
  struct Return {
    const Impl& im;
    std::unique_ptr<Impl::Slot>& slot;
    ~Return() { im.Release(std::move(slot)); }
  } give_back{im, slot};
  std::vector<RawHit>& raw = slot->raw;
  MINYI_RETURN_IF_ERROR(im.ScanInto(*slot, text, &raw));

  // Whitelist occurrences as (pattern, begin), sorted for binary search.
  std::vector<std::pair<uint32_t, uint32_t>> contexts;
  if (im.any_contexts) {
    for (const RawHit& r : raw) {
      if (im.info[r.pattern].is_context) contexts.emplace_back(r.pattern, r.end - im.info[r.pattern].len);
    }
    std::sort(contexts.begin(), contexts.end());
  }

  // Code point offsets: raw hits arrive in end order, so one forward walk
  // over the text gives each end's code point index.
  hits->reserve(raw.size());
  size_t pos = 0;
  uint32_t cps = 0;
  for (const RawHit& r : raw) {
    const Impl::PatternInfo& pi = im.info[r.pattern];
    if (pi.terms_count == 0) continue;
    LexiconHit h;
    h.byte_end = r.end;
    h.byte_begin = r.end - pi.len;
    if (options.code_points) {
      pos = AdvanceCodePoints(text, pos, r.end, &cps);
      h.cp_end = cps;
      h.cp_begin = cps - pi.cplen;
    }
    for (uint32_t k = 0; k < pi.terms_count; ++k) {
      h.term = im.term_list[pi.terms_begin + k];
      h.suppressed_by = -1;
      if (pi.has_contexts) {
        uint32_t best_len = 0;
        for (const auto& [cp, cidx] : im.term_contexts[h.term]) {
          // A context of fixed length L covers the hit iff it starts in
          // [hit.end - L, hit.begin].
          const uint32_t len = im.pattern_len[cp];
          const uint32_t lo = h.byte_end >= len ? h.byte_end - len : 0;
          auto it = std::lower_bound(contexts.begin(), contexts.end(), std::make_pair(cp, lo));
          if (it != contexts.end() && it->first == cp && it->second <= h.byte_begin && len > best_len) {
            best_len = len;
            h.suppressed_by = static_cast<int32_t>(cidx);
          }
        }
        if (h.suppressed_by >= 0 && !options.keep_suppressed) continue;
      }
      hits->push_back(h);
    }
  }

  // Hits are in end order, so begin order is nearly there: insertion sort
  // costs O(hits + inversions), far below std::sort on dense texts.
  auto before = [](const LexiconHit& a, const LexiconHit& b) {
    if (a.byte_begin != b.byte_begin) return a.byte_begin < b.byte_begin;
    if (a.byte_end != b.byte_end) return a.byte_end > b.byte_end;
    return a.term < b.term;
  };
  // Many long overlapping terms could make that quadratic: past a budget of
  // moves, fall back to std::sort.
  size_t moves = 0;
  const size_t budget = 16 * hits->size() + 64;
  for (size_t i = 1; i < hits->size(); ++i) {
    LexiconHit h = (*hits)[i];
    size_t j = i;
    while (j > 0 && before(h, (*hits)[j - 1])) {
      (*hits)[j] = (*hits)[j - 1];
      --j;
      ++moves;
    }
    (*hits)[j] = h;
    if (moves > budget) {
      std::sort(hits->begin(), hits->end(), before);
      break;
    }
  }

  if (options.mode == MatchMode::kLeftmostLongest) {
    size_t w = 0;
    uint32_t cursor = 0;
    bool have_last = false;
    uint32_t last_begin = 0, last_end = 0;
    for (size_t i = 0; i < hits->size(); ++i) {
      const LexiconHit& h = (*hits)[i];
      bool keep;
      if (h.suppressed_by >= 0) {
        keep = true;  // explanations ride along; they never claim text
      } else if (have_last && h.byte_begin == last_begin && h.byte_end == last_end) {
        keep = true;
      } else if (h.byte_begin >= cursor) {
        keep = true;
        have_last = true;
        last_begin = h.byte_begin;
        last_end = h.byte_end;
        cursor = h.byte_end;
      } else {
        keep = false;
      }
      if (keep) (*hits)[w++] = h;
    }
    hits->resize(w);
  }
  return Status::Ok();
}

Result<std::vector<LexiconHit>> LexiconMatcher::Match(std::string_view text, const MatchOptions& options) const {
  std::vector<LexiconHit> hits;
  MINYI_RETURN_IF_ERROR(Match(text, options, &hits));
  return hits;
}

size_t LexiconMatcher::pattern_count() const { return impl_->patterns.size(); }
uint32_t LexiconMatcher::pattern_length(uint32_t pattern) const { return impl_->pattern_len[pattern]; }
const std::vector<uint32_t>& LexiconMatcher::pattern_terms(uint32_t pattern) const {
  return impl_->pattern_terms[pattern];
}
const Lexicon& LexiconMatcher::lexicon() const { return impl_->lexicon; }
MatcherBackend LexiconMatcher::backend() const { return impl_->backend; }

size_t LexiconMatcher::MemoryBytes() const {
  const Impl& im = *impl_;
  size_t bytes = 0;
  for (const auto& p : im.patterns) bytes += p.capacity() + sizeof(std::string);
  if (im.ac) bytes += im.ac->MemoryBytes();
#if MINYI_HAVE_VECTORSCAN
  if (im.db) {
    size_t db_size = 0;
    if (hs_database_size(im.db, &db_size) == HS_SUCCESS) bytes += db_size;
  }
#endif
  return bytes;
}

}  // namespace minyi
