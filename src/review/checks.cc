// Checker: lexicon loading, the lexicon scan with exempt contexts, the
// organisation whitelist, and the assembly of findings from every check.
#include "review/checks.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/resources.h"
#include "review/checks_internal.h"
#include "review/term_matcher.h"
#include "review/utf8.h"
#include "text/lexicon.h"

namespace minyi {

namespace ri = review_internal;

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "info";
}

std::string_view SeverityLabel(Severity s) {
  switch (s) {
    case Severity::kError:
      return "错误";
    case Severity::kWarning:
      return "警告";
    case Severity::kInfo:
      return "提示";
  }
  return "提示";
}

namespace {
constexpr std::string_view kCategoryNames[] = {"pii", "secrecy", "term", "prohibited", "typo", "typography"};
constexpr std::string_view kCategoryLabels[] = {"个人信息", "涉密标识", "规范表述", "禁用词语", "错别字", "标点符号"};
}  // namespace

std::string_view CategoryName(CheckCategory c) { return kCategoryNames[static_cast<int>(c)]; }
std::string_view CategoryLabel(CheckCategory c) { return kCategoryLabels[static_cast<int>(c)]; }

Result<Severity> ParseSeverity(std::string_view name) {
  if (name == "error") return Severity::kError;
  if (name == "warning") return Severity::kWarning;
  if (name == "info") return Severity::kInfo;
  return InvalidArgument("未知的严重程度：" + std::string(name) + "（可用 error、warning、info）");
}

Result<CheckCategory> ParseCategory(std::string_view name) {
  for (int i = 0; i < kCheckCategoryCount; ++i)
    if (kCategoryNames[i] == name) return static_cast<CheckCategory>(i);
  return InvalidArgument("未知的检查类别：" + std::string(name));
}

namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t pos = 0;
  for (;;) {
    size_t tab = line.find('\t', pos);
    cols.push_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return cols;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "a|b|c" -> trimmed non-empty items.
std::vector<std::string> SplitBar(std::string_view list) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p <= list.size()) {
    size_t bar = list.find('|', p);
    std::string_view item = Trim(list.substr(p, bar == std::string_view::npos ? std::string_view::npos : bar - p));
    if (!item.empty()) out.emplace_back(item);
    if (bar == std::string_view::npos) break;
    p = bar + 1;
  }
  return out;
}

// Expands "@name" items from the cue sets; false if a name is unknown.
bool ExpandCues(const std::vector<std::string>& items, const CueSets& sets, std::vector<std::string>* out,
                std::string* unknown) {
  for (const std::string& item : items) {
    if (item[0] != '@') {
      out->push_back(item);
      continue;
    }
    auto it = std::find_if(sets.begin(), sets.end(), [&](const auto& s) { return s.first == item.substr(1); });
    if (it == sets.end()) {
      *unknown = item;
      return false;
    }
    out->insert(out->end(), it->second.begin(), it->second.end());
  }
  return true;
}

// The sentence around [start, end): from after the previous 。！？；or line
// break to the next one (both excluded).
std::u32string_view SentenceAround(std::u32string_view text, size_t start, size_t end) {
  auto stop = [](char32_t c) {
    return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'\n' || c == U'!' || c == U'?';
  };
  size_t lo = start, hi = end;
  while (lo > 0 && !stop(text[lo - 1])) --lo;
  while (hi < text.size() && !stop(text[hi])) ++hi;
  return text.substr(lo, hi - lo);
}

bool ContainsAny(std::u32string_view sentence, const std::vector<std::u32string>& words) {
  for (const std::u32string& w : words)
    if (!w.empty() && sentence.find(w) != std::u32string_view::npos) return true;
  return false;
}

// Spans inside 《…》 on one line: titles of works are quoted verbatim, so a
// typo finding there is not the author's to fix.
std::vector<std::pair<size_t, size_t>> TitleSpans(const std::u32string& text) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != U'《') continue;
    for (size_t k = i + 1; k < text.size() && k < i + 100 && text[k] != U'\n' && text[k] != U'《'; ++k) {
      if (text[k] != U'》') continue;
      spans.emplace_back(i + 1, k);
      i = k;
      break;
    }
  }
  return spans;
}

struct PatternRef {
  std::vector<int32_t> terms;   // lexicon terms with this text
  std::vector<int32_t> exempt;  // terms this text exempts
  bool whitelist = false;
};

struct Occurrence {
  int32_t pattern;
  size_t start;
  size_t end;
};

}  // namespace

Result<std::vector<ReviewTerm>> ParseLexiconTsv(std::string_view tsv, std::string_view source_name,
                                                const CueSets& cue_sets) {
  std::vector<ReviewTerm> terms;
  size_t pos = 0;
  int line_no = 0;
  if (tsv.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line[0] == '#') continue;
    auto where = [&] { return std::string(source_name) + " 第 " + std::to_string(line_no) + " 行"; };
    std::vector<std::string_view> cols = SplitTabs(line);
    if (cols.size() < 4) return InvalidArgument(where() + "：至少需要 4 列（词语、规则、严重程度、建议）");
    ReviewTerm t;
    t.term = std::string(Trim(cols[0]));
    if (t.term.empty()) return InvalidArgument(where() + "：词语为空");
    if (!review_utf8::IsValid(t.term)) return InvalidArgument(where() + "：不是有效的 UTF-8");
    std::string_view rule = Trim(cols[1]);
    size_t dot = rule.find('.');
    auto cat = ParseCategory(rule.substr(0, dot));
    if (!cat.ok() || dot == std::string_view::npos)
      return InvalidArgument(where() + "：规则应写成“类别.名称”，如 term.institution");
    t.category = *cat;
    t.rule = std::string(rule);
    auto sev = ParseSeverity(Trim(cols[2]));
    if (!sev.ok()) return InvalidArgument(where() + "：" + sev.status().message());
    t.severity = *sev;
    t.suggestion = std::string(Trim(cols[3]));
    if (cols.size() > 4) t.note = std::string(Trim(cols[4]));
    if (cols.size() > 5) {
      for (std::string& item : SplitBar(cols[5])) {
        if (item.find(t.term) == std::string::npos)
          return InvalidArgument(where() + "：豁免语境“" + item + "”必须包含词语“" + t.term + "”");
        t.exempt.push_back(std::move(item));
      }
    }
    if (cols.size() > 6) t.skip_after = std::string(Trim(cols[6]));
    std::string unknown;
    if (cols.size() > 7 && !ExpandCues(SplitBar(cols[7]), cue_sets, &t.require_context, &unknown))
      return InvalidArgument(where() + "：未知的语境词表“" + unknown + "”");
    if (cols.size() > 8 && !ExpandCues(SplitBar(cols[8]), cue_sets, &t.exempt_context, &unknown))
      return InvalidArgument(where() + "：未知的语境词表“" + unknown + "”");
    terms.push_back(std::move(t));
  }
  return terms;
}

struct Checker::Impl {
  CheckerOptions options;
  std::vector<ReviewTerm> terms;
  std::vector<std::u32string> term_text;  // term i as code points
  std::vector<std::u32string> skip_after;
  std::vector<std::vector<std::u32string>> require_context, exempt_context;
  std::vector<std::u32string> current_name;  // term category: the suggestion up to any “（”
  CueSets cue_sets;
  std::vector<std::string> whitelist;
  // Pattern table for the matcher: distinct strings with what they mean.
  std::vector<PatternRef> refs;
  // The shared matcher (text/lexicon.h: vectorscan or Aho–Corasick), one
  // lexicon term per distinct pattern so its term index is our pattern id.
  // The internal matcher is the fallback should it refuse to compile.
  std::unique_ptr<LexiconMatcher> shared;
  ri::TermMatcher matcher;
  std::vector<size_t> pattern_cps;  // length of each pattern in code points

  // Calls fn(pattern, start, end) (code points) for every occurrence.
  template <typename Fn>
  void Scan(std::string_view utf8, const std::u32string& text, Fn&& fn) const {
    if (!shared) {
      matcher.Scan(text, fn);
      return;
    }
    std::vector<LexiconMatcher::RawHit> raw;
    if (!shared->ScanRaw(utf8, &raw).ok()) {
      matcher.Scan(text, fn);
      return;
    }
    // Byte offset -> code point offset, at character boundaries.
    std::vector<uint32_t> cp_at(utf8.size() + 1, 0);
    size_t pos = 0;
    uint32_t cp = 0;
    while (pos < utf8.size()) {
      size_t before = pos;
      review_utf8::Next(utf8, &pos);
      for (size_t b = before; b < pos; ++b) cp_at[b] = cp;
      ++cp;
    }
    cp_at[utf8.size()] = cp;
    for (const LexiconMatcher::RawHit& r : raw) {
      for (uint32_t term : shared->pattern_terms(r.pattern)) {
        size_t end = cp_at[r.end];
        fn(static_cast<int32_t>(term), end - pattern_cps[term], end);
      }
    }
  }

  // A skip character right before the term, or before its 国家 prefix
  // (原国家环保局 as well as 原环保局).
  bool Skipped(const std::u32string& text, size_t start, int32_t term_id) const {
    const std::u32string& skip = skip_after[term_id];
    if (skip.empty() || start == 0) return false;
    if (start >= 3 && text.compare(start - 2, 2, U"国家") == 0) start -= 2;
    return skip.find(text[start - 1]) != std::u32string::npos;
  }

  bool SentenceAllows(const std::u32string& text, const Occurrence& h, int32_t term_id) const {
    const auto& need = require_context[term_id];
    const auto& avoid = exempt_context[term_id];
    const std::u32string& now = current_name[term_id];
    if (need.empty() && avoid.empty() && now.empty()) return true;
    std::u32string_view sentence = SentenceAround(text, h.start, h.end);
    if (!need.empty() && !ContainsAny(sentence, need)) return false;
    if (ContainsAny(sentence, avoid)) return false;
    // The current name in the same sentence: the renaming itself is the topic.
    return now.empty() || now == term_text[term_id] || sentence.find(now) == std::u32string_view::npos;
  }

  void Rebuild() {
    std::map<std::u32string, int32_t> index;
    std::vector<std::u32string> patterns;
    refs.clear();
    auto slot = [&](const std::u32string& s) {
      auto [it, inserted] = index.emplace(s, static_cast<int32_t>(patterns.size()));
      if (inserted) {
        patterns.push_back(s);
        refs.emplace_back();
      }
      return it->second;
    };
    term_text.clear();
    skip_after.clear();
    require_context.clear();
    exempt_context.clear();
    current_name.clear();
    auto u32s = [](const std::vector<std::string>& v) {
      std::vector<std::u32string> out;
      for (const std::string& s : v) out.push_back(review_utf8::ToU32(s));
      return out;
    };
    for (size_t i = 0; i < terms.size(); ++i) {
      term_text.push_back(review_utf8::ToU32(terms[i].term));
      skip_after.push_back(review_utf8::ToU32(terms[i].skip_after));
      require_context.push_back(u32s(terms[i].require_context));
      exempt_context.push_back(u32s(terms[i].exempt_context));
      std::string name = terms[i].category == CheckCategory::kTerm
                             ? terms[i].suggestion.substr(0, terms[i].suggestion.find("（"))
                             : std::string();
      current_name.push_back(review_utf8::ToU32(name));
      refs[slot(term_text.back())].terms.push_back(static_cast<int32_t>(i));
      for (const std::string& e : terms[i].exempt)
        refs[slot(review_utf8::ToU32(e))].exempt.push_back(static_cast<int32_t>(i));
    }
    for (const std::string& w : whitelist) refs[slot(review_utf8::ToU32(w))].whitelist = true;
    matcher.Build(patterns);
    pattern_cps.clear();
    Lexicon lexicon;
    bool ok = true;
    for (const std::u32string& p : patterns) {
      pattern_cps.push_back(p.size());
      ok = ok && lexicon.Add(LexiconTerm{review_utf8::FromU32(p), "", 1, "", {}}).ok();
    }
    shared.reset();
    if (ok) {
      auto compiled = LexiconMatcher::Compile(std::move(lexicon));
      if (compiled.ok()) shared = std::move(compiled).value();
    }
  }
};

Checker::Checker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Checker::Checker(Checker&&) noexcept = default;
Checker& Checker::operator=(Checker&&) noexcept = default;
Checker::~Checker() = default;

Result<Checker> Checker::Create(const CheckerOptions& options) {
  std::string dir = options.data_dir.empty() ? ResourceDir() + "/data/review" : options.data_dir;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return NotFound("找不到审校词库目录：" + dir);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string p = entry.path().string();
    std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".tsv" || name == "whitelist.txt" ||
        (name.starts_with("cues_") && entry.path().extension() == ".txt"))
      files.push_back(p);
  }
  if (ec) return IoError("无法读取审校词库目录：" + dir);
  std::sort(files.begin(), files.end());
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // Cue sets and the whitelist first (one phrase per line), then the lexicons.
  std::vector<std::pair<std::string, std::string>> lexicons;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return IoError("无法读取词库文件：" + path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string name = std::filesystem::path(path).filename().string();
    if (name.ends_with(".tsv")) {
      lexicons.emplace_back(name, ss.str());
      continue;
    }
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(ss, line)) {
      std::string_view w = Trim(line);
      if (!w.empty() && w[0] != '#') lines.emplace_back(w);
    }
    if (name == "whitelist.txt") {
      impl->whitelist = std::move(lines);
    } else {
      impl->cue_sets.emplace_back(name.substr(5, name.size() - 9), std::move(lines));  // cues_<name>.txt
    }
  }
  for (const auto& [name, tsv] : lexicons) {
    MINYI_ASSIGN_OR_RETURN(std::vector<ReviewTerm> terms, ParseLexiconTsv(tsv, name, impl->cue_sets));
    for (ReviewTerm& t : terms) impl->terms.push_back(std::move(t));
  }
  impl->Rebuild();
  return Checker(std::move(impl));
}

Checker Checker::FromTerms(std::vector<ReviewTerm> terms, const CheckerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->terms = std::move(terms);
  for (ReviewTerm& t : impl->terms)
    if (t.rule.empty()) t.rule = std::string(CategoryName(t.category)) + ".lexicon";
  impl->Rebuild();
  return Checker(std::move(impl));
}

Status Checker::AddTerms(const std::vector<ReviewTerm>& terms) {
  for (const ReviewTerm& t : terms) {
    if (t.term.empty()) return InvalidArgument("词语不能为空");
    if (!review_utf8::IsValid(t.term)) return InvalidArgument("词语不是有效的 UTF-8：" + t.term);
    for (const std::string& e : t.exempt)
      if (e.find(t.term) == std::string::npos)
        return InvalidArgument("豁免语境“" + e + "”必须包含词语“" + t.term + "”");
  }
  for (ReviewTerm t : terms) {
    if (t.rule.empty()) t.rule = std::string(CategoryName(t.category)) + ".lexicon";
    impl_->terms.push_back(std::move(t));
  }
  impl_->Rebuild();
  return Status::Ok();
}

Status Checker::AddTermsTsv(std::string_view tsv, std::string_view source_name) {
  MINYI_ASSIGN_OR_RETURN(std::vector<ReviewTerm> terms, ParseLexiconTsv(tsv, source_name, impl_->cue_sets));
  return AddTerms(terms);
}

void Checker::AddWhitelist(std::string_view phrase) {
  phrase = Trim(phrase);
  if (phrase.empty() || !review_utf8::IsValid(phrase)) return;
  impl_->whitelist.emplace_back(phrase);
  impl_->Rebuild();
}

void Checker::SetEnabled(CheckCategory category, bool enabled) {
  impl_->options.enabled[static_cast<int>(category)] = enabled;
}

size_t Checker::term_count() const { return impl_->terms.size(); }

std::vector<RuleInfo> Checker::Rules() const {
  std::vector<RuleInfo> rules = {
      {"pii.id_card", CheckCategory::kPii, Severity::kError, "居民身份证号码（18 位校验码与出生日期有效；15 位旧号）"},
      {"pii.mobile", CheckCategory::kPii, Severity::kWarning, "手机号码（含空格、短横线、+86 写法）"},
      {"pii.bank_card", CheckCategory::kPii, Severity::kError, "银行卡号（Luhn 校验且发卡行前缀已知）"},
      {"pii.passport", CheckCategory::kPii, Severity::kError, "护照号码"},
      {"pii.email", CheckCategory::kPii, Severity::kInfo, "电子邮件地址"},
      {"secrecy.classification_mark", CheckCategory::kSecrecy, Severity::kError,
       "国家秘密密级标志（绝密★、机密★、秘密★）"},
      {"typography.halfwidth_punct", CheckCategory::kTypography, Severity::kWarning, "中文中的半角标点"},
      {"typography.halfwidth_paren", CheckCategory::kTypography, Severity::kInfo, "中文中的半角括号"},
      {"typography.straight_quote", CheckCategory::kTypography, Severity::kWarning, "中文中的直引号"},
      {"typography.unmatched", CheckCategory::kTypography, Severity::kWarning, "成对标点不配对"},
      {"typography.doubled_punct", CheckCategory::kTypography, Severity::kWarning, "标点重复"},
      {"typography.ellipsis", CheckCategory::kTypography, Severity::kWarning, "省略号写法"},
      {"typography.dash", CheckCategory::kTypography, Severity::kWarning, "破折号写法"},
      {"typography.space_between_han", CheckCategory::kTypography, Severity::kInfo, "汉字之间的空格"},
  };
  std::set<std::string> seen;
  for (const RuleInfo& r : rules) seen.insert(r.id);
  for (const ReviewTerm& t : impl_->terms) {
    if (!seen.insert(t.rule).second) continue;
    rules.push_back({t.rule, t.category, t.severity, "词库规则（" + std::string(CategoryLabel(t.category)) + "）"});
  }
  return rules;
}

std::vector<Finding> Checker::Check(std::string_view utf8_text) const {
  const Impl& im = *impl_;
  auto enabled = [&](CheckCategory c) { return im.options.enabled[static_cast<int>(c)]; };
  std::u32string text = review_utf8::ToU32(utf8_text);
  std::vector<Finding> found;
  if (enabled(CheckCategory::kPii)) ri::CheckPii(text, &found);
  if (enabled(CheckCategory::kSecrecy)) ri::CheckClassificationMarks(text, &found);
  if (enabled(CheckCategory::kTypography)) ri::CheckTypography(text, &found);

  // One pass of the matcher finds terms, exempt contexts and whitelist entries.
  std::vector<Occurrence> term_hits;
  std::vector<Occurrence> exempt_hits;
  std::vector<std::pair<size_t, size_t>> white_hits;
  im.Scan(utf8_text, text, [&](int32_t id, size_t start, size_t end) {
    const PatternRef& ref = im.refs[id];
    if (!ref.terms.empty()) term_hits.push_back({id, start, end});
    if (!ref.exempt.empty()) exempt_hits.push_back({id, start, end});
    if (ref.whitelist) white_hits.emplace_back(start, end);
  });
  std::sort(exempt_hits.begin(), exempt_hits.end(),
            [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
  size_t max_exempt = 0;
  for (const Occurrence& e : exempt_hits) max_exempt = std::max(max_exempt, e.end - e.start);

  // Longest match wins within a category: 国家工商行政管理总局 over 工商行政管理局.
  std::sort(term_hits.begin(), term_hits.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::array<size_t, kCheckCategoryCount> covered_until{};
  for (const Occurrence& h : term_hits) {
    for (int32_t term_id : im.refs[h.pattern].terms) {
      const ReviewTerm& term = im.terms[term_id];
      if (!enabled(term.category)) continue;
      size_t& until = covered_until[static_cast<int>(term.category)];
      if (h.start < until) continue;
      // Exempt when a listed context of this term covers the hit.
      bool exempt = false;
      auto lo =
          std::lower_bound(exempt_hits.begin(), exempt_hits.end(), h.start >= max_exempt ? h.start - max_exempt : 0,
                           [](const Occurrence& a, size_t v) { return a.start < v; });
      for (auto it = lo; it != exempt_hits.end() && it->start <= h.start && !exempt; ++it) {
        if (it->end < h.end) continue;
        const std::vector<int32_t>& owners = im.refs[it->pattern].exempt;
        for (int32_t o : owners) exempt = exempt || im.term_text[o] == im.term_text[term_id];
      }
      exempt = exempt || im.Skipped(text, h.start, term_id) || !im.SentenceAllows(text, h, term_id);
      if (exempt) continue;
      until = h.end;
      Finding f;
      f.rule = term.rule;
      f.category = term.category;
      f.severity = term.severity;
      f.start = h.start;
      f.end = h.end;
      f.suggestion = term.suggestion;
      f.message = term.note;
      if (f.message.empty()) {
        f.message = std::string(CategoryLabel(term.category)) + "：“" + term.term + "”";
        if (!term.suggestion.empty()) f.message += "，建议改为“" + term.suggestion + "”";
      }
      found.push_back(std::move(f));
      break;
    }
  }

  // Titles of works are quoted verbatim: no typo findings inside 《…》.
  auto titles = TitleSpans(text);
  std::erase_if(found, [&](const Finding& f) {
    if (f.category != CheckCategory::kTypo) return false;
    return std::any_of(titles.begin(), titles.end(),
                       [&](const auto& t) { return t.first <= f.start && f.end <= t.second; });
  });

  // Whitelist: drop findings inside a whitelisted phrase occurrence.
  if (!white_hits.empty()) {
    std::sort(white_hits.begin(), white_hits.end());
    std::erase_if(found, [&](const Finding& f) {
      for (const auto& [s, e] : white_hits) {
        if (s > f.start) break;
        if (e >= f.end) return true;
      }
      return false;
    });
  }

  // Lines and columns (1-based, code points).
  std::vector<size_t> line_starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  for (Finding& f : found) {
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), f.start);
    size_t line = static_cast<size_t>(it - line_starts.begin());
    f.line = static_cast<int>(line);
    f.column = static_cast<int>(f.start - line_starts[line - 1] + 1);
    f.text = review_utf8::FromU32(std::u32string_view(text).substr(f.start, f.end - f.start));
  }
  std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    return a.start != b.start ? a.start < b.start : a.rule < b.rule;
  });
  return found;
}

}  // namespace minyi
