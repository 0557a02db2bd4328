// user, backup, restore, audit: administration from the command line.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "server/server.h"
#include "store/audit.h"
#include "store/org.h"

namespace minyi {
namespace {

struct UserFlags {
  std::string data = "minyi-data";
  std::string name, role, display_name;
  int64_t unit_id = 0;
};

// The password comes from the first line of stdin so it never shows in the
// process list or shell history.
Result<std::string> ReadPasswordFromStdin() {
  std::string line;
  if (!std::getline(std::cin, line))
    return InvalidArgument("请从标准输入提供密码（例如 echo 密码 | minyi user add ...）");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  MINYI_RETURN_IF_ERROR(CheckPasswordPolicy(line));
  return line;
}

Status AddUser(const UserFlags& f) {
  MINYI_ASSIGN_OR_RETURN(Role role, ParseRole(f.role));
  MINYI_ASSIGN_OR_RETURN(std::string password, ReadPasswordFromStdin());
  SystemClock clock;
  MINYI_ASSIGN_OR_RETURN(auto store, OpenStoreForCli(f.data, clock));
  MINYI_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  OrgRepo org(store->db(), clock);
  User u;
  u.name = f.name;
  u.display_name = f.display_name.empty() ? f.name : f.display_name;
  u.role = role;
  u.unit_id = f.unit_id;
  MINYI_ASSIGN_OR_RETURN(int64_t id, org.CreateUser(Actor{0, "命令行"}, u, hash));
  std::cout << "已创建用户 " << f.name << "（编号 " << id << "，角色 " << RoleLabel(role) << "）\n";
  return Status::Ok();
}

Status SetPassword(const UserFlags& f) {
  MINYI_ASSIGN_OR_RETURN(std::string password, ReadPasswordFromStdin());
  SystemClock clock;
  MINYI_ASSIGN_OR_RETURN(auto store, OpenStoreForCli(f.data, clock));
  OrgRepo org(store->db(), clock);
  MINYI_ASSIGN_OR_RETURN(auto found, org.FindUserForLogin(f.name));
  MINYI_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  MINYI_RETURN_IF_ERROR(org.SetPasswordHash(Actor{0, "命令行"}, found.first.id, hash));
  std::cout << "已重设用户 " << f.name << " 的密码\n";
  return Status::Ok();
}

Status Backup(const std::string& data, const std::string& out) {
  SystemClock clock;
  MINYI_ASSIGN_OR_RETURN(auto store, OpenStoreForCli(data, clock));
  MINYI_RETURN_IF_ERROR(store->Backup(out));
  std::cout << "已备份到 " << out << "\n";
  return Status::Ok();
}

Status Restore(const std::string& data, const std::string& from) {
  std::string dir = data.rfind("sqlite:", 0) == 0 ? data.substr(7) : data;
  MINYI_ASSIGN_OR_RETURN(auto lock, DataDirLock::Acquire(dir));
  MINYI_RETURN_IF_ERROR(RestoreBackup(data, from));
  std::cout << "已从 " << from << " 恢复到 " << data << "（原数据库保留为 minyi.db.before-restore）\n";
  return Status::Ok();
}

int VerifyAudit(const std::string& data) {
  SystemClock clock;
  auto store = OpenStoreForCli(data, clock);
  if (!store.ok()) return PrintError(store.status());
  auto report = VerifyAuditChain((*store)->db());
  if (!report.ok()) return PrintError(report.status());
  if (report->ok()) {
    std::cout << "审计链完好：共 " << report->rows_checked << " 条记录\n";
    return 0;
  }
  std::cout << "审计链异常：检查了 " << report->rows_checked << " 条记录，发现 " << report->problems.size()
            << " 处问题\n";
  for (const std::string& p : report->problems) std::cout << "  - " << p << "\n";
  return 1;
}

void Report(CliContext& ctx, const Status& st) {
  if (!st.ok()) ctx.exit_code = PrintError(st);
}

}  // namespace

void RegisterAdminCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* user = app.add_subcommand("user", "管理账号");
  user->require_subcommand(1);
  auto uf = std::make_shared<UserFlags>();
  CLI::App* add = user->add_subcommand("add", "新增账号（密码从标准输入读取）");
  add->add_option("--data", uf->data, "数据目录")->capture_default_str();
  add->add_option("--name", uf->name, "登录名")->required();
  add->add_option("--role", uf->role, "角色：admin leader reviewer editor handler reporter")->required();
  add->add_option("--display-name", uf->display_name, "显示名称");
  add->add_option("--unit-id", uf->unit_id, "所属单位编号");
  add->callback([&ctx, uf] { Report(ctx, AddUser(*uf)); });
  CLI::App* passwd = user->add_subcommand("passwd", "重设密码（新密码从标准输入读取）");
  passwd->add_option("--data", uf->data, "数据目录")->capture_default_str();
  passwd->add_option("--name", uf->name, "登录名")->required();
  passwd->callback([&ctx, uf] { Report(ctx, SetPassword(*uf)); });

  auto paths = std::make_shared<std::pair<std::string, std::string>>("minyi-data", "");
  CLI::App* backup = app.add_subcommand("backup", "在线备份数据库到一个文件");
  backup->add_option("--data", paths->first, "数据目录")->capture_default_str();
  backup->add_option("--out", paths->second, "备份文件")->required();
  backup->callback([&ctx, paths] { Report(ctx, Backup(paths->first, paths->second)); });

  auto rpaths = std::make_shared<std::pair<std::string, std::string>>("minyi-data", "");
  CLI::App* restore = app.add_subcommand("restore", "从备份文件恢复（需先停止服务）");
  restore->add_option("--data", rpaths->first, "数据目录")->capture_default_str();
  restore->add_option("--from,--in", rpaths->second, "备份文件")->required();
  restore->callback([&ctx, rpaths] { Report(ctx, Restore(rpaths->first, rpaths->second)); });

  CLI::App* audit = app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  auto adata = std::make_shared<std::string>("minyi-data");
  CLI::App* verify = audit->add_subcommand("verify", "校验审计链是否被篡改");
  verify->add_option("--data", *adata, "数据目录")->capture_default_str();
  verify->callback([&ctx, adata] { ctx.exit_code = VerifyAudit(*adata); });
}

}  // namespace minyi
