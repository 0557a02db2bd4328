// Lexicon matching throughput: the Minyi matcher against raw vectorscan on
// the same 50,000-term lexicon and the same text.
//
// Terms are every 6th word of at least two characters from jieba's dict.txt
// (Debian python3-jieba), up to 50,000; the text is random dict words (seeded)
// with punctuation, so matches are dense like real Chinese news. Raw
// vectorscan = hs_scan with a no-op callback (the floor any wrapper pays);
// Minyi = LexiconMatcher::Match (all hits collected, byte and code point
// offsets, sorted). Prints MB/s for each and the ratio (target >= 0.8).
//
// Usage: bench_lexicon_bench [dict.txt] [text_mb] [doc_kb]
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "text/lexicon.h"
#include "text/rules.h"
#include "text/utf8.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> LoadDictWords(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    const size_t sp = line.find(' ');
    words.push_back(line.substr(0, sp));
  }
  return words;
}

template <typename F>
double BestMbPerSec(size_t bytes, int reps, F&& f) {
  double best = 0;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    f();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    best = std::max(best, static_cast<double>(bytes) / (1 << 20) / s);
  }
  return best;
}

int NoOp(unsigned, unsigned long long, unsigned long long, unsigned, void*) { return 0; }

}  // namespace

int main(int argc, char** argv) {
  const std::string dict = argc > 1 ? argv[1] : "/usr/lib/python3/dist-packages/jieba/dict.txt";
  const size_t text_mb = argc > 2 ? std::stoul(argv[2]) : 16;
  const size_t doc_kb = argc > 3 ? std::stoul(argv[3]) : 4;

  std::vector<std::string> words = LoadDictWords(dict);
  if (words.size() < 100000) {
    std::fprintf(stderr, "cannot read %s (need python3-jieba)\n", dict.c_str());
    return 2;
  }
  minyi::Lexicon lex;
  for (size_t i = 0; i < words.size() && lex.size() < 50000; i += 6) {
    if (minyi::utf8::CountCodePoints(words[i]) < 2) continue;
    minyi::LexiconTerm t;
    t.text = words[i];
    if (!lex.Add(std::move(t)).ok()) continue;
  }
  std::mt19937 rng(42);
  std::string text;
  const char* punct[] = {"，", "。", "、", " ", "的", "了"};
  while (text.size() < text_mb << 20) {
    text += words[rng() % words.size()];
    if (rng() % 4 == 0) text += punct[rng() % 6];
  }
  std::vector<std::string_view> docs;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = std::min(text.size(), pos + (doc_kb << 10));
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    docs.emplace_back(text.data() + pos, end - pos);
    pos = end;
  }

  // Raw vectorscan over the same distinct literals.
  std::vector<std::string> uniq;
  for (const auto& t : lex.terms()) uniq.push_back(t.text);
  std::sort(uniq.begin(), uniq.end());
  uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags(uniq.size(), 0), ids(uniq.size());
  for (size_t i = 0; i < uniq.size(); ++i) {
    exprs.push_back(uniq[i].data());
    lens.push_back(uniq[i].size());
    ids[i] = static_cast<unsigned>(i);
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  auto t0 = Clock::now();
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::fprintf(stderr, "hs compile failed\n");
    return 1;
  }
  const double hs_compile_s = std::chrono::duration<double>(Clock::now() - t0).count();
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);

  t0 = Clock::now();
  auto matcher = minyi::LexiconMatcher::Compile(lex, {minyi::MatcherBackend::kVectorscan, false});
  const double minyi_compile_s = std::chrono::duration<double>(Clock::now() - t0).count();
  t0 = Clock::now();
  auto ac = minyi::LexiconMatcher::Compile(lex, {minyi::MatcherBackend::kAhoCorasick, false});
  const double ac_compile_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!matcher.ok() || !ac.ok()) {
    std::fprintf(stderr, "compile failed\n");
    return 1;
  }

  size_t hits_total = 0;
  std::vector<minyi::LexiconHit> hits;
  const int reps = 5;
  std::printf("lexicon: %zu terms; text: %.1f MB in %zu documents of ~%zu KB\n", lex.size(), text.size() / 1048576.0,
              docs.size(), doc_kb);
  std::printf("compile: raw vectorscan %.2f s, Minyi(vectorscan) %.2f s, Minyi(Aho-Corasick) %.2f s\n", hs_compile_s,
              minyi_compile_s, ac_compile_s);

  // The machine may be shared: interleave the runs and keep each one's best.
  minyi::MatchOptions ll;
  ll.mode = minyi::MatchMode::kLeftmostLongest;
  double raw = 0, mine = 0, mine_ll = 0;
  for (int r = 0; r < reps; ++r) {
    raw = std::max(raw, BestMbPerSec(text.size(), 1, [&] {
                     for (auto d : docs)
                       hs_scan(db, d.data(), static_cast<unsigned>(d.size()), 0, scratch, NoOp, nullptr);
                   }));
    mine = std::max(mine, BestMbPerSec(text.size(), 1, [&] {
                      hits_total = 0;
                      for (auto d : docs) {
                        (void)(*matcher)->Match(d, {}, &hits);
                        hits_total += hits.size();
                      }
                    }));
    mine_ll = std::max(mine_ll, BestMbPerSec(text.size(), 1, [&] {
                         for (auto d : docs) (void)(*matcher)->Match(d, ll, &hits);
                       }));
  }
  const double mine_ac = BestMbPerSec(text.size(), 1, [&] {
    for (auto d : docs) (void)(*ac)->Match(d, {}, &hits);
  });
  std::printf("hits (overlapping): %zu (%.1f per KB)\n", hits_total, hits_total / (text.size() / 1024.0));
  std::printf("raw vectorscan (no-op callback):   %8.1f MB/s\n", raw);
  std::printf("Minyi matcher, overlapping:        %8.1f MB/s  ratio %.2f\n", mine, mine / raw);
  std::printf("Minyi matcher, leftmost-longest:   %8.1f MB/s  ratio %.2f\n", mine_ll, mine_ll / raw);
  std::printf("Minyi Aho-Corasick backend:        %8.1f MB/s  ratio %.2f\n", mine_ac, mine_ac / raw);

  // Rules: one rule vs 1,000 rules of 3–6 dict words each over the same
  // documents — one scan per field serves them all.
  for (int nrules : {1, 1000}) {
    minyi::RuleSet set;
    for (int r = 0; r < nrules; ++r) {
      auto w = [&] { return "\"" + words[rng() % words.size()] + "\""; };
      const std::string expr = "(" + w() + " | " + w() + " | " + w() + ") (" + w() + " | " + w() + ") -" + w();
      if (!set.Add("r" + std::to_string(r), expr).ok()) continue;
    }
    if (!set.Compile().ok()) return 1;
    size_t matched = 0;
    const auto t1 = Clock::now();
    for (auto d : docs) {
      minyi::RuleDocument doc;
      doc.text = d;
      auto m = set.Match(doc);
      if (m.ok()) matched += m->size();
    }
    const double s = std::chrono::duration<double>(Clock::now() - t1).count();
    std::printf("RuleSet with %4d rules (%zu terms): %8.1f MB/s, %zu rule matches\n", nrules, set.term_count(),
                text.size() / 1048576.0 / s, matched);
  }
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
