// The audit log: an append-only, hash-chained record of every change.
//
// Contract: AppendAudit must run inside the same transaction as the change it
// records, so either both are stored or neither. Each row's hash covers its
// fields and the previous row's hash; audit_head keeps the row count and the
// last hash. VerifyAuditChain detects an edited, deleted, inserted or
// reordered row anywhere in the chain, including at its end.
//
// Thread safety: as Database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "store/store.h"

namespace minyi {

// Who made a change. System jobs use id 0 and a name such as "系统".
struct Actor {
  int64_t id = 0;
  std::string name;
};

struct AuditRecord {
  std::string action;  // "create", "update", "delete", "login", "approve"...
  std::string entity;  // "user", "unit", "draft", "case"...
  std::string entity_id;
  std::string before_json = "null";
  std::string after_json = "null";
};

Status AppendAudit(Database& tx, const Clock& clock, const Actor& actor, const AuditRecord& record);

struct AuditVerification {
  int64_t rows_checked = 0;
  std::vector<std::string> problems;  // empty when the chain is intact
  bool ok() const { return problems.empty(); }
};

Result<AuditVerification> VerifyAuditChain(Database& db);

struct AuditRow {
  int64_t id = 0;
  UnixSeconds at = 0;
  std::string actor_name, action, entity, entity_id, before_json, after_json;
};

// Newest first; entity may be empty for all.
Result<std::vector<AuditRow>> ListAudit(Database& db, const std::string& entity, int64_t limit, int64_t offset);

}  // namespace minyi
