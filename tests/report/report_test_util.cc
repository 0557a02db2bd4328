#include "report/report_test_util.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>

namespace minyi::testing {

TempStore::TempStore(UnixSeconds now) : clock_(now) {
  char tmpl[] = "/tmp/minyi-report-test-XXXXXX";
  dir_ = mkdtemp(tmpl);
  StoreOptions o;
  o.location = dir_;
  o.clock = &clock_;
  auto s = Store::Open(o);
  if (!s.ok())
    ADD_FAILURE() << s.status().ToString();
  else
    store_ = std::move(s).value();
}

TempStore::~TempStore() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

UnixSeconds ChinaTime(int y, int m, int d, int hh, int mm) {
  auto t = ParseIsoUtc([&] {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00Z", y, m, d, hh, mm);
    return std::string(buf);
  }());
  return *t - 8 * 3600;
}

std::string ZipEntry(const std::string& zip, const std::string& name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(zip.data(), zip.size(), 0, &err);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  if (!za) {
    if (src) zip_source_free(src);
    return "";
  }
  std::string out;
  zip_stat_t st;
  if (zip_stat(za, name.c_str(), 0, &st) == 0) {
    zip_file_t* f = zip_fopen(za, name.c_str(), 0);
    if (f) {
      out.resize(st.size);
      zip_fread(f, out.data(), st.size);
      zip_fclose(f);
    }
  }
  zip_close(za);
  return out;
}

std::string RunCapture(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace minyi::testing
