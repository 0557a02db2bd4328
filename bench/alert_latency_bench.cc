// Alert latency: from an item's arrival at the alert policy to the message
// reaching a local HTTP receiver — AlertPolicy::Observe, EmitAlert (outbox
// row in a transaction), the DeliveryWorker's poll (250 ms, as the server
// runs it) and the HTTP POST. Peer: the same POST sent directly (no outbox),
// run side by side. Target (issue 5): p99 under 2 s.
//
//   bench/alert_latency_bench [rounds=200] [gap_ms=37]
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "monitor/alert_policy.h"
#include "notify/formats.h"
#include "notify/notify.h"

using namespace minyi;  // NOLINT: a benchmark's main

namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 200;
  int gap_ms = argc > 2 ? std::atoi(argv[2]) : 37;
  std::mutex mu;
  std::map<std::string, int64_t> arrived;  // title -> steady ns
  httplib::Server rx;
  rx.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    int64_t t = NowNs();
    auto pos = req.body.find("\"title\":\"");
    std::string title = req.body.substr(pos + 9, req.body.find('"', pos + 9) - pos - 9);
    std::lock_guard<std::mutex> lock(mu);
    arrived[title] = t;
    res.set_content("{}", "application/json");
  });
  int port = rx.bind_to_any_port("127.0.0.1");
  std::thread server([&] { rx.listen_after_bind(); });
  while (!rx.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  auto dir = std::filesystem::temp_directory_path() / ("minyi-alert-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  SystemClock clock;
  auto store = Store::Open({dir.string(), 4, 10000, &clock});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  Database& db = (*store)->db();
  Channel ch;
  ch.name = "bench";
  ch.kind = ChannelKind::kWebhook;
  ch.config.url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  if (!CreateChannel(db, clock, {0, "bench"}, ch).ok()) return 1;

  AlertSettings settings;
  settings.quiet_hours = false;
  settings.min_interval_seconds = 0;
  settings.cooldown_seconds = 0;
  AlertPolicy policy(settings, {{1, "基准", true}});
  DeliveryWorker worker(**store, clock, DeliveryOptions{});
  worker.Start();

  std::vector<double> outbox_ms, direct_ms;
  for (int i = 0; i < rounds; ++i) {
    std::string item_title = "条目" + std::to_string(i);
    int64_t start = NowNs();
    AlertObservation o;
    o.item_id = i + 1;
    o.topic_ids = {1};
    o.title = item_title;
    auto decisions = policy.Observe({o}, clock.Now());
    std::string title;
    Status st = db.InTransaction([&](Database& tx) -> Status {
      for (const auto& d : decisions) {
        title = d.title;
        MINYI_RETURN_IF_ERROR(EmitAlert(tx, clock, d).status());
      }
      return Status::Ok();
    });
    if (!st.ok() || title.empty()) {
      std::fprintf(stderr, "round %d: %s\n", i, st.ToString().c_str());
      return 1;
    }
    for (int w = 0; w < 5000; ++w) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (arrived.count(title)) break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      outbox_ms.push_back((arrived[title] - start) / 1e6);
    }
    // Peer: the same message POSTed directly.
    HttpRequestSpec req{
        ch.config.url, {{"Content-Type", "application/json"}}, "{\"title\":\"direct" + std::to_string(i) + "\"}"};
    int64_t d0 = NowNs();
    if (!HttpPost(req, 5000).ok()) return 1;
    direct_ms.push_back((NowNs() - d0) / 1e6);
    std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
  }
  worker.Stop();
  rx.stop();
  server.join();
  std::filesystem::remove_all(dir);
  std::printf("rounds=%d gap_ms=%d\n", rounds, gap_ms);
  std::printf("arrival->delivered (policy+outbox+worker+POST): p50 %.1f ms  p99 %.1f ms  max %.1f ms\n",
              Percentile(outbox_ms, 0.5), Percentile(outbox_ms, 0.99), Percentile(outbox_ms, 1.0));
  std::printf("peer: direct POST:                             p50 %.1f ms  p99 %.1f ms\n", Percentile(direct_ms, 0.5),
              Percentile(direct_ms, 0.99));
  std::printf("target p99 < 2000 ms: %s\n", Percentile(outbox_ms, 0.99) < 2000 ? "met" : "MISSED");
  return 0;
}
