#include "review/findings_json.h"

#include <set>

namespace minyi {

nlohmann::json FindingToJson(const Finding& f) {
  return nlohmann::json{{"rule", f.rule},
                        {"category", CategoryName(f.category)},
                        {"severity", SeverityName(f.severity)},
                        {"start", f.start},
                        {"end", f.end},
                        {"line", f.line},
                        {"column", f.column},
                        {"text", f.text},
                        {"suggestion", f.suggestion},
                        {"message", f.message}};
}

nlohmann::json FileFindingsToJson(const FileFindings& ff) {
  nlohmann::json j{{"file", ff.file}};
  if (!ff.status.ok()) {
    j["error"] = {{"code", ErrorCodeName(ff.status.code())}, {"message", ff.status.message()}};
    return j;
  }
  nlohmann::json arr = nlohmann::json::array();
  for (const Finding& f : ff.findings) arr.push_back(FindingToJson(f));
  j["findings"] = std::move(arr);
  return j;
}

namespace {
std::string SarifLevel(Severity s) {
  // SARIF calls the lowest level "note"; the others share our names.
  return s == Severity::kInfo ? "note" : std::string(SeverityName(s));
}
}  // namespace

nlohmann::json ToSarif(const std::vector<FileFindings>& files, const std::vector<RuleInfo>& rules) {
  nlohmann::json rule_arr = nlohmann::json::array();
  std::set<std::string> known;
  for (const RuleInfo& r : rules) {
    known.insert(r.id);
    rule_arr.push_back({{"id", r.id},
                        {"shortDescription", {{"text", r.description}}},
                        {"defaultConfiguration", {{"level", SarifLevel(r.severity)}}},
                        {"properties", {{"category", CategoryName(r.category)}}}});
  }
  nlohmann::json results = nlohmann::json::array();
  nlohmann::json notifications = nlohmann::json::array();
  nlohmann::json artifacts = nlohmann::json::array();
  for (const FileFindings& ff : files) {
    artifacts.push_back({{"location", {{"uri", ff.file}}}});
    if (!ff.status.ok()) {
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", ff.status.message()}}},
                               {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", ff.file}}}}}}}}});
      continue;
    }
    for (const Finding& f : ff.findings) {
      std::string msg = f.message;
      if (!f.suggestion.empty()) msg += "（建议：" + f.suggestion + "）";
      nlohmann::json region{{"startLine", f.line},
                            {"startColumn", f.column},
                            {"charOffset", f.start},
                            {"charLength", f.end - f.start},
                            {"snippet", {{"text", f.text}}}};
      results.push_back(
          {{"ruleId", f.rule},
           {"level", SarifLevel(f.severity)},
           {"message", {{"text", msg}}},
           {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", ff.file}}}, {"region", region}}}}}},
           {"properties", {{"category", CategoryName(f.category)}, {"suggestion", f.suggestion}}}});
    }
  }
  nlohmann::json run{{"tool", {{"driver", {{"name", "minyi-review"}, {"version", "0.1.0"}, {"rules", rule_arr}}}}},
                     {"columnKind", "unicodeCodePoints"},
                     {"artifacts", artifacts},
                     {"results", results}};
  if (!notifications.empty())
    run["invocations"] = {{{"executionSuccessful", false}, {"toolExecutionNotifications", notifications}}};
  return nlohmann::json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                        {"version", "2.1.0"},
                        {"runs", nlohmann::json::array({run})}};
}

}  // namespace minyi
