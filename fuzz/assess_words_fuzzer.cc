// Keyword lists typed into an assessment ("甲、乙 丙") and frozen evidence
// JSON read back: neither may crash or loop on arbitrary bytes, and a split
// list joins back into words that split the same way.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "assess/assess.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto words = minyi::SplitWords(text);
  if (minyi::SplitWords(minyi::JoinWords(words)) != words) std::abort();
  (void)minyi::EvidenceFromJson(text);
  return 0;
}
