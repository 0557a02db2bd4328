// Fuzzes the attachment type check (name + magic bytes) that guards uploads.
// The first byte splits the input: that many bytes form the file name, the
// rest is the content.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "store/attachments.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t name_len = data[0] < size - 1 ? data[0] : size - 1;
  std::string_view name(reinterpret_cast<const char*>(data + 1), name_len);
  std::string_view bytes(reinterpret_cast<const char*>(data + 1 + name_len), size - 1 - name_len);
  auto kind = minyi::DetectAttachmentKind(name, bytes);
  if (kind.ok() && kind->empty()) __builtin_trap();  // a success always names a kind
  (void)minyi::CleanAttachmentName(name);
  return 0;
}
