// In-memory zip writing with libzip: the archive goes to a buffer source that
// is kept alive past zip_close so its bytes can be read back.
#include "report/zip_writer.h"

#include <zip.h>

#include <cstdio>

namespace minyi {

Result<std::string> BuildZip(const std::vector<ZipEntry>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!src) return Internal("无法创建压缩包缓冲区");
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(src);
    return Internal("无法创建压缩包");
  }
  zip_source_keep(src);
  for (const auto& [name, data] : entries) {
    zip_source_t* part = zip_source_buffer(za, data.data(), data.size(), 0);
    if (!part) continue;
    zip_int64_t idx = zip_file_add(za, name.c_str(), part, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
      zip_source_free(part);
      zip_discard(za);
      zip_source_free(src);
      return Internal("无法写入压缩包条目 " + name);
    }
    // PNGs are already compressed.
    bool store = name.size() > 4 && name.compare(name.size() - 4, 4, ".png") == 0;
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    // Fixed timestamps keep the output reproducible.
    zip_file_set_mtime(za, static_cast<zip_uint64_t>(idx), 1577836800, 0);
  }
  if (zip_close(za) != 0) {
    zip_discard(za);
    zip_source_free(src);
    return Internal("无法完成压缩包");
  }
  std::string out;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    if (size > 0) {
      out.resize(static_cast<size_t>(size));
      zip_int64_t got = zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
      if (got != size) out.clear();
    }
    zip_source_close(src);
  }
  zip_source_free(src);
  if (out.empty()) return Internal("压缩包为空");
  return out;
}

}  // namespace minyi
