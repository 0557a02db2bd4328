// The on-duty rota (值班): who is on duty when, heightened periods, paging the
// person on duty for alerts and escalations, acknowledgement and escalation
// to the leader, and hand-over notes between shifts.
//
// Contract:
//  - Every change runs in one transaction with its audit record; bad input
//    is refused with a Chinese message before anything is written.
//  - Paging is decoupled from the senders: PageNewNotifications looks at the
//    notifications above a stored watermark (kinds alert, case_urge,
//    case_supervise) and creates one page (值班提醒) per notification for
//    whoever was on duty when it was created, plus a notification naming
//    that person. Notifications linking into the rota ("#/rota/...") are
//    the rota's own and are never paged again. Notifications from before
//    the rota was installed are never paged (the watermark starts at the
//    highest id).
//  - EscalateOverdue escalates every page still unacknowledged when
//    created_at + ack timeout <= now (exactly at the timeout) to the leader
//    on call of the shift, else the fallback leader from the settings: the
//    page becomes "escalated" and an urgent notification is enqueued.
//  - Only the paged person, the leader it is escalated to, or an admin may
//    acknowledge; both the page and the acknowledgement times are kept.
//  - All time comes from the Clock passed in, so tests drive paging and
//    escalation with a ManualClock.
//
// Thread safety: a RotaService is a light handle over a Database and may be
// used from one thread at a time; separate instances may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/calendar.h"
#include "common/env.h"
#include "common/status.h"
#include "store/audit.h"
#include "store/org.h"
#include "store/store.h"

namespace minyi {

// Shift kinds: "day" 白班, "night" 夜班, "holiday" 节假日全天, "special" 专项值守.
bool IsValidShiftKind(std::string_view kind);
std::string_view ShiftKindLabel(std::string_view kind);

struct Shift {
  int64_t id = 0;
  int64_t user_id = 0;
  int64_t leader_user_id = 0;  // 0: no leader on call
  std::string kind = "day";
  UnixSeconds starts_at = 0, ends_at = 0;
  std::string note;
  // Filled when read.
  std::string user_name, leader_name, user_phone;
  std::string heightened;  // name of the heightened period the shift starts in, "" = none
};

struct HeightenedPeriod {
  int64_t id = 0;
  std::string name;
  DayNumber first_day = 0, last_day = 0;  // inclusive, China local dates
  std::string note;
};

struct RotaSettings {
  int64_t ack_timeout_minutes = 15;
  int64_t fallback_leader_user_id = 0;  // 0: none
};

struct GenerateOptions {
  int year = 0, month = 0;
  std::vector<int64_t> people;   // rotate over these for every shift, in order
  std::vector<int64_t> leaders;  // leader on call, one per day, in order; may be empty
  std::string day_start = "08:30", day_end = "17:30";
  bool replace = false;  // delete the month's existing shifts first
};

// Page status: "pending" (waiting for the person on duty), "escalated"
// (waiting for the leader), "acked".
struct Page {
  int64_t id = 0, notification_id = 0, shift_id = 0, user_id = 0, leader_user_id = 0;
  std::string kind, title, link, status;
  UnixSeconds created_at = 0, acked_at = 0, escalated_at = 0;
  int64_t acked_by = 0;
  std::string ack_note;
  std::string user_name, leader_name, acked_by_name;
};

struct PageQuery {
  int64_t for_user_id = 0;  // pages waiting for this user (pending for them or escalated to them)
  std::string status;       // "" = all
  UnixSeconds from = 0, to = 0;
  int64_t limit = 50, offset = 0;
};

struct Handover {
  int64_t id = 0, shift_id = 0, from_user_id = 0, to_user_id = 0;
  std::string content, open_matters;
  UnixSeconds created_at = 0, acked_at = 0;
  std::string from_name, to_name, shift_kind;
  UnixSeconds shift_starts_at = 0;
};

struct PagingStats {
  int64_t paged = 0, escalated = 0;
};

class RotaService {
 public:
  RotaService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // ---- Shifts (shifts.cc) --------------------------------------------------
  // Shifts overlapping [from, to), by start time.
  Result<std::vector<Shift>> ListShifts(UnixSeconds from, UnixSeconds to);
  Result<Shift> GetShift(int64_t id);
  Result<int64_t> CreateShift(const Actor& actor, const Shift& shift);
  Status UpdateShift(const Actor& actor, const Shift& shift);
  Status DeleteShift(const Actor& actor, int64_t id);
  // Exchanges the people on duty of two shifts (调班).
  Status SwapShifts(const Actor& actor, int64_t a, int64_t b);
  // The shift covering t (the latest started when shifts overlap).
  Result<std::optional<Shift>> OnDutyAt(UnixSeconds t);
  // Builds a month: on working days a day and a night shift, on rest days
  // and holidays one 24-hour shift, people in rotation. A day in a
  // heightened period must have a leader (from leaders or the fallback).
  // Returns the number of shifts created.
  Result<int64_t> GenerateMonth(const Actor& actor, const WorkCalendar& calendar, const GenerateOptions& options);

  // ---- Heightened periods (shifts.cc) ------------------------------------
  Result<std::vector<HeightenedPeriod>> ListPeriods();
  Result<int64_t> SavePeriod(const Actor& actor, const HeightenedPeriod& period);  // id 0: create
  Status DeletePeriod(const Actor& actor, int64_t id);

  // ---- Settings (shifts.cc) ----------------------------------------------
  Result<RotaSettings> GetSettings();
  Status SaveSettings(const Actor& actor, const RotaSettings& settings);

  // ---- Paging (paging.cc) ------------------------------------------------
  Result<int64_t> PageNewNotifications();
  Result<int64_t> EscalateOverdue();
  // Both, as the background worker runs them.
  Result<PagingStats> RunPaging();
  Result<std::vector<Page>> ListPages(const PageQuery& query);
  Result<int64_t> CountPages(const PageQuery& query);
  Result<Page> GetPage(int64_t id);
  Status AckPage(const User& user, int64_t id, const std::string& note);

  // ---- Hand-over notes (handover.cc) -------------------------------------
  // By the person on duty of the shift (or an admin/leader); addressed to
  // the person on duty of the next shift.
  Result<int64_t> CreateHandover(const User& user, int64_t shift_id, const std::string& content,
                                 const std::string& open_matters);
  // Newest first; for_user_id != 0: only those addressed to that user.
  Result<std::vector<Handover>> ListHandovers(int64_t for_user_id, int64_t limit, int64_t offset);
  // The addressee (or an admin) confirms having read it.
  Status AckHandover(const User& user, int64_t id);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace minyi
