// Internal to src/server: request counters and latency histograms, rendered
// in the Prometheus text format at /metrics. Thread-safe.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace minyi {

class Metrics {
 public:
  void Record(const std::string& method, const std::string& route, int status, double seconds);
  std::string Render() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
  struct Series {
    long long count = 0;
    double sum = 0;
    std::array<long long, kBuckets.size()> buckets{};
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_;  // guarded by mu_
  std::map<std::pair<std::string, std::string>, Series> latency_;            // guarded by mu_
  long long errors_ = 0;                                                     // guarded by mu_
};

}  // namespace minyi
