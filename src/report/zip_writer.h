// Internal to src/report: builds a zip archive in memory with libzip (the
// container of DOCX). libzip types stay inside zip_writer.cc.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace minyi {

using ZipEntry = std::pair<std::string, std::string>;  // (name, bytes)

// Entries are written in order (DOCX wants [Content_Types].xml first).
Result<std::string> BuildZip(const std::vector<ZipEntry>& entries);

}  // namespace minyi
