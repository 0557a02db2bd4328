// serve and demo: run the HTTP server on a data directory.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <thread>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "common/resources.h"
#include "server/server.h"

namespace minyi {
namespace {

constexpr const char* kDemoPassword = "minyi2026";

struct ServeFlags {
  std::string data = "minyi-data";
  std::string listen = "127.0.0.1:8080";
  std::string web;
  std::vector<std::string> trusted_proxies;
};

bool IsSqliteDir(const std::string& data) { return data.rfind("postgres", 0) != 0; }

Status Serve(const ServeFlags& flags, bool demo) {
  SystemClock clock;
  ServerOptions options;
  MINYI_RETURN_IF_ERROR(ParseListenAddress(flags.listen, &options.host, &options.port));
  // Signals are taken by a dedicated thread with sigwait, so no handler has
  // to reach the server through a global. Blocked before the store opens:
  // every thread started from here on (the store's, the server's) inherits
  // the mask, so SIGTERM cannot land in one of them and kill the process.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::unique_ptr<DataDirLock> lock;
  if (IsSqliteDir(flags.data)) {
    std::string dir = flags.data.rfind("sqlite:", 0) == 0 ? flags.data.substr(7) : flags.data;
    MINYI_ASSIGN_OR_RETURN(lock, DataDirLock::Acquire(dir));
  }
  MINYI_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStoreForCli(flags.data, clock));
  if (demo) MINYI_RETURN_IF_ERROR(SeedDemo(*store, clock, kDemoPassword));
  options.store = store.get();
  options.clock = &clock;
  options.trusted_proxies = flags.trusted_proxies;
  options.web_root = flags.web.empty() ? ResourceDir() + "/web" : flags.web;
  MINYI_ASSIGN_OR_RETURN(std::unique_ptr<Server> server, Server::Create(options));

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&set, &sig);
    server->Stop();
  });
  Status st = server->Run([&](int port) {
    std::string url = "http://" + options.host + ":" + std::to_string(port);
    std::cout << "Minyi 已启动：" << url << "  （数据目录 " << flags.data << "，按 Ctrl+C 停止）" << std::endl;
    if (demo) {
      std::cout << "演示账号（密码均为 " << kDemoPassword << "）：admin 系统管理员、leader 分管领导、"
                << "reviewer 审核人、editor 编辑、handler 承办人、reporter 信息员" << std::endl;
      std::cout << "请用浏览器打开 " << url << " 并以 admin / " << kDemoPassword << " 登录。" << std::endl;
    }
  });
  // Wake the waiter if the server stopped on its own.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return st;
}

void AddServeFlags(CLI::App* cmd, ServeFlags& flags) {
  cmd->add_option("--data", flags.data, "数据目录（SQLite），或 postgresql://...")->capture_default_str();
  cmd->add_option("--listen", flags.listen, "监听地址 主机:端口")->capture_default_str();
  cmd->add_option("--web", flags.web, "网页文件目录（默认使用安装目录中的网页）");
  cmd->add_option("--trusted-proxy", flags.trusted_proxies,
                  "反向代理的地址（可重复）：来自这些地址的请求按 X-Forwarded-For 识别用户地址");
}

}  // namespace

void RegisterServerCommands(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* serve = app.add_subcommand("serve", "启动网页服务");
  AddServeFlags(serve, *flags);
  serve->callback([&ctx, flags] {
    Status st = Serve(*flags, false);
    if (!st.ok()) ctx.exit_code = PrintError(st);
  });

  auto demo_flags = std::make_shared<ServeFlags>();
  CLI::App* demo = app.add_subcommand("demo", "创建演示数据并启动网页服务");
  AddServeFlags(demo, *demo_flags);
  demo->callback([&ctx, demo_flags] {
    Status st = Serve(*demo_flags, true);
    if (!st.ok()) ctx.exit_code = PrintError(st);
  });
}

}  // namespace minyi
