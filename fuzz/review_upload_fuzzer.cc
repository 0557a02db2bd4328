// Fuzzes the review desk's upload path: base64 decoding, then the document
// readers with the desk's limits (the first byte picks the file type).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "review/desk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"a.txt", "a.md", "a.html", "a.docx", "a.doc"};
  const char* name = kNames[data[0] % 5];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  auto decoded = minyi::DecodeBase64(rest, 1u << 20);
  if (decoded.ok()) (void)minyi::ReadUploadedDraft(*decoded, name);
  (void)minyi::ReadUploadedDraft(rest, name);
  return 0;
}
