#include "monitor/analyze_io.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace minyi {
namespace {

using Json = nlohmann::json;

// Depth is checked on the raw bytes before parsing so a hostile "[[[[..."
// never reaches the recursive parser.
bool DepthWithin(std::string_view s, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

Result<std::string> Field(const Json& j, const char* key, bool required) {
  if (!j.contains(key) || j[key].is_null()) {
    if (required) return InvalidArgument(std::string("缺少字段 ") + key);
    return std::string();
  }
  if (j[key].is_string()) return j[key].get<std::string>();
  if (j[key].is_number_integer()) return std::to_string(j[key].get<int64_t>());
  return InvalidArgument(std::string("字段 ") + key + " 应为字符串");
}

}  // namespace

Result<AnalyzeInput> ParseAnalyzeLine(std::string_view line) {
  if (line.size() > kMaxAnalyzeLineBytes) return ResourceExhausted("行过长（最多 1 MB）");
  if (!DepthWithin(line, 8)) return InvalidArgument("JSON 嵌套过深");
  Json j = Json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded()) return InvalidArgument("不是有效的 JSON");
  if (!j.is_object()) return InvalidArgument("每行应为一个 JSON 对象");
  AnalyzeInput in;
  MINYI_ASSIGN_OR_RETURN(in.id, Field(j, "id", true));
  MINYI_ASSIGN_OR_RETURN(in.item.outlet, Field(j, "source", false));
  MINYI_ASSIGN_OR_RETURN(in.item.url, Field(j, "url", false));
  MINYI_ASSIGN_OR_RETURN(in.item.title, Field(j, "title", false));
  MINYI_ASSIGN_OR_RETURN(in.item.text, Field(j, "text", false));
  if (in.item.title.empty() && in.item.text.empty()) return InvalidArgument("标题和正文都为空");
  if (j.contains("published_at") && !j["published_at"].is_null()) {
    const Json& p = j["published_at"];
    if (p.is_number_integer()) {
      in.item.published_at = p.get<int64_t>();
    } else if (p.is_string()) {
      auto t = ParseIsoUtc(p.get<std::string>());
      if (!t.ok()) return InvalidArgument("published_at 格式不正确");
      in.item.published_at = *t;
    } else {
      return InvalidArgument("published_at 应为秒数或 ISO 时间");
    }
  }
  in.item.external_id = in.id;
  return in;
}

std::string FormatAnalyzedLine(const AnalyzeInput& in, const AnalyzedItem& out) {
  char hex[20];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(out.simhash));
  Json kw = Json::array();
  for (const WeightedWord& w : out.keywords) kw.push_back(w.word);
  Json j{{"id", in.id},
         {"source", in.item.outlet},
         {"url", in.item.url},
         {"title", in.item.title},
         {"text", in.item.text},
         {"published_at", in.item.published_at},
         {"dup_of", out.dup_of ? Json(*out.dup_of) : Json(nullptr)},
         {"simhash", hex},
         {"sentiment",
          {{"label", std::string(SentimentLabelName(out.sentiment.label))},
           {"score", std::round(out.sentiment.score * 1000) / 1000}}},
         {"keywords", kw},
         {"topics", out.topics},
         {"event", out.event ? Json(*out.event) : Json(nullptr)}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace minyi
