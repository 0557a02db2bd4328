// Segmentation throughput of Segmenter::Cut (HMM on and off), dictionary load
// time, and normalization throughput, on an input file (default: the SIGHAN
// PKU + MSR test sentences, used for measuring only).
//
// The ratio against python3-jieba is measured by bench/segment_vs_jieba.sh,
// which runs both as processes on the same input; this binary gives the
// in-process figures without I/O.
//
// Usage: segment_bench [input.txt] [repeat]   (MINYI_RESOURCES as for minyi)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/resources.h"
#include "text/normalize.h"
#include "text/segmenter.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "/work/shared/eval/segmentation/pku_test.utf8";
  int repeat = argc > 2 ? std::atoi(argv[2]) : 5;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 2;
  }
  std::vector<std::string> lines;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    bytes += line.size() + 1;
    lines.push_back(std::move(line));
  }
  auto t0 = Clock::now();
  auto seg = minyi::Segmenter::Load(minyi::ResourceDir());
  auto t1 = Clock::now();
  if (!seg.ok()) {
    std::fprintf(stderr, "%s\n", seg.status().ToString().c_str());
    return 1;
  }
  std::printf("dictionary load: %.2f ms\n", Seconds(t0, t1) * 1000);
  for (bool hmm : {true, false}) {
    size_t tokens = 0;
    auto a = Clock::now();
    for (int r = 0; r < repeat; ++r) {
      for (const auto& l : lines) tokens += seg->Cut(l, hmm)->size();
    }
    auto b = Clock::now();
    double mb = static_cast<double>(bytes) * repeat / 1e6;
    std::printf("Cut hmm=%d: %.2f MB/s (%zu tokens, %.1f MB)\n", hmm, mb / Seconds(a, b), tokens, mb);
  }
  auto norm = minyi::Normalizer::Create();
  if (norm.ok()) {
    auto a = Clock::now();
    size_t cps = 0;
    for (const auto& l : lines) cps += (*norm)->Normalize(l)->cps.size();
    auto b = Clock::now();
    std::printf("Normalize: %.2f MB/s (%zu code points)\n", bytes / 1e6 / Seconds(a, b), cps);
  }
  return 0;
}
