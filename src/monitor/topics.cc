#include "monitor/topics.h"

#include <nlohmann/json.hpp>

#include "common/strings.h"
#include "text/utf8.h"

namespace minyi {
namespace {

constexpr size_t kMaxTopicFileBytes = 1u << 20;
constexpr size_t kMaxTopicsInFile = 1000;
constexpr size_t kMaxNameBytes = 200;

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += '\n';
    out += s;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string Trim(std::string_view s) { return std::string(TrimBlank(s)); }

Status CompileInto(RuleSet& set, const Topic& t) {
  std::string id = std::to_string(t.id);
  if (t.mode == "expression") return set.Add(id, t.expression);
  if (t.mode == "scheme") return set.AddScheme(id, t.scheme);
  return InvalidArgument("方案类型只能是 scheme（方案）或 expression（表达式）");
}

nlohmann::json TopicJson(const Topic& t) {
  return {{"name", t.name},
          {"mode", t.mode},
          {"expression", t.expression},
          {"regions", t.scheme.regions},
          {"subjects", t.scheme.subjects},
          {"events", t.scheme.events},
          {"excludes", t.scheme.excludes},
          {"active", t.active}};
}

Topic RowToTopic(const Rows& r, size_t i) {
  Topic t;
  t.id = r.Int(i, "id");
  t.name = r.Text(i, "name");
  t.mode = r.Text(i, "mode");
  t.expression = r.Text(i, "expression");
  t.scheme.regions = SplitLines(r.Text(i, "regions"));
  t.scheme.subjects = SplitLines(r.Text(i, "subjects"));
  t.scheme.events = SplitLines(r.Text(i, "events"));
  t.scheme.excludes = SplitLines(r.Text(i, "excludes"));
  t.active = r.Int(i, "active") != 0;
  t.created_at = r.Int(i, "created_at");
  t.updated_at = r.Int(i, "updated_at");
  return t;
}

std::string Snippet(const std::string& text, uint32_t begin, uint32_t end) {
  // 30 characters of context either side, in code points.
  size_t cps = utf8::CountCodePoints(text);
  uint32_t b = begin > 30 ? begin - 30 : 0;
  uint32_t e = std::min<size_t>(end + 30, cps);
  auto at = [&](uint32_t cp) { return utf8::ByteOffsetOfCodePoint(text, cp); };
  std::string out = b > 0 ? "…" : "";
  out += text.substr(at(b), at(begin) - at(b));
  out += "【" + text.substr(at(begin), at(end) - at(begin)) + "】";
  out += text.substr(at(end), at(e) - at(end));
  if (e < cps) out += "…";
  return out;
}

}  // namespace

Result<std::string> ValidateTopic(const Topic& t) {
  if (Trim(t.name).empty()) return InvalidArgument("请填写方案名称");
  if (t.name.size() > kMaxNameBytes) return InvalidArgument("方案名称过长（最多 60 个字）");
  if (t.mode == "expression") {
    if (Trim(t.expression).empty()) return InvalidArgument("请填写监测表达式");
    return DescribeRule(t.expression);
  }
  if (t.mode != "scheme") return InvalidArgument("方案类型只能是 scheme（方案）或 expression（表达式）");
  if (t.scheme.regions.empty() && t.scheme.subjects.empty() && t.scheme.events.empty()) {
    return InvalidArgument("地域词、主体词、事件词至少填写一项");
  }
  return DescribeScheme(t.scheme);
}

Result<CompiledTopics> CompileTopics(const std::vector<Topic>& topics, std::vector<std::string>* skipped) {
  CompiledTopics out;
  for (const Topic& t : topics) {
    if (!t.active) continue;
    Status st = CompileInto(out.rules, t);
    if (!st.ok()) {
      if (skipped) skipped->push_back(t.name + "：" + st.message());
      continue;
    }
    out.ids.push_back(t.id);
  }
  if (!out.ids.empty()) MINYI_RETURN_IF_ERROR(out.rules.Compile());
  return out;
}

Result<std::vector<Topic>> ParseTopicFile(std::string_view text) {
  if (text.size() > kMaxTopicFileBytes) return ResourceExhausted("方案文件过大（最多 1 MB）");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Topic> out;
  std::string scheme_text;
  size_t line_no = 0;
  auto flush = [&]() -> Status {
    if (out.empty()) return Status::Ok();
    Topic& t = out.back();
    if (t.mode == "scheme") {
      auto s = ParseRuleScheme(scheme_text);
      if (!s.ok()) return s.status().WithContext("方案“" + t.name + "”");
      t.scheme = *s;
    }
    scheme_text.clear();
    auto v = ValidateTopic(t);
    if (!v.ok()) return v.status().WithContext("方案“" + t.name + "”");
    return Status::Ok();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      MINYI_RETURN_IF_ERROR(flush());
      if (out.size() >= kMaxTopicsInFile) return ResourceExhausted("方案过多（最多 1000 个）");
      Topic t;
      t.name = Trim(line.substr(1, line.size() - 2));
      t.id = static_cast<int64_t>(out.size() + 1);
      if (t.name.empty()) return InvalidArgument("第 " + std::to_string(line_no) + " 行：方案名称为空");
      out.push_back(std::move(t));
      continue;
    }
    if (out.empty()) return InvalidArgument("第 " + std::to_string(line_no) + " 行：请先用 [名称] 开始一个方案");
    for (std::string_view key : {"表达式：", "表达式:", "expression:", "表达式="}) {
      if (line.rfind(key, 0) == 0) {
        out.back().mode = "expression";
        out.back().expression = Trim(std::string_view(line).substr(key.size()));
        line.clear();
        break;
      }
    }
    if (!line.empty()) scheme_text += line + "\n";
  }
  MINYI_RETURN_IF_ERROR(flush());
  return out;
}

Result<std::vector<Topic>> TopicRepo::List(bool active_only) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query(std::string("SELECT * FROM monitor_topics") +
                                           (active_only ? " WHERE active = 1" : "") + " ORDER BY id"));
  std::vector<Topic> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(RowToTopic(r, i));
  return out;
}

Result<Topic> TopicRepo::Get(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.QueryOne("SELECT * FROM monitor_topics WHERE id = ?",
                                              {SqlValue(static_cast<long long>(id))}, "找不到该监测方案"));
  return RowToTopic(r, 0);
}

Result<int64_t> TopicRepo::Create(const Actor& actor, Topic t) {
  t.name = Trim(t.name);
  MINYI_RETURN_IF_ERROR(ValidateTopic(t).status());
  int64_t now = clock_.Now();
  int64_t id = 0;
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId(
                "INSERT INTO monitor_topics(name, mode, expression, regions, subjects, events, excludes, active,"
                " created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                {t.name, t.mode, t.expression, JoinLines(t.scheme.regions), JoinLines(t.scheme.subjects),
                 JoinLines(t.scheme.events), JoinLines(t.scheme.excludes), t.active, static_cast<long long>(actor.id),
                 static_cast<long long>(now), static_cast<long long>(now)}));
    return AppendAudit(tx, clock_, actor, {"create", "monitor_topic", std::to_string(id), "null", TopicJson(t).dump()});
  });
  if (st.code() == ErrorCode::kAlreadyExists) return AlreadyExists("已有同名的监测方案：" + t.name);
  MINYI_RETURN_IF_ERROR(st);
  return id;
}

Status TopicRepo::Update(const Actor& actor, const Topic& in) {
  Topic t = in;
  t.name = Trim(t.name);
  MINYI_RETURN_IF_ERROR(ValidateTopic(t).status());
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    TopicRepo inner(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(Topic before, inner.Get(t.id));
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE monitor_topics SET name=?, mode=?, expression=?, regions=?, subjects=?, events=?,"
                   " excludes=?, active=?, updated_at=? WHERE id=?",
                   {t.name, t.mode, t.expression, JoinLines(t.scheme.regions), JoinLines(t.scheme.subjects),
                    JoinLines(t.scheme.events), JoinLines(t.scheme.excludes), t.active,
                    static_cast<long long>(clock_.Now()), static_cast<long long>(t.id)})
            .status());
    return AppendAudit(
        tx, clock_, actor,
        {"update", "monitor_topic", std::to_string(t.id), TopicJson(before).dump(), TopicJson(t).dump()});
  });
  if (st.code() == ErrorCode::kAlreadyExists) return AlreadyExists("已有同名的监测方案：" + t.name);
  return st;
}

Status TopicRepo::Delete(const Actor& actor, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    TopicRepo inner(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(Topic before, inner.Get(id));
    MINYI_RETURN_IF_ERROR(
        tx.Execute("DELETE FROM monitor_item_topics WHERE topic_id = ?", {SqlValue(static_cast<long long>(id))})
            .status());
    MINYI_RETURN_IF_ERROR(
        tx.Execute("DELETE FROM monitor_topics WHERE id = ?", {SqlValue(static_cast<long long>(id))}).status());
    return AppendAudit(tx, clock_, actor,
                       {"delete", "monitor_topic", std::to_string(id), TopicJson(before).dump(), "null"});
  });
}

Result<TopicPreview> PreviewTopic(Database& db, const Topic& topic, size_t scan_limit, size_t max_hits) {
  MINYI_RETURN_IF_ERROR(ValidateTopic(topic).status());
  RuleSet set;
  Topic t = topic;
  t.id = 1;
  MINYI_RETURN_IF_ERROR(CompileInto(set, t));
  MINYI_RETURN_IF_ERROR(set.Compile());
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT id, title, outlet, site, published_at, search_text"
                                          " FROM monitor_items ORDER BY id DESC LIMIT ?",
                                          {SqlValue(static_cast<long long>(scan_limit))}));
  TopicPreview p;
  p.scanned = static_cast<int64_t>(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    std::string search = r.Text(i, "search_text");
    size_t nl = search.find('\n');
    std::string title = nl == std::string::npos ? search : search.substr(0, nl);
    std::string text = nl == std::string::npos ? "" : search.substr(nl + 1);
    std::string outlet = r.Text(i, "outlet"), site = r.Text(i, "site");
    auto m = set.Match(RuleDocument{title, text, outlet, site});
    if (!m.ok() || m->empty()) continue;
    ++p.matched;
    if (p.hits.size() >= max_hits) continue;
    PreviewHit h{r.Int(i, "id"), r.Text(i, "title"), outlet, r.Int(i, "published_at"), ""};
    const RuleSpan* first = nullptr;
    for (const RuleSpan& s : (*m)[0].spans) {
      if (s.field == DocField::kText || s.field == DocField::kTitle) {
        if (!first || (first->field == DocField::kTitle && s.field == DocField::kText)) first = &s;
      }
    }
    if (first) h.snippet = Snippet(first->field == DocField::kTitle ? title : text, first->cp_begin, first->cp_end);
    p.hits.push_back(std::move(h));
  }
  return p;
}

}  // namespace minyi
