// Briefings sent upward (舆情专报/要报): drafted from an event, approved by a
// leader, sent, and their adoption recorded.
#include <algorithm>
#include <functional>

#include "assess/assess_internal.h"
#include "cases/cases.h"
#include "common/calendar.h"
#include "monitor/events.h"
#include "notify/notify.h"

namespace minyi {
namespace {

constexpr size_t kMaxTitle = 200, kMaxSection = 20000, kMaxShort = 300;
constexpr size_t kMaxMailBody = 19000;  // notify keeps bodies under 20,000 bytes

// Cuts at a character boundary.
std::string Utf8Prefix(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

Briefing FromRow(const Rows& r, size_t i) {
  Briefing b;
  b.id = r.Int(i, "id");
  b.kind = r.Text(i, "kind");
  b.issue_no = r.Text(i, "issue_no");
  b.event_id = r.Int(i, "event_id");
  b.title = r.Text(i, "title");
  b.summary = r.Text(i, "summary");
  b.spread = r.Text(i, "spread");
  b.sentiment = r.Text(i, "sentiment");
  b.actions = r.Text(i, "actions");
  b.status = r.Text(i, "status");
  b.return_reason = r.Text(i, "return_reason");
  b.created_by_name = r.Text(i, "created_by_name");
  b.approved_by_name = r.Text(i, "approved_by_name");
  b.sent_to = r.Text(i, "sent_to");
  b.sent_by_name = r.Text(i, "sent_by_name");
  b.created_at = r.Int(i, "created_at");
  b.updated_at = r.Int(i, "updated_at");
  b.submitted_at = r.Int(i, "submitted_at");
  b.approved_at = r.Int(i, "approved_at");
  b.sent_at = r.Int(i, "sent_at");
  b.adoption = r.Text(i, "adoption");
  b.adoption_note = r.Text(i, "adoption_note");
  b.adoption_at = r.Int(i, "adoption_at");
  return b;
}

std::string Summary(const Briefing& b) {
  return "{\"title\":" + JsonQuote(b.title) + ",\"kind\":" + JsonQuote(b.kind) + ",\"status\":" + JsonQuote(b.status) +
         "}";
}

std::string Pct(int64_t part, int64_t whole) {
  return whole == 0 ? "0%" : std::to_string((part * 100 + whole / 2) / whole) + "%";
}

Status Move(Database& db, const Clock& clock, const Actor& actor, int64_t id, const std::string& action,
            const std::vector<std::string>& from, const std::string& set_sql, const SqlParams& params,
            const std::function<Status(Database&, const Briefing&)>& also = nullptr) {
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne("SELECT * FROM assess_briefings WHERE id = ?", {id},
                                               "找不到信息报送 " + std::to_string(id)));
    Briefing b = FromRow(r, 0);
    if (std::find(from.begin(), from.end(), b.status) == from.end()) {
      return FailedPrecondition("当前状态为“" + std::string(BriefingStatusLabel(b.status)) + "”，不能执行此操作");
    }
    SqlParams p = params;
    p.push_back(clock.Now());
    p.push_back(id);
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE assess_briefings SET " + set_sql + ", updated_at = ? WHERE id = ?", p).status());
    MINYI_ASSIGN_OR_RETURN(Rows after, tx.QueryOne("SELECT * FROM assess_briefings WHERE id = ?", {id}, "找不到"));
    Briefing a = FromRow(after, 0);
    std::string after_json = "{\"status\":" + JsonQuote(a.status) + ",\"return_reason\":" + JsonQuote(a.return_reason) +
                             ",\"sent_to\":" + JsonQuote(a.sent_to) + ",\"adoption\":" + JsonQuote(a.adoption) + "}";
    MINYI_RETURN_IF_ERROR(
        AppendAudit(tx, clock, actor, {action, "briefing", std::to_string(id), Summary(b), after_json}));
    return also ? also(tx, a) : Status::Ok();
  });
}

}  // namespace

std::string_view BriefingKindLabel(std::string_view kind) { return kind == "brief" ? "舆情要报" : "舆情专报"; }

std::string_view BriefingStatusLabel(std::string_view s) {
  if (s == "draft") return "草稿";
  if (s == "submitted") return "待审批";
  if (s == "approved") return "已审批";
  if (s == "returned") return "已退回";
  if (s == "sent") return "已报送";
  return "未知";
}

std::string_view AdoptionLabel(std::string_view a) {
  if (a == "adopted") return "采用";
  if (a == "direct") return "直报采用";
  if (a == "summary") return "摘报采用";
  if (a == "not_adopted") return "未采用";
  return "待反馈";
}

Result<Briefing> BriefingService::DraftFromEvent(int64_t event_id) {
  MINYI_ASSIGN_OR_RETURN(EventDetail d, GetEventDetail(db_, event_id, clock_.Now()));
  const EventRow& ev = d.event;
  Briefing b;
  b.event_id = event_id;
  b.title = "关于“" + ev.title + "”的舆情专报";
  if (b.title.size() > kMaxTitle) b.title = "关于网络舆情事件的舆情专报";
  b.summary = FormatLocalTime(ev.first_seen) + "，" + (ev.first_outlet.empty() ? "网络" : ev.first_outlet) +
              "出现关于“" + ev.title + "”的信息。截至" + FormatLocalTime(ev.last_seen) + "，共监测到相关信息 " +
              std::to_string(ev.item_count) + " 条。";
  std::string outlets;
  for (size_t i = 0; i < d.outlets.size() && i < 5; ++i) {
    outlets += (outlets.empty() ? "" : "、") + d.outlets[i].outlet + "（" + std::to_string(d.outlets[i].items) + "条）";
  }
  int64_t peak = 0, peak_at = 0;
  for (const TimelineBucket& t : d.timeline) {
    if (t.items > peak) peak = t.items, peak_at = t.start;
  }
  b.spread =
      "信息涉及 " + std::to_string(ev.outlet_count) + " 个网站或平台，原创 " + std::to_string(ev.story_count) + " 篇" +
      (outlets.empty() ? "" : "，主要来源：" + outlets) +
      (peak > 0 ? "。传播高峰出现在" + FormatLocalTime(peak_at) + "前后（" + std::to_string(peak) + " 条）" : "") +
      "。";
  int64_t total = ev.negative + ev.neutral + ev.positive;
  b.sentiment = "负面 " + std::to_string(ev.negative) + " 条（" + Pct(ev.negative, total) + "），中性 " +
                std::to_string(ev.neutral) + " 条，正面 " + std::to_string(ev.positive) + " 条。" +
                (ev.keywords.empty() ? "" : "主要关注点：" + ev.keywords + "。");
  MINYI_ASSIGN_OR_RETURN(Rows c, db_.Query("SELECT code, title, state FROM cases WHERE origin = 'monitor_event'"
                                           " AND origin_ref = ? ORDER BY id",
                                           {std::to_string(event_id)}));
  if (c.empty()) {
    b.actions = "（请填写已采取的处置措施）";
  } else {
    for (size_t i = 0; i < c.size(); ++i) {
      auto st = ParseCaseState(c.Text(i, "state"));
      b.actions += "已立案“" + c.Text(i, "title") + "”（" + c.Text(i, "code") + "），目前" +
                   std::string(st.ok() ? CaseStateLabel(*st) : "处理中") + "。";
    }
  }
  return b;
}

Status BriefingService::Validate(const Briefing& b) {
  if (b.kind != "special" && b.kind != "brief") return InvalidArgument("报送类型应为 special（专报）或 brief（要报）");
  if (b.title.empty() || b.title.size() > kMaxTitle) return InvalidArgument("请填写标题（最多 60 个字）");
  if (b.issue_no.size() > kMaxShort) return InvalidArgument("期号过长");
  for (const std::string* s : {&b.summary, &b.spread, &b.sentiment, &b.actions}) {
    if (s->size() > kMaxSection) return InvalidArgument("正文各部分最多 6000 个字");
  }
  if (b.summary.empty()) return InvalidArgument("请填写事件概况");
  return Status::Ok();
}

Result<int64_t> BriefingService::Create(const Actor& actor, const Briefing& b) {
  MINYI_RETURN_IF_ERROR(Validate(b));
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO assess_briefings(kind, issue_no, event_id, title, summary, spread,"
                                 " sentiment, actions, status, created_by, created_by_name, created_at, updated_at)"
                                 " VALUES (?,?,?,?,?,?,?,?,'draft',?,?,?,?) RETURNING id",
                                 {b.kind, b.issue_no, b.event_id, b.title, b.summary, b.spread, b.sentiment, b.actions,
                                  actor.id, actor.name, now, now}));
    return AppendAudit(tx, clock_, actor, {"create", "briefing", std::to_string(id), "null", Summary(b)});
  }));
  return id;
}

Status BriefingService::Update(const Actor& actor, const Briefing& b) {
  MINYI_RETURN_IF_ERROR(Validate(b));
  MINYI_ASSIGN_OR_RETURN(Briefing old, Get(b.id));
  if (old.status != "draft" && old.status != "returned") return FailedPrecondition("已提交审批的报送不能修改");
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE assess_briefings SET kind = ?, issue_no = ?, title = ?, summary = ?,"
                   " spread = ?, sentiment = ?, actions = ?, updated_at = ? WHERE id = ?",
                   {b.kind, b.issue_no, b.title, b.summary, b.spread, b.sentiment, b.actions, clock_.Now(), b.id})
            .status());
    return AppendAudit(tx, clock_, actor, {"update", "briefing", std::to_string(b.id), Summary(old), Summary(b)});
  });
}

Result<Briefing> BriefingService::Get(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.QueryOne("SELECT * FROM assess_briefings WHERE id = ?", {id},
                                              "找不到信息报送 " + std::to_string(id)));
  return FromRow(r, 0);
}

Result<std::vector<Briefing>> BriefingService::List(const std::string& status, int64_t limit, int64_t offset) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query(std::string("SELECT * FROM assess_briefings") +
                                               (status.empty() ? " WHERE '' = ?" : " WHERE status = ?") +
                                               " ORDER BY id DESC LIMIT ? OFFSET ?",
                                           {status, limit, offset}));
  std::vector<Briefing> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(FromRow(r, i));
  return out;
}

Status BriefingService::Submit(const Actor& actor, int64_t id) {
  return Move(db_, clock_, actor, id, "submit", {"draft", "returned"}, "status = 'submitted', submitted_at = ?",
              {clock_.Now()});
}

Status BriefingService::Approve(const Actor& actor, int64_t id) {
  return Move(db_, clock_, actor, id, "approve", {"submitted"},
              "status = 'approved', approved_by_name = ?, approved_at = ?", {actor.name, clock_.Now()});
}

Status BriefingService::Return(const Actor& actor, int64_t id, const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return InvalidArgument("退回须填写理由");
  if (reason.size() > 3000) return InvalidArgument("退回理由过长");
  return Move(db_, clock_, actor, id, "return", {"submitted"}, "status = 'returned', return_reason = ?", {reason});
}

Status BriefingService::MarkSent(const Actor& actor, int64_t id, const std::string& to, int64_t email_channel_id) {
  if (to.find_first_not_of(" \t") == std::string::npos || to.size() > kMaxShort)
    return InvalidArgument("请填写报送对象（上级单位名称）");
  if (email_channel_id > 0) {
    MINYI_ASSIGN_OR_RETURN(Channel ch, GetChannel(db_, email_channel_id));
    if (ch.kind != ChannelKind::kEmail) return InvalidArgument("所选通知渠道不是电子邮件渠道");
  }
  auto email = [&](Database& tx, const Briefing& sent) -> Status {
    if (email_channel_id <= 0) return Status::Ok();
    Notification n;
    // Sent only to the channel chosen for this briefing.
    n.kind = "briefing";
    n.title = Utf8Prefix(std::string(BriefingKindLabel(sent.kind)) + "：" + sent.title, 480);
    n.body = "一、事件概况\n" + sent.summary + "\n二、传播情况\n" + sent.spread + "\n三、舆情态势\n" + sent.sentiment +
             "\n四、处置情况\n" + sent.actions;
    n.body = Utf8Prefix(n.body, kMaxMailBody);
    n.link = "#/assess/briefing?id=" + std::to_string(id);
    n.event_key = id;
    n.channel_ids = {email_channel_id};
    return EnqueueNotification(tx, clock_, n).status();
  };
  return Move(db_, clock_, actor, id, "send", {"approved"},
              "status = 'sent', sent_to = ?, sent_by_name = ?, sent_at = ?", {to, actor.name, clock_.Now()}, email);
}

Status BriefingService::RecordAdoption(const Actor& actor, int64_t id, const std::string& adoption,
                                       const std::string& note) {
  if (AdoptionLabel(adoption) == "待反馈")
    return InvalidArgument(
        "采用情况应为 adopted（采用）、direct（直报采用）、summary（摘报采用）或 not_adopted（未采用）");
  if (note.size() > 3000) return InvalidArgument("采用情况说明过长");
  return Move(db_, clock_, actor, id, "adoption", {"sent"}, "adoption = ?, adoption_note = ?, adoption_at = ?",
              {adoption, note, clock_.Now()});
}

}  // namespace minyi
