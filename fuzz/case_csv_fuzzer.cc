// Fuzzes the complaint CSV parser (12345 hotline / mailbox exports).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cases/complaint_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  minyi::ComplaintCsvLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_rows = 2000;
  auto parsed = minyi::ParseComplaintCsv(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (parsed.ok()) {
    for (const auto& row : parsed->rows) {
      if (row.ticket.empty() || row.content.empty()) __builtin_trap();
    }
  }
  return 0;
}
