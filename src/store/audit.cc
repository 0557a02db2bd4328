#include "store/audit.h"

#include "common/crypto.h"

namespace minyi {
namespace {

std::string RowHash(const std::string& prev, int64_t id, int64_t at, int64_t actor_id, const std::string& actor_name,
                    const AuditRecord& r) {
  // Fields are joined with a unit separator that cannot occur in JSON text
  // unescaped, so two different rows cannot serialize to the same input.
  std::string s = prev;
  for (const std::string& part : {std::to_string(id), std::to_string(at), std::to_string(actor_id), actor_name,
                                  r.action, r.entity, r.entity_id, r.before_json, r.after_json}) {
    s += '\x1f';
    s += part;
  }
  return Sha256Hex(s);
}

}  // namespace

Status AppendAudit(Database& tx, const Clock& clock, const Actor& actor, const AuditRecord& record) {
  // The UPDATE both reserves the next id and, on PostgreSQL, locks the head
  // row so concurrent writers serialize on it.
  MINYI_ASSIGN_OR_RETURN(
      Rows head, tx.QueryOne("UPDATE audit_head SET count = count + 1 WHERE id = 1 RETURNING count, last_hash", {},
                             "审计链头缺失"));
  int64_t id = head.Int(0, "count");
  std::string prev = head.Text(0, "last_hash");
  int64_t at = clock.Now();
  std::string hash = RowHash(prev, id, at, actor.id, actor.name, record);
  MINYI_RETURN_IF_ERROR(
      tx.Execute("INSERT INTO audit_log(id, at, actor_id, actor_name, action, entity, entity_id, before_json,"
                 " after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                 {id, at, actor.id == 0 ? SqlValue() : SqlValue(actor.id), actor.name, record.action, record.entity,
                  record.entity_id, record.before_json, record.after_json, prev, hash})
          .status());
  return tx.Execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", {hash}).status();
}

Result<AuditVerification> VerifyAuditChain(Database& db) {
  AuditVerification out;
  MINYI_ASSIGN_OR_RETURN(Rows head,
                         db.QueryOne("SELECT count, last_hash FROM audit_head WHERE id = 1", {}, "审计链头缺失"));
  std::string prev;
  int64_t expected_id = 1;
  const int64_t kPage = 5000;
  for (int64_t after = 0;;) {
    MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT id, at, actor_id, actor_name, action, entity, entity_id,"
                                               " before_json, after_json, prev_hash, hash FROM audit_log"
                                               " WHERE id > ? ORDER BY id LIMIT ?",
                                               {after, kPage}));
    for (size_t i = 0; i < rows.size(); ++i) {
      int64_t id = rows.Int(i, "id");
      if (id != expected_id) {
        out.problems.push_back("第 " + std::to_string(expected_id) + " 条记录缺失（下一条是第 " + std::to_string(id) +
                               " 条）");
      }
      if (rows.Text(i, "prev_hash") != prev) {
        out.problems.push_back("第 " + std::to_string(id) + " 条记录与前一条不衔接");
      }
      AuditRecord r{rows.Text(i, "action"), rows.Text(i, "entity"), rows.Text(i, "entity_id"),
                    rows.Text(i, "before_json"), rows.Text(i, "after_json")};
      std::string h = RowHash(rows.Text(i, "prev_hash"), id, rows.Int(i, "at"), rows.Int(i, "actor_id"),
                              rows.Text(i, "actor_name"), r);
      if (h != rows.Text(i, "hash")) out.problems.push_back("第 " + std::to_string(id) + " 条记录被修改过");
      prev = rows.Text(i, "hash");
      expected_id = id + 1;
      after = id;
      ++out.rows_checked;
    }
    if (static_cast<int64_t>(rows.size()) < kPage) break;
  }
  if (out.rows_checked != head.Int(0, "count") || prev != head.Text(0, "last_hash")) {
    out.problems.push_back("审计链末尾不符：登记 " + std::to_string(head.Int(0, "count")) + " 条，实有 " +
                           std::to_string(out.rows_checked) + " 条");
  }
  return out;
}

Result<std::vector<AuditRow>> ListAudit(Database& db, const std::string& entity, int64_t limit, int64_t offset) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT id, at, actor_name, action, entity, entity_id, before_json,"
                                             " after_json FROM audit_log WHERE (? = '' OR entity = ?)"
                                             " ORDER BY id DESC LIMIT ? OFFSET ?",
                                             {entity, entity, limit, offset}));
  std::vector<AuditRow> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.Int(i, "id"), rows.Int(i, "at"), rows.Text(i, "actor_name"), rows.Text(i, "action"),
                   rows.Text(i, "entity"), rows.Text(i, "entity_id"), rows.Text(i, "before_json"),
                   rows.Text(i, "after_json")});
  }
  return out;
}

}  // namespace minyi
