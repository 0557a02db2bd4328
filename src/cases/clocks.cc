#include "cases/clocks.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace minyi {
namespace {

int64_t JsonInt(const std::string& text, const char* key) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains(key) || !j[key].is_number_integer()) return 0;
  return j[key].get<int64_t>();
}

void Finish(StageClock& s, const CaseClocks& clocks, const WorkCalendar& cal, UnixSeconds now) {
  if (!s.started()) return;
  UnixSeconds until = s.done() ? s.end : now;
  s.elapsed_work_seconds = cal.WorkingSecondsExcluding(s.start, until, clocks.pauses);
  if (s.limit.natural()) {
    s.remaining_seconds = until <= s.deadline ? NaturalSecondsExcluding(until, s.deadline, clocks.pauses)
                                              : -NaturalSecondsExcluding(s.deadline, until, clocks.pauses);
  } else {
    s.remaining_seconds = until <= s.deadline ? cal.WorkingSecondsExcluding(until, s.deadline, clocks.pauses)
                                              : -cal.WorkingSecondsExcluding(s.deadline, until, clocks.pauses);
  }
  s.overdue = until > s.deadline;
}

UnixSeconds Deadline(const StageClock& s, const CaseClocks& clocks, const WorkCalendar& cal, UnixSeconds now,
                     int64_t extension_days) {
  UnixSeconds d = s.limit.natural() ? NaturalDeadlineWithPauses(s.start, s.limit.Seconds(cal), clocks.pauses, now)
                                    : cal.DeadlineWithPauses(s.start, s.limit.Seconds(cal), clocks.pauses, now);
  return extension_days > 0 ? cal.AddWorkingDays(d, extension_days) : d;
}

}  // namespace

UnixSeconds EarliestRunningDeadline(const CaseRecord& c, const CaseClocks& k) {
  UnixSeconds best = 0;
  for (const StageClock* s : {&k.sign, &k.reply, &k.close}) {
    if (!s->started() || s->done() || (s == &k.close && !CaseIsOpen(c.state))) continue;
    if (best == 0 || s->deadline < best) best = s->deadline;
  }
  return best;
}

CaseClocks ComputeClocks(const CaseRecord& c, const std::vector<CaseEvent>& events, const SlaRule& rule,
                         const WorkCalendar& cal, UnixSeconds now) {
  CaseClocks out;
  out.sign = {"sign", "签收", rule.sign};
  out.reply = {"reply", "首次答复", rule.reply};
  out.close = {"close", "办结", rule.close};
  UnixSeconds last_closed = 0;
  for (const CaseEvent& e : events) {
    if (e.action == "dispatch") {
      out.sign.start = e.at;
      out.sign.end = 0;
    } else if (e.action == "sign" && out.sign.start != 0 && out.sign.end == 0) {
      out.sign.end = e.at;
    } else if (e.action == "reply" && out.reply.end == 0) {
      out.reply.end = e.at;
    } else if (e.action == "approve") {
      last_closed = e.at;
    } else if (e.action == "reopen") {
      last_closed = 0;
    } else if (e.action == "extend_approve") {
      out.extension_days += JsonInt(e.data_json, "days");
    } else if (e.action == "pause") {
      out.pauses.push_back({e.at, 0});
    } else if (e.action == "resume" && !out.pauses.empty() && out.pauses.back().end == 0) {
      out.pauses.back().end = e.at;
    }
  }
  // A case that is not open any more has no running pause.
  if (!CaseIsOpen(c.state) && !out.pauses.empty() && out.pauses.back().end == 0) {
    out.pauses.back().end = last_closed ? last_closed : now;
  }
  out.reply.start = c.received_at;
  out.close.start = c.received_at;
  if (!CaseIsOpen(c.state)) out.close.end = last_closed ? last_closed : c.closed_at.value_or(now);

  if (out.sign.started()) out.sign.deadline = Deadline(out.sign, out, cal, now, 0);
  out.reply.deadline = Deadline(out.reply, out, cal, now, out.extension_days);
  out.close.deadline = Deadline(out.close, out, cal, now, 0);
  if (c.superior_deadline && *c.superior_deadline < out.close.deadline) out.close.deadline = *c.superior_deadline;
  if (out.extension_days > 0) out.close.deadline = cal.AddWorkingDays(out.close.deadline, out.extension_days);

  Finish(out.sign, out, cal, now);
  Finish(out.reply, out, cal, now);
  Finish(out.close, out, cal, now);
  return out;
}

}  // namespace minyi
