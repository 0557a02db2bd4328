#include "store/org.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace minyi {
namespace {

struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view label;
};

constexpr RoleInfo kRoles[] = {
    {Role::kAdmin, "admin", "系统管理员"},   {Role::kLeader, "leader", "分管领导"},
    {Role::kReviewer, "reviewer", "审核人"}, {Role::kEditor, "editor", "编辑"},
    {Role::kHandler, "handler", "承办人"},   {Role::kReporter, "reporter", "信息员"},
};

constexpr std::string_view kUnitKinds[] = {"department", "village", "community", "school", "enterprise", "other"};

std::string UnitJson(const Unit& u) {
  return nlohmann::json{{"id", u.id},     {"parent_id", u.parent_id},   {"name", u.name},
                        {"kind", u.kind}, {"sort_order", u.sort_order}, {"active", u.active}}
      .dump();
}

std::string UserJson(const User& u) {
  return nlohmann::json{{"id", u.id},
                        {"name", u.name},
                        {"display_name", u.display_name},
                        {"role", RoleName(u.role)},
                        {"unit_id", u.unit_id},
                        {"phone", u.phone},
                        {"active", u.active}}
      .dump();
}

SqlValue OptionalId(int64_t id) { return id == 0 ? SqlValue() : SqlValue(id); }

User UserFromRow(const Rows& rows, size_t i) {
  User u;
  u.id = rows.Int(i, "id");
  u.name = rows.Text(i, "name");
  u.display_name = rows.Text(i, "display_name");
  u.role = ParseRole(rows.Text(i, "role")).ok() ? *ParseRole(rows.Text(i, "role")) : Role::kReporter;
  u.unit_id = rows.Int(i, "unit_id");
  u.phone = rows.Text(i, "phone");
  u.active = rows.Int(i, "active") != 0;
  u.created_at = rows.Int(i, "created_at");
  return u;
}

Unit UnitFromRow(const Rows& rows, size_t i) {
  return Unit{rows.Int(i, "id"),    rows.Int(i, "parent_id"),  rows.Text(i, "name"),
              rows.Text(i, "kind"), rows.Int(i, "sort_order"), rows.Int(i, "active") != 0};
}

constexpr const char* kUserColumns = "id, name, display_name, role, unit_id, phone, active, created_at";

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.name;
  }
  return "reporter";
}

std::string_view RoleLabel(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.label;
  }
  return "信息员";
}

Result<Role> ParseRole(std::string_view name) {
  for (const auto& r : kRoles) {
    if (r.name == name) return r.role;
  }
  return InvalidArgument("未知角色：" + std::string(name) +
                         "（可选 admin、leader、reviewer、editor、handler、reporter）");
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = {Role::kAdmin,  Role::kLeader,  Role::kReviewer,
                                         Role::kEditor, Role::kHandler, Role::kReporter};
  return kAll;
}

bool IsValidUnitKind(std::string_view kind) {
  return std::find(std::begin(kUnitKinds), std::end(kUnitKinds), kind) != std::end(kUnitKinds);
}

Result<Organization> OrgRepo::GetOrganization() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT name, short_name, region FROM organization ORDER BY id LIMIT 1"));
  if (rows.empty()) return Organization{};
  return Organization{rows.Text(0, "name"), rows.Text(0, "short_name"), rows.Text(0, "region")};
}

Status OrgRepo::SaveOrganization(const Actor& actor, const Organization& org) {
  if (org.name.empty()) return InvalidArgument("单位名称不能为空");
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT id, name FROM organization ORDER BY id LIMIT 1"));
    std::string before = "null";
    if (rows.empty()) {
      MINYI_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO organization(name, short_name, region, created_at) VALUES (?,?,?,?)",
                     {org.name, org.short_name, org.region, clock_.Now()})
              .status());
    } else {
      before = nlohmann::json{{"name", rows.Text(0, "name")}}.dump();
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE organization SET name = ?, short_name = ?, region = ? WHERE id = ?",
                                       {org.name, org.short_name, org.region, rows.Int(0, "id")})
                                .status());
    }
    std::string after =
        nlohmann::json{{"name", org.name}, {"short_name", org.short_name}, {"region", org.region}}.dump();
    return AppendAudit(tx, clock_, actor, {"update", "organization", "1", before, after});
  });
}

Result<std::vector<Unit>> OrgRepo::ListUnits(bool include_inactive) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id, parent_id, name, kind, sort_order, active FROM units"
                                              " WHERE active = 1 OR ? = 1 ORDER BY sort_order, id",
                                              {include_inactive ? 1 : 0}));
  std::vector<Unit> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(UnitFromRow(rows, i));
  return out;
}

Result<Unit> OrgRepo::GetUnit(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne("SELECT id, parent_id, name, kind, sort_order, active FROM units"
                                                 " WHERE id = ?",
                                                 {id}, "找不到该单位"));
  return UnitFromRow(rows, 0);
}

Status OrgRepo::ValidateUnit(const Unit& unit) {
  if (unit.name.empty() || unit.name.size() > 200) return InvalidArgument("单位名称不能为空且不超过 200 字节");
  if (!IsValidUnitKind(unit.kind)) {
    return InvalidArgument("单位类型无效：" + unit.kind +
                           "（可选 department、village、community、school、enterprise、other）");
  }
  // UNIQUE(parent_id, name) does not cover top-level units (NULL parents
  // are distinct in SQL), so siblings are checked here for every level.
  MINYI_ASSIGN_OR_RETURN(int64_t same, db_.QueryInt("SELECT COUNT(*) FROM units WHERE COALESCE(parent_id, 0) = ?"
                                                    " AND name = ? AND id <> ? AND active = 1",
                                                    {unit.parent_id, unit.name, unit.id}));
  if (same > 0) return AlreadyExists("同一上级下已有同名单位：" + unit.name);
  if (unit.parent_id != 0) {
    MINYI_ASSIGN_OR_RETURN(Unit parent, GetUnit(unit.parent_id));
    (void)parent;
    if (unit.id != 0) {
      // A unit may not move under its own descendant: that would cut a
      // branch off the tree.
      MINYI_ASSIGN_OR_RETURN(std::vector<int64_t> subtree, UnitSubtree(unit.id));
      if (std::find(subtree.begin(), subtree.end(), unit.parent_id) != subtree.end()) {
        return InvalidArgument("上级单位不能是本单位或其下级");
      }
    }
  }
  return Status::Ok();
}

Result<int64_t> OrgRepo::CreateUnit(const Actor& actor, const Unit& unit) {
  MINYI_RETURN_IF_ERROR(ValidateUnit(unit));
  int64_t id = 0;
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO units(parent_id, name, kind, sort_order, active,"
                                 " created_at) VALUES (?,?,?,?,1,?) RETURNING id",
                                 {OptionalId(unit.parent_id), unit.name, unit.kind, unit.sort_order, clock_.Now()}));
    Unit saved = unit;
    saved.id = id;
    return AppendAudit(tx, clock_, actor, {"create", "unit", std::to_string(id), "null", UnitJson(saved)});
  });
  if (!st.ok()) {
    if (st.code() == ErrorCode::kAlreadyExists) return AlreadyExists("同一上级下已有同名单位：" + unit.name);
    return st;
  }
  return id;
}

Status OrgRepo::UpdateUnit(const Actor& actor, const Unit& unit) {
  MINYI_ASSIGN_OR_RETURN(Unit before, GetUnit(unit.id));
  MINYI_RETURN_IF_ERROR(ValidateUnit(unit));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE units SET parent_id = ?, name = ?, kind = ?, sort_order = ?, active = ?"
                   " WHERE id = ?",
                   {OptionalId(unit.parent_id), unit.name, unit.kind, unit.sort_order, unit.active ? 1 : 0, unit.id})
            .status());
    return AppendAudit(tx, clock_, actor,
                       {"update", "unit", std::to_string(unit.id), UnitJson(before), UnitJson(unit)});
  });
}

Status OrgRepo::DeleteUnit(const Actor& actor, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Unit before, GetUnit(id));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(int64_t children,
                           tx.QueryInt("SELECT COUNT(*) FROM units WHERE parent_id = ? AND active = 1", {id}));
    if (children > 0) return FailedPrecondition("该单位下还有下级单位，请先调整或删除下级单位");
    MINYI_ASSIGN_OR_RETURN(int64_t refs, tx.QueryInt("SELECT (SELECT COUNT(*) FROM users WHERE unit_id = ?) +"
                                                     " (SELECT COUNT(*) FROM units WHERE parent_id = ?)",
                                                     {id, id}));
    Unit after = before;
    after.active = false;
    if (refs > 0) {
      // Records still point at the unit: keep it for history, hide it.
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE units SET active = 0 WHERE id = ?", {id}).status());
      return AppendAudit(tx, clock_, actor,
                         {"deactivate", "unit", std::to_string(id), UnitJson(before), UnitJson(after)});
    }
    auto del = tx.Execute("DELETE FROM units WHERE id = ?", {id});
    if (!del.ok()) {
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE units SET active = 0 WHERE id = ?", {id}).status());
      return AppendAudit(tx, clock_, actor,
                         {"deactivate", "unit", std::to_string(id), UnitJson(before), UnitJson(after)});
    }
    return AppendAudit(tx, clock_, actor, {"delete", "unit", std::to_string(id), UnitJson(before), "null"});
  });
}

Result<std::vector<int64_t>> OrgRepo::UnitSubtree(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("WITH RECURSIVE sub(id) AS (SELECT CAST(? AS BIGINT) UNION ALL"
                                              " SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)"
                                              " SELECT id FROM sub",
                                              {id}));
  std::vector<int64_t> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(rows.row(i)[0].AsInt());
  return out;
}

Result<std::vector<User>> OrgRepo::ListUsers() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id"));
  std::vector<User> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(UserFromRow(rows, i));
  return out;
}

Result<User> OrgRepo::GetUser(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?",
                                                 {id}, "找不到该用户"));
  return UserFromRow(rows, 0);
}

Result<std::pair<User, std::string>> OrgRepo::FindUserForLogin(std::string_view name) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne(std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE name = ?",
                              {name}, "用户名或密码错误"));
  return std::make_pair(UserFromRow(rows, 0), rows.Text(0, "password_hash"));
}

Status OrgRepo::ValidateUser(const User& user) {
  if (user.name.empty() || user.name.size() > 64) return InvalidArgument("登录名不能为空且不超过 64 字节");
  for (unsigned char c : user.name) {
    if (c <= ' ' || c == 0x7f) return InvalidArgument("登录名不能包含空格或控制字符");
  }
  if (user.unit_id != 0) MINYI_RETURN_IF_ERROR(GetUnit(user.unit_id).status());
  return Status::Ok();
}

Result<int64_t> OrgRepo::CreateUser(const Actor& actor, const User& user, const std::string& password_hash) {
  MINYI_RETURN_IF_ERROR(ValidateUser(user));
  int64_t id = 0;
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO users(name, display_name, role, unit_id, phone, password_hash, active,"
                                 " created_at, password_changed_at) VALUES (?,?,?,?,?,?,1,?,?) RETURNING id",
                                 {user.name, user.display_name.empty() ? user.name : user.display_name,
                                  RoleName(user.role), OptionalId(user.unit_id), user.phone, password_hash, now, now}));
    User saved = user;
    saved.id = id;
    return AppendAudit(tx, clock_, actor, {"create", "user", std::to_string(id), "null", UserJson(saved)});
  });
  if (!st.ok()) {
    if (st.code() == ErrorCode::kAlreadyExists) return AlreadyExists("登录名已被使用：" + user.name);
    return st;
  }
  return id;
}

Status OrgRepo::UpdateUser(const Actor& actor, const User& user) {
  MINYI_ASSIGN_OR_RETURN(User before, GetUser(user.id));
  MINYI_RETURN_IF_ERROR(ValidateUser(user));
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE users SET name = ?, display_name = ?, role = ?, unit_id = ?, phone = ?,"
                                     " active = ? WHERE id = ?",
                                     {user.name, user.display_name, RoleName(user.role), OptionalId(user.unit_id),
                                      user.phone, user.active ? 1 : 0, user.id})
                              .status());
    if (!user.active) MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM sessions WHERE user_id = ?", {user.id}).status());
    return AppendAudit(tx, clock_, actor,
                       {"update", "user", std::to_string(user.id), UserJson(before), UserJson(user)});
  });
  if (st.code() == ErrorCode::kAlreadyExists) return AlreadyExists("登录名已被使用：" + user.name);
  return st;
}

Status OrgRepo::SetPasswordHash(const Actor& actor, int64_t user_id, const std::string& password_hash) {
  MINYI_RETURN_IF_ERROR(GetUser(user_id).status());
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                                     {password_hash, clock_.Now(), user_id})
                              .status());
    // A password change ends every session of that account.
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id}).status());
    return AppendAudit(tx, clock_, actor, {"set_password", "user", std::to_string(user_id), "null", "null"});
  });
}

}  // namespace minyi
