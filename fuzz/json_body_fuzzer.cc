// Fuzzes the depth-limited JSON parser every API request body goes through.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/api.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = minyi::ParseJsonLimited(text);
  if (parsed.ok() && parsed->is_object()) {
    (void)minyi::OptionalString(*parsed, "name");
    (void)minyi::OptionalInt(*parsed, "id", 0);
    (void)minyi::RequireString(*parsed, "password");
  }
  return 0;
}
