// worker: an ingest/analysis process among several on one PostgreSQL
// database (monitor/worker.h), and switching the cluster's ingest mode.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "monitor/inbox.h"
#include "monitor/worker.h"
#include "server/monitor_module.h"

namespace minyi {
namespace {

struct WorkerFlags {
  std::string data;
  std::string set_mode;  // "", "workers" or "server"
  WorkerOptions worker;
  int threads = 0;
  int idle_ms = 1000;
  bool drain = false;
};

Status SwitchMode(Store& store, const Clock& clock, const std::string& mode) {
  Database& db = store.db();
  if (mode == "server") {
    MINYI_ASSIGN_OR_RETURN(InboxStats s, Inbox(db, clock).Stats());
    if (s.queued > 0) {
      return FailedPrecondition("待处理队列中还有 " + std::to_string(s.queued) +
                                " 条信息，请先运行 minyi worker --drain 处理完再切换");
    }
  }
  MINYI_RETURN_IF_ERROR(
      SetIngestMode(db, clock, Actor{0, "命令行"}, mode == "server" ? IngestMode::kServer : IngestMode::kWorkers));
  return Status::Ok();
}

// SIGINT/SIGTERM are blocked (before any thread starts, so every thread
// inherits the mask) and polled between batches: a batch in progress always
// finishes, and a worker killed harder leaves its batch to the lease.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  // True when a stop signal arrived within `ms`.
  bool Arrived(int ms) {
    timespec ts{ms / 1000, (ms % 1000) * 1'000'000L};
    return sigtimedwait(&set_, nullptr, &ts) > 0;
  }

 private:
  sigset_t set_;
};

// Claims and ingests batches until a stop signal, or until nothing is
// claimable when draining. A failed batch is reported and retried later.
void Loop(Worker& worker, const WorkerFlags& flags, StopSignals& signals) {
  int64_t batches = 0, stored = 0;
  for (;;) {
    (void)worker.Heartbeat();
    auto step = worker.RunOnce();
    bool busy = step.ok() && step->claimed > 0;
    if (!step.ok()) {
      std::cerr << "错误：" << step.status().message() << std::endl;
    } else if (busy) {
      ++batches;
      stored += step->result.accepted + step->result.duplicates;
      for (const std::string& e : step->result.errors) std::cerr << "提示：" << e << std::endl;
    } else if (flags.drain) {
      break;
    }
    if (signals.Arrived(busy ? 0 : flags.idle_ms)) break;
  }
  std::cout << "处理进程 " << worker.name() << " 已停止：处理 " << batches << " 批，入库 " << stored << " 条。"
            << std::endl;
}

Status RunWorker(WorkerFlags flags) {
  StopSignals signals;
  SystemClock clock;
  MINYI_ASSIGN_OR_RETURN(std::string location, ResolveStoreLocation(flags.data));
  if (location.rfind("postgres", 0) != 0) {
    return InvalidArgument(
        "minyi worker 需要 PostgreSQL 数据库（--data postgresql://... 或含 database.url 的目录）；"
        "SQLite 数据目录由 minyi serve 自行处理信息");
  }
  MINYI_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStoreForCli(flags.data, clock));
  if (!flags.set_mode.empty()) {
    MINYI_RETURN_IF_ERROR(SwitchMode(*store, clock, flags.set_mode));
    std::cout << (flags.set_mode == "server" ? "已切换：各网页服务自行处理接收的信息。"
                                             : "已切换：网页服务只接收信息，由处理进程处理。")
              << std::endl;
    return Status::Ok();
  }
  MINYI_RETURN_IF_ERROR(SwitchMode(*store, clock, "workers"));
  PipelineOptions po;
  po.analysis_threads = flags.threads;
  po.on_notices = MonitorAlertHook(*store, clock);  // alerts are queued here, delivered by the web servers
  MINYI_ASSIGN_OR_RETURN(std::unique_ptr<Pipeline> pipeline, Pipeline::Create(*store, clock, po));
  Worker worker(*store, clock, *pipeline, flags.worker);
  std::cout << "处理进程 " << worker.name() << " 已启动（按 Ctrl+C 停止）" << std::endl;
  Loop(worker, flags, signals);
  return Status::Ok();
}

}  // namespace

void RegisterWorkerCommands(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<WorkerFlags>();
  CLI::App* cmd = app.add_subcommand("worker", "信息处理进程（多个进程共用一个 PostgreSQL 数据库）");
  cmd->add_option("--data", flags->data, "postgresql://... 数据库地址，或含 database.url 的目录")->required();
  cmd->add_option("--name", flags->worker.name, "进程名称（默认 主机名:进程号）");
  cmd->add_option("--batch", flags->worker.batch_items, "每批处理条数")
      ->capture_default_str()
      ->check(CLI::Range(1, 20000));
  cmd->add_option("--lease-seconds", flags->worker.lease_seconds,
                  "领取一批后的租期（秒），进程中断后超过租期由其他进程接手")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  cmd->add_option("--threads", flags->threads, "分析线程数（0 = 每个核心一个）")->capture_default_str();
  cmd->add_option("--idle-ms", flags->idle_ms, "队列为空时的等待间隔（毫秒）")->capture_default_str();
  cmd->add_flag("--drain", flags->drain, "队列处理完即退出");
  cmd->add_option("--set-mode", flags->set_mode,
                  "只切换处理方式后退出：workers（由处理进程处理）或 server（网页服务自行处理）")
      ->check(CLI::IsMember({"workers", "server"}));
  cmd->add_option("--test-hold-ms", flags->worker.hold_before_complete_ms)->group("");  // tests only
  cmd->callback([&ctx, flags] {
    Status st = RunWorker(*flags);
    if (!st.ok()) ctx.exit_code = PrintError(st);
  });
}

}  // namespace minyi
