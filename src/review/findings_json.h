// JSON and SARIF 2.1.0 renderings of review findings, shared by the CLI and
// the HTTP API so both speak the same format.
//
// JSON per file: {"file": "...", "findings": [{"rule", "category",
// "severity", "start", "end", "line", "column", "text", "suggestion",
// "message"}]} or {"file": "...", "error": {"code", "message"}}.
// SARIF: one run, tool "minyi-review", columnKind "unicodeCodePoints",
// regions with charOffset/charLength in code points.
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "review/checks.h"

namespace minyi {

struct FileFindings {
  std::string file;
  Status status;  // non-OK when the file could not be read
  std::vector<Finding> findings;
};

nlohmann::json FindingToJson(const Finding& f);
nlohmann::json FileFindingsToJson(const FileFindings& ff);
nlohmann::json ToSarif(const std::vector<FileFindings>& files, const std::vector<RuleInfo>& rules);

}  // namespace minyi
