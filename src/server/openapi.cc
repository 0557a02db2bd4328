// Merges the core OpenAPI document with the subsystems' fragments.
//
// A fragment is {"paths": {...}, "components": {"schemas": {...}}, "tags": [...]};
// each subsystem owns one file in src/server/openapi/, so adding routes never
// edits another subsystem's document. OpenApiTest checks the merged result
// against the route table.
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "server/server.h"

namespace minyi {

const std::vector<std::string_view>& OpenApiParts();  // openapi_embedded.cc

namespace {

std::string MergeParts() {
  const auto& parts = OpenApiParts();
  nlohmann::json doc = nlohmann::json::parse(parts.front());
  for (size_t i = 1; i < parts.size(); ++i) {
    nlohmann::json part = nlohmann::json::parse(parts[i], nullptr, /*allow_exceptions=*/false);
    if (part.is_discarded()) continue;  // OpenApiTest reports unparsable fragments
    // Bound to a local: ranging over .items() of a temporary would dangle.
    nlohmann::json paths = part.value("paths", nlohmann::json::object());
    for (auto& [path, ops] : paths.items()) {
      for (auto& [method, op] : ops.items()) doc["paths"][path][method] = op;
    }
    auto comps = part.value("components", nlohmann::json::object());
    for (auto& [kind, entries] : comps.items()) {
      for (auto& [name, value] : entries.items()) doc["components"][kind][name] = value;
    }
    nlohmann::json tags = part.value("tags", nlohmann::json::array());
    for (auto& tag : tags) doc["tags"].push_back(tag);
  }
  return doc.dump(2);
}

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string kDoc = MergeParts();
  return kDoc;
}

}  // namespace minyi
