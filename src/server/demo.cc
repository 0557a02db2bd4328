// Demo data: a county bureau with departments and villages and one account
// per role, so a newcomer can log in and look around.
#include <iterator>
#include <map>

#include "server/demo_internal.h"
#include "server/server.h"
#include "store/org.h"

namespace minyi {
namespace {

struct DemoUnit {
  const char* name;
  const char* kind;
};

constexpr DemoUnit kDepartments[] = {
    {"办公室", "department"},     {"宣传科", "department"},     {"政策法规科", "department"},
    {"信访接待室", "department"}, {"网络信息科", "department"},
};
constexpr DemoUnit kTowns[] = {{"城关镇", "other"}, {"青石乡", "other"}};
constexpr DemoUnit kVillages[][3] = {
    {{"东关村", "village"}, {"西街社区", "community"}, {"城关镇中心小学", "school"}},
    {{"石桥村", "village"}, {"柳树湾村", "village"}, {"青石乡中学", "school"}},
};

struct DemoAccount {
  const char* name;
  const char* display_name;
  Role role;
  const char* unit;  // "" for the organization level
};

constexpr DemoAccount kAccounts[] = {
    {"admin", "系统管理员", Role::kAdmin, "办公室"},     {"leader", "王局长", Role::kLeader, ""},
    {"reviewer", "李科长", Role::kReviewer, "宣传科"},   {"editor", "张编辑", Role::kEditor, "宣传科"},
    {"handler", "赵干事", Role::kHandler, "信访接待室"}, {"reporter", "刘信息员", Role::kReporter, "东关村"},
};

}  // namespace

Status SeedDemo(Store& store, const Clock& clock, const std::string& password) {
  OrgRepo org(store.db(), clock);
  MINYI_ASSIGN_OR_RETURN(Organization existing, org.GetOrganization());
  if (!existing.name.empty()) return Status::Ok();
  Actor system{0, "系统（演示数据）"};
  DemoContext demo{&store, &clock, {}, {}};
  MINYI_RETURN_IF_ERROR(org.SaveOrganization(system, {"清河县融媒体中心", "县融媒体中心", "清河县"}));
  std::map<std::string, int64_t> ids;
  int order = 0;
  for (const DemoUnit& d : kDepartments) {
    MINYI_ASSIGN_OR_RETURN(ids[d.name], org.CreateUnit(system, Unit{0, 0, d.name, d.kind, ++order, true}));
  }
  for (size_t t = 0; t < std::size(kTowns); ++t) {
    MINYI_ASSIGN_OR_RETURN(int64_t town,
                           org.CreateUnit(system, Unit{0, 0, kTowns[t].name, kTowns[t].kind, ++order, true}));
    ids[kTowns[t].name] = town;
    for (const DemoUnit& v : kVillages[t]) {
      MINYI_ASSIGN_OR_RETURN(ids[v.name], org.CreateUnit(system, Unit{0, town, v.name, v.kind, ++order, true}));
    }
  }
  MINYI_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  for (const DemoAccount& a : kAccounts) {
    User u;
    u.name = a.name;
    u.display_name = a.display_name;
    u.role = a.role;
    u.unit_id = a.unit[0] ? ids[a.unit] : 0;
    MINYI_ASSIGN_OR_RETURN(int64_t user_id, org.CreateUser(system, u, hash));
    demo.user_ids[a.name] = user_id;
  }
  demo.unit_ids = ids;
  for (auto seed :
       {SeedNotifyDemo, SeedMonitorDemo, SeedCasesDemo, SeedDutyDemo, SeedRotaDemo, SeedAssessDemo, SeedReviewDemo}) {
    MINYI_RETURN_IF_ERROR(seed(demo));
  }
  return Status::Ok();
}

}  // namespace minyi
