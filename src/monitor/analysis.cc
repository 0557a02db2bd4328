#include "monitor/analysis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "common/resources.h"
#include "text/dedup.h"
#include "text/keywords.h"
#include "text/utf8.h"

namespace minyi {
namespace {

// Letters of a search term: ASCII letters/digits and non-ASCII letters, not
// the punctuation blocks (so 「」，。 never become terms).
bool IsTermChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;  // CJK compatibility forms
  if (c >= 0xFF00 && c <= 0xFFEF) return false;  // full-width forms (already folded)
  if (c == 0xFFFD || c == 0x00A0) return false;
  return true;
}

char32_t LowerAscii(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

void AppendTerm(std::string& out, std::u32string_view cps) {
  if (!out.empty()) out += ' ';
  for (char32_t c : cps) utf8::Append(out, LowerAscii(c));
}

std::string CutText(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut));
}

// Finds, once, every code point the full normalizer turns into something
// else that the fast one (no OpenCC) does not: all candidates on their own
// line through both, compared line by line.
Status BuildT2sTable(TextTools& tools) {
  tools.t2s_changes.assign(TextTools::kT2sTableSize, false);
  std::string all;
  std::vector<char32_t> cps;
  auto add_range = [&](char32_t a, char32_t b) {
    for (char32_t c = a; c <= b; ++c) {
      cps.push_back(c);
      utf8::Append(all, c);
      all += '\n';
    }
  };
  add_range(0x2E80, 0x2FDF);  // radicals
  add_range(0x3400, 0x4DBF);  // extension A
  add_range(0x4E00, 0x9FFF);  // unified ideographs
  add_range(0xF900, 0xFAFF);  // compatibility ideographs
  add_range(0x20000, 0x2FA1F);
  MINYI_ASSIGN_OR_RETURN(NormalizedText full, tools.normalizer->Normalize(all));
  MINYI_ASSIGN_OR_RETURN(NormalizedText fast, tools.fast_normalizer->Normalize(all));
  auto lines = [](const std::string& s) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\n') {
        out.emplace_back(s.data() + start, i - start);
        start = i + 1;
      }
    }
    return out;
  };
  auto a = lines(full.text), b = lines(fast.text);
  if (a.size() != cps.size() || b.size() != cps.size()) {
    // Unexpected shape: mark everything, so the full normalizer always runs.
    tools.t2s_changes.assign(TextTools::kT2sTableSize, true);
    return Status::Ok();
  }
  for (size_t i = 0; i < cps.size(); ++i) {
    if (a[i] != b[i]) tools.t2s_changes[cps[i]] = true;
  }
  return Status::Ok();
}

}  // namespace

Result<NormalizedText> NormalizeFast(const TextTools& tools, std::string_view text) {
  if (!tools.fast_normalizer) return tools.normalizer->Normalize(text);
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    size_t len = 1;
    char32_t cp = utf8::DecodeOne(text, pos, &len);
    if (cp >= TextTools::kT2sTableSize || tools.t2s_changes[cp]) return tools.normalizer->Normalize(text);
    pos += len;
  }
  return tools.fast_normalizer->Normalize(text);
}

Result<std::shared_ptr<const TextTools>> LoadTextTools(const std::string& resource_dir) {
  std::string dir = resource_dir.empty() ? ResourceDir() : resource_dir;
  auto tools = std::make_shared<TextTools>();
  MINYI_ASSIGN_OR_RETURN(tools->normalizer, Normalizer::Create());
  NormalizeOptions fast;
  fast.traditional_to_simplified = false;
  MINYI_ASSIGN_OR_RETURN(tools->fast_normalizer, Normalizer::Create(fast));
  MINYI_RETURN_IF_ERROR(BuildT2sTable(*tools));
  MINYI_ASSIGN_OR_RETURN(Segmenter seg, Segmenter::Load(dir));
  tools->segmenter = std::make_shared<const Segmenter>(std::move(seg));
  MINYI_ASSIGN_OR_RETURN(tools->idf, IdfTable::Load(dir + "/dict/jieba_idf.bin"));
  LocalFileSystem fs;
  MINYI_ASSIGN_OR_RETURN(std::string stop, fs.ReadFile(dir + "/data/text/stopwords.txt", 4u << 20));
  for (const std::string& w : KeywordExtractor::ParseStopWords(stop)) tools->stop_words.insert(w);
  MINYI_ASSIGN_OR_RETURN(SentimentModel model, SentimentModel::LoadDefault(tools->segmenter));
  tools->sentiment = std::make_shared<const SentimentModel>(std::move(model));
  return std::shared_ptr<const TextTools>(std::move(tools));
}

std::string DedupKey(const RawItem& item) {
  if (!item.external_id.empty()) return "s" + std::to_string(item.source_id) + ":" + item.external_id;
  if (!item.url.empty()) {
    auto canon = CanonicalUrl(item.url);
    if (canon.ok()) return "u:" + *canon;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(Hash64(item.outlet + "\x1f" + item.title + "\x1f" + item.text)));
  return std::string("h:") + buf;
}

std::string IndexTerms(const Segmenter& segmenter, std::string_view normalized, bool with_bigrams) {
  std::u32string cps = utf8::ToU32(normalized);
  return IndexTermsOfTokens(cps, segmenter.CutCodePoints(cps, true), with_bigrams);
}

std::string IndexTermsOfTokens(std::u32string_view cps, const std::vector<Token>& tokens, bool with_bigrams) {
  std::string out;
  out.reserve(cps.size() * 4);
  for (const Token& t : tokens) {
    // A token may mix letters and punctuation ("COVID-19"); each run of term
    // letters is a term of its own, as the FTS tokenizer would split it.
    uint32_t i = t.begin;
    while (i < t.end) {
      while (i < t.end && !IsTermChar(cps[i])) ++i;
      uint32_t j = i;
      while (j < t.end && IsTermChar(cps[j])) ++j;
      size_t n = j - i;
      if (n >= 2) {
        std::u32string_view run(cps.data() + i, n);
        AppendTerm(out, run);
        if (with_bigrams && n >= 3 && run[0] >= 0x80) {
          for (size_t k = 0; k + 2 <= n; ++k) AppendTerm(out, run.substr(k, 2));
        }
      }
      i = j;
    }
  }
  return out;
}

std::vector<WeightedWord> TfIdfKeywords(const TextTools& tools, std::string_view text, const std::vector<Token>& tokens,
                                        size_t top) {
  // Views into `text`, no per-token strings: this runs for every item.
  std::unordered_map<std::string_view, std::pair<int, size_t>> counts;  // word -> (count, first position)
  counts.reserve(tokens.size());
  std::string lower;
  int total = 0;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.end - t.begin < 2) continue;
    std::string_view w = text.substr(t.byte_begin, t.byte_end - t.byte_begin);
    bool blank = std::all_of(w.begin(), w.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
    if (blank) continue;
    bool upper = std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (upper) {
      lower.assign(w);
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    if (tools.stop_words.count(upper ? std::string_view(lower) : w)) continue;
    auto [it, inserted] = counts.try_emplace(w, 0, k);
    it->second.first++;
    ++total;
  }
  struct Scored {
    std::string_view word;
    double weight;
    size_t first;
  };
  std::vector<Scored> all;
  all.reserve(counts.size());
  for (auto& [w, cp] : counts) all.push_back({w, cp.first * tools.idf->Idf(w) / std::max(1, total), cp.second});
  auto better = [](const Scored& a, const Scored& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.first < b.first;
  };
  size_t keep = std::min(top, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(keep), all.end(), better);
  // Strings only for the kept words.
  std::vector<WeightedWord> out;
  out.reserve(keep);
  for (size_t i = 0; i < keep; ++i) out.push_back(WeightedWord{std::string(all[i].word), all[i].weight});
  return out;
}

ItemAnalysis AnalyzeItem(const TextTools& tools, const CompiledTopics* topics, const RawItem& item) {
  ItemAnalysis a;
  auto title = NormalizeFast(tools, CutText(item.title, 4096));
  auto text = NormalizeFast(tools, CutText(item.text, kMaxAnalyzedBytes));
  a.norm_title = title.ok() ? title->text : item.title;
  a.norm_text = text.ok() ? text->text : CutText(item.text, kMaxAnalyzedBytes);
  a.search_text = a.norm_title + "\n" + a.norm_text;
  a.dedup_key = DedupKey(item);
  // Titles are often rewritten by re-posters; the body is the story. Short
  // bodies (posts) fall back to title + body.
  std::string_view basis = a.norm_text.size() >= 60 ? std::string_view(a.norm_text) : std::string_view(a.search_text);
  a.exact_hash = ExactTextHash(basis);
  a.simhash = SimHash64(basis);

  std::vector<Token> tokens;
  if (auto cut = tools.segmenter->Cut(a.search_text, true); cut.ok()) tokens = std::move(*cut);
  a.keywords = TfIdfKeywords(tools, a.search_text, tokens, kItemKeywords);
  a.index_terms = IndexTermsOfTokens(utf8::ToU32(a.search_text), tokens, true);
  // The same tokens: the model does not segment the text again.
  if (tools.sentiment) a.sentiment = tools.sentiment->Predict(a.search_text, tokens);  // else neutral

  if (topics && !topics->empty()) {
    RuleDocument doc{a.norm_title, a.norm_text, item.outlet, item.site};
    if (auto matches = topics->rules.Match(doc); matches.ok()) {
      for (const RuleMatch& m : *matches) a.topic_ids.push_back(std::strtoll(m.id.c_str(), nullptr, 10));
      std::sort(a.topic_ids.begin(), a.topic_ids.end());
    }
  }
  return a;
}

}  // namespace minyi
