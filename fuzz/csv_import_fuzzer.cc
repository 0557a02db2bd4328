// libFuzzer target for the CSV and JSON Lines importers: any bytes import
// or fail cleanly, within the limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minyi::ImportLimits limits;
  limits.max_bytes = 1u << 20;
  limits.max_rows = 5000;
  for (auto parse : {minyi::ParseCsvImport, minyi::ParseJsonLinesImport}) {
    auto r = parse(bytes, limits);
    if (!r.ok()) continue;
    if (r->items.size() != r->item_lines.size()) __builtin_trap();
    if (r->items.size() > limits.max_rows || r->errors.size() > limits.max_errors) __builtin_trap();
  }
  return 0;
}
