// Review checks: speed on a 100,000-character document and false findings on
// error-free public sentences.
//
// 1. Speed: a 100,000-code-point document (the clean test prose from
//    tests/review/testdata repeated, with planted problems of every category
//    every ~2,000 characters) checked with every rule on, best of N runs on
//    one core. Target < 50 ms. Peer, side by side: the floor of any lexicon
//    scan — one std::string_view::find pass per lexicon term over the same
//    text (no pattern rules, no bookkeeping) — printed as a ratio.
// 2. False findings: every row of ../shared/eval/spelling/fp_rmrb_correct.tsv
//    and fp_xxqg_correct.tsv is error-free, so every finding is false. The
//    sets use half-width ",;:?!" (xxqg) — the README asks to normalise before
//    scoring — so half-width ,;:?!() next to Han characters are mapped to
//    full width first and the typography rules are reported separately.
//
// Usage: review_bench [data_dir] [eval_dir] [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "review/checks.h"
#include "review/utf8.h"

namespace {

using minyi::review_utf8::CountCodePoints;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Normalise(const std::string& s) {
  std::u32string t = minyi::review_utf8::ToU32(s);
  auto han = [](char32_t c) { return minyi::review_utf8::IsHan(c); };
  for (size_t i = 0; i < t.size(); ++i) {
    char32_t prev = i > 0 ? t[i - 1] : 0;
    char32_t next = i + 1 < t.size() ? t[i + 1] : 0;
    if (!(han(prev) || han(next))) continue;
    switch (t[i]) {
      case ',':
        t[i] = U'，';
        break;
      case ';':
        t[i] = U'；';
        break;
      case ':':
        t[i] = U'：';
        break;
      case '?':
        t[i] = U'？';
        break;
      case '!':
        t[i] = U'！';
        break;
      case '(':
        t[i] = U'（';
        break;
      case ')':
        t[i] = U'）';
        break;
      default:
        break;
    }
  }
  return minyi::review_utf8::FromU32(t);
}

void FalseFindings(const minyi::Checker& checker, const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::printf("%s: missing, skipped\n", path.c_str());
    return;
  }
  std::string line;
  size_t rows = 0, chars = 0, total = 0, non_typo = 0, rows_hit = 0;
  std::map<std::string, size_t> by_rule;
  std::vector<std::string> samples;
  while (std::getline(in, line)) {
    std::string sentence = Normalise(line.substr(0, line.find('\t')));
    ++rows;
    chars += CountCodePoints(sentence);
    auto fs = checker.Check(sentence);
    if (!fs.empty()) ++rows_hit;
    for (const minyi::Finding& f : fs) {
      ++total;
      ++by_rule[f.rule];
      if (f.category != minyi::CheckCategory::kTypography) ++non_typo;
      if (samples.size() < 12) samples.push_back(f.rule + " “" + f.text + "” in: " + sentence.substr(0, 120));
    }
  }
  std::printf(
      "%s: rows=%zu chars=%zu findings=%zu (%.2f per 10k chars; %zu rows hit = %.2f%%); "
      "excluding typography: %zu (%.2f per 10k chars)\n",
      path.substr(path.rfind('/') + 1).c_str(), rows, chars, total, 1e4 * total / std::max<size_t>(chars, 1), rows_hit,
      100.0 * rows_hit / std::max<size_t>(rows, 1), non_typo, 1e4 * non_typo / std::max<size_t>(chars, 1));
  for (const auto& [rule, n] : by_rule) std::printf("    %-32s %zu\n", rule.c_str(), n);
  for (const std::string& s : samples) std::printf("    e.g. %s\n", s.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::string src = MINYI_SOURCE_DIR;
  std::string data_dir = argc > 1 ? argv[1] : src + "/data/review";
  std::string eval_dir = argc > 2 ? argv[2] : src + "/../shared/eval";
  int runs = argc > 3 ? std::atoi(argv[3]) : 20;

  minyi::CheckerOptions options;
  options.data_dir = data_dir;
  auto checker = minyi::Checker::Create(options);
  if (!checker.ok()) {
    std::fprintf(stderr, "%s\n", checker.status().ToString().c_str());
    return 1;
  }

  std::string prose =
      Slurp(src + "/tests/review/testdata/clean_notice.txt") + Slurp(src + "/tests/review/testdata/clean_news.txt");
  const std::string planted =
      "\n联系人身份证11010519491231002X，手机138 1234 5678。秘密★5年。请到县工商局办理。本品最佳。再接再励，"
      "迫不急待。好,的\"引号\"。\n";
  std::string doc;
  while (CountCodePoints(doc) < 100000) {
    doc += prose.substr(0, 6000);
    doc += planted;
  }
  // Trim to exactly 100,000 code points.
  size_t cps = 0, cut = 0;
  while (cut < doc.size() && cps < 100000) {
    cut += 1;
    while (cut < doc.size() && (static_cast<unsigned char>(doc[cut]) & 0xC0) == 0x80) ++cut;
    ++cps;
  }
  doc.resize(cut);

  using Clock = std::chrono::steady_clock;
  double best = 1e9;
  size_t findings = 0;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    auto fs = checker->Check(doc);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    best = std::min(best, ms);
    findings = fs.size();
  }

  // Peer: one find() pass per lexicon term.
  std::vector<std::string> terms;
  for (const char* f : {"secrecy.tsv", "terms.tsv", "prohibited.tsv", "typos.tsv"}) {
    std::istringstream in(Slurp(data_dir + "/" + f));
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != '#') terms.push_back(line.substr(0, line.find('\t')));
  }
  double peer = 1e9;
  size_t peer_hits = 0;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    size_t hits = 0;
    std::string_view v(doc);
    for (const std::string& t : terms)
      for (size_t p = v.find(t); p != std::string_view::npos; p = v.find(t, p + 1)) ++hits;
    peer = std::min(peer, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    peer_hits = hits;
  }
  std::printf("check 100,000 chars, all rules: best %.2f ms over %d runs (%zu findings, %zu lexicon terms)\n", best,
              runs, findings, checker->term_count());
  std::printf("peer (find() per term, lexicon only): best %.2f ms (%zu hits); ratio full check / peer = %.2f\n", peer,
              peer_hits, best / peer);

  FalseFindings(*checker, eval_dir + "/spelling/fp_rmrb_correct.tsv");
  FalseFindings(*checker, eval_dir + "/spelling/fp_xxqg_correct.tsv");
  return 0;
}
