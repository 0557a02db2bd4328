// Speed of SentimentModel::Predict on ~200-character items: Predict(text),
// which segments the text itself, against Predict(text, tokens), which takes
// the Segmenter::Cut the monitor pipeline already has. The peer is one jieba
// Cut of the same text by our Segmenter (the work the overload saves).
//
// Items are built from the project's own corpus (data/sentiment/corpus.tsv):
// consecutive texts joined until an item reaches ~200 code points. Times are
// CPU time of this process (the build machine is shared), best of `rounds`.
//
// Usage: sentiment_speed_bench [corpus.tsv] [rounds]   (MINYI_RESOURCES as for minyi)
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "common/resources.h"
#include "text/segmenter.h"
#include "text/sentiment.h"
#include "text/utf8.h"

namespace {

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<std::string> Items(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> items;
  std::string cur;
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos || line.rfind("label\t", 0) == 0) continue;
    cur += line.substr(tab + 1);
    if (minyi::utf8::CountCodePoints(cur) >= 200) {
      items.push_back(std::move(cur));
      cur.clear();
    }
  }
  return items;
}

// Best-of-rounds CPU seconds per item of `fn` over all items.
template <typename F>
double PerItem(const std::vector<std::string>& items, int rounds, F&& fn) {
  double best = 1e30;
  for (int r = 0; r < rounds; ++r) {
    double a = CpuSeconds();
    for (size_t i = 0; i < items.size(); ++i) fn(i);
    best = std::min(best, (CpuSeconds() - a) / static_cast<double>(items.size()));
  }
  return best;
}

void Row(const char* name, double sec, double peer) {
  std::printf("%-34s %9.1f items/s  %7.2f us/item  %5.2f x Cut\n", name, 1.0 / sec, sec * 1e6, sec / peer);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : std::string(MINYI_SOURCE_DIR) + "/data/sentiment/corpus.tsv";
  int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<std::string> items = Items(path);
  if (items.empty()) {
    std::fprintf(stderr, "no items in %s\n", path.c_str());
    return 2;
  }
  auto seg = minyi::Segmenter::Load(minyi::ResourceDir());
  if (!seg.ok()) {
    std::fprintf(stderr, "%s\n", seg.status().ToString().c_str());
    return 1;
  }
  auto segmenter = std::make_shared<const minyi::Segmenter>(std::move(*seg));
  auto model = minyi::SentimentModel::LoadDefault(segmenter);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  std::vector<std::vector<minyi::Token>> tokens(items.size());
  size_t cps = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    tokens[i] = *segmenter->Cut(items[i], true);
    cps += minyi::utf8::CountCodePoints(items[i]);
  }
  std::printf("%zu items, %.1f code points each, best of %d rounds, CPU time\n", items.size(),
              static_cast<double>(cps) / static_cast<double>(items.size()), rounds);
  double sink = 0;
  double cut =
      PerItem(items, rounds, [&](size_t i) { sink += static_cast<double>(segmenter->Cut(items[i], true)->size()); });
  double text = PerItem(items, rounds, [&](size_t i) { sink += model->Predict(items[i]).score; });
  double tok = PerItem(items, rounds, [&](size_t i) { sink += model->Predict(items[i], tokens[i]).score; });
  Row("Segmenter::Cut (peer)", cut, cut);
  Row("Predict(text)", text, cut);
  Row("Predict(text, tokens)", tok, cut);
  std::printf("(checksum %.3f)\n", sink);
  return 0;
}
