// libFuzzer target: one input line of `minyi analyze` (monitor/analyze_io.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/analyze_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto r = minyi::ParseAnalyzeLine(line);
  if (r.ok()) {
    minyi::AnalyzedItem out;
    out.id = r->id;
    (void)minyi::FormatAnalyzedLine(*r, out);
  }
  return 0;
}
