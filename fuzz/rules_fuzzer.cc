// libFuzzer target: the topic rule parser and evaluator, the 方案 text form,
// the lexicon TSV loader (with an Aho–Corasick vs vectorscan cross-check on
// what it loads) and URL canonicalization. The first byte picks the parser;
// the rest is the input. Invariants: no crash, no hang, and both matcher
// backends agree hit for hit.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/dedup.h"
#include "text/lexicon.h"
#include "text/rules.h"

namespace {

constexpr std::string_view kDoc = "市环保局回应化工厂污染投诉，PX 项目暂停。site weibo.com";

void FuzzRule(std::string_view input) {
  minyi::RuleSet set;
  if (!set.Add("f", input).ok()) return;
  if (!set.Compile().ok()) std::abort();
  minyi::RuleDocument doc;
  doc.title = input;
  doc.text = kDoc;
  doc.site = "weibo.com";
  if (!set.Match(doc).ok()) std::abort();
}

void FuzzScheme(std::string_view input) {
  auto scheme = minyi::ParseRuleScheme(input);
  if (!scheme.ok()) return;
  minyi::RuleSet set;
  if (!set.AddScheme("s", *scheme).ok()) return;
  if (!set.Compile().ok()) std::abort();
  minyi::RuleDocument doc;
  doc.text = input;
  if (!set.Match(doc).ok()) std::abort();
}

void FuzzTsv(std::string_view input) {
  minyi::LexiconLimits limits;
  limits.max_terms = 2000;
  auto lex = minyi::Lexicon::ParseTsv(input, limits);
  if (!lex.ok()) return;
  auto again = minyi::Lexicon::ParseTsv(lex->ToTsv(), limits);
  if (!again.ok() || again->ToTsv() != lex->ToTsv()) std::abort();
  auto ac = minyi::LexiconMatcher::Compile(*lex, {minyi::MatcherBackend::kAhoCorasick, false});
  if (!ac.ok()) std::abort();
  minyi::MatchOptions opt;
  opt.keep_suppressed = true;
  auto a = (*ac)->Match(input, opt);
  if (!a.ok()) std::abort();
  if (minyi::VectorscanAvailable() && lex->size() <= 200) {
    auto hs = minyi::LexiconMatcher::Compile(*lex, {minyi::MatcherBackend::kVectorscan, false});
    if (!hs.ok()) std::abort();
    auto b = (*hs)->Match(input, opt);
    if (!b.ok() || *a != *b) std::abort();
  }
}

void FuzzUrl(std::string_view input) {
  auto url = minyi::CanonicalUrl(input);
  if (url.ok()) {
    auto twice = minyi::CanonicalUrl(*url);
    if (!twice.ok() || *twice != *url) std::abort();  // canonical form is a fixed point
  }
  (void)minyi::SimHash64(input);
  (void)minyi::MinHash(input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      FuzzRule(input);
      break;
    case 1:
      FuzzScheme(input);
      break;
    case 2:
      FuzzTsv(input);
      break;
    default:
      FuzzUrl(input);
      break;
  }
  return 0;
}
