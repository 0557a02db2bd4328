// libFuzzer target: the --topics file of `minyi analyze` (monitor/topics.h),
// including compiling what it accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/topics.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto topics = minyi::ParseTopicFile(text);
  if (topics.ok()) (void)minyi::CompileTopics(*topics);
  return 0;
}
