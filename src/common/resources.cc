#include "common/resources.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#ifndef MINYI_BUILD_RESOURCE_DIR
#define MINYI_BUILD_RESOURCE_DIR ""
#endif

namespace minyi {
namespace {

bool HasVersion(const std::string& dir) {
  std::error_code ec;
  return !dir.empty() && std::filesystem::exists(dir + "/VERSION", ec);
}

std::string ExecutableDir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  buf[n] = '\0';
  return std::filesystem::path(buf).parent_path().string();
}

}  // namespace

std::string ResourceDir() {
  if (const char* env = std::getenv("MINYI_RESOURCES"); env && HasVersion(env)) return env;
  std::string beside = ExecutableDir() + "/share/minyi";
  if (HasVersion(beside)) return beside;
  return MINYI_BUILD_RESOURCE_DIR;
}

}  // namespace minyi
