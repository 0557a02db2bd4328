// AlertRunner: the alert policy shared by every process through the store.
//
// Why the lock is an UPDATE: `SELECT … FOR UPDATE` is not SQLite. Bumping
// the version first makes the transaction a writer at once — PostgreSQL
// holds the row lock until commit, SQLite's BEGIN IMMEDIATE already holds
// the database — so two processes decide one after the other, the second
// seeing the first one's cooldowns and event levels.
#include <string>

#include "monitor/alert_policy.h"

namespace minyi {

Result<int> AlertRunner::Observe(const std::vector<AlertObservation>& batch) {
  return Run([&batch](AlertPolicy& p, UnixSeconds now) { return p.Observe(batch, now); });
}

Result<int> AlertRunner::Tick() {
  return Run([](AlertPolicy& p, UnixSeconds now) { return p.Tick(now); });
}

Status AlertRunner::Refresh(Database& tx, int64_t version, const std::string& state_json) {
  // 方案, their 命中即提醒 flags and the settings change through other
  // routes and other processes: read them every time (two small queries).
  MINYI_ASSIGN_OR_RETURN(AlertSettings settings, LoadAlertSettings(tx));
  MINYI_ASSIGN_OR_RETURN(std::vector<TopicAlertConfig> topics, LoadTopicAlertConfigs(tx));
  if (policy_ && version == version_) {
    policy_->SetSettings(std::move(settings));
    policy_->SetTopics(std::move(topics));
    return Status::Ok();
  }
  auto fresh = std::make_unique<AlertPolicy>(std::move(settings), std::move(topics));
  // A state this version cannot read (corrupt, or from a newer release)
  // restarts from empty history rather than stopping every alert: losing the
  // spike baseline is the smaller harm, and the next save replaces it.
  if (!state_json.empty()) (void)fresh->StateFromJson(state_json);
  policy_ = std::move(fresh);
  return Status::Ok();
}

Result<int> AlertRunner::Run(const Step& step) {
  std::lock_guard lock(mu_);
  int recorded = 0;
  Status s = store_.db().InTransaction([&](Database& tx) -> Status {
    recorded = 0;
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_alert_state(id, state_json, updated_at, version)"
                                     " VALUES (1, '', ?, 0) ON CONFLICT (id) DO NOTHING",
                                     {clock_.Now()})
                              .status());
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_alert_state SET version = version + 1 WHERE id = 1").status());
    MINYI_ASSIGN_OR_RETURN(Rows row, tx.Query("SELECT version, state_json FROM monitor_alert_state WHERE id = 1"));
    int64_t version = row.Int(0, "version");
    // The version before our bump is what we saved last, if nobody else wrote.
    MINYI_RETURN_IF_ERROR(Refresh(tx, version - 1, row.Text(0, "state_json")));
    version_ = -1;  // until this transaction commits, memory may be ahead of the store
    for (const AlertDecision& d : step(*policy_, clock_.Now())) {
      MINYI_RETURN_IF_ERROR(EmitAlert(tx, clock_, d).status());
      ++recorded;
    }
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_alert_state SET state_json = ?, updated_at = ? WHERE id = 1",
                                     {policy_->StateToJson(), clock_.Now()})
                              .status());
    version_ = version;
    return Status::Ok();
  });
  if (!s.ok()) {
    version_ = -1;  // rolled back: the next call reloads what the store holds
    return s;
  }
  return recorded;
}

}  // namespace minyi
