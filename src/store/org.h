// The organization model: the organization, its units as a tree, and people
// with roles. Every mutation takes an Actor and writes an audit record in the
// same transaction.
//
// Thread safety: as Database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

enum class Role { kAdmin, kLeader, kReviewer, kEditor, kHandler, kReporter };

std::string_view RoleName(Role role);   // "admin"
std::string_view RoleLabel(Role role);  // "系统管理员"
Result<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

// Unit kinds: department, village, community, school, enterprise, other.
bool IsValidUnitKind(std::string_view kind);

struct Organization {
  std::string name;
  std::string short_name;
  std::string region;
};

struct Unit {
  int64_t id = 0;
  int64_t parent_id = 0;  // 0: top level
  std::string name;
  std::string kind;
  int64_t sort_order = 0;
  bool active = true;
};

struct User {
  int64_t id = 0;
  std::string name;          // login name
  std::string display_name;  // shown in the UI
  Role role = Role::kReporter;
  int64_t unit_id = 0;  // 0: none (organization level)
  std::string phone;
  bool active = true;
  UnixSeconds created_at = 0;
};

class OrgRepo {
 public:
  OrgRepo(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Organization> GetOrganization();
  Status SaveOrganization(const Actor& actor, const Organization& org);

  Result<std::vector<Unit>> ListUnits(bool include_inactive);
  Result<Unit> GetUnit(int64_t id);
  Result<int64_t> CreateUnit(const Actor& actor, const Unit& unit);
  Status UpdateUnit(const Actor& actor, const Unit& unit);
  // Removes a unit that nothing refers to; a unit in use is deactivated instead.
  Status DeleteUnit(const Actor& actor, int64_t id);
  // The unit and all its descendants.
  Result<std::vector<int64_t>> UnitSubtree(int64_t id);

  Result<std::vector<User>> ListUsers();
  Result<User> GetUser(int64_t id);
  // The user and its stored password hash, for login.
  Result<std::pair<User, std::string>> FindUserForLogin(std::string_view name);
  Result<int64_t> CreateUser(const Actor& actor, const User& user, const std::string& password_hash);
  Status UpdateUser(const Actor& actor, const User& user);
  Status SetPasswordHash(const Actor& actor, int64_t user_id, const std::string& password_hash);

 private:
  Status ValidateUnit(const Unit& unit);
  Status ValidateUser(const User& user);

  Database& db_;
  const Clock& clock_;
};

}  // namespace minyi
