#include "server/metrics.h"

#include <sstream>

namespace minyi {

void Metrics::Record(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  if (status >= 500) ++errors_;
  Series& s = latency_[{method, route}];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  }
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  out << "# HELP minyi_http_requests_total HTTP requests by method, route and status.\n"
      << "# TYPE minyi_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "minyi_http_requests_total{method=\"" << std::get<0>(key) << "\",route=\"" << std::get<1>(key)
        << "\",status=\"" << std::get<2>(key) << "\"} " << n << "\n";
  }
  out << "# HELP minyi_http_server_errors_total Responses with a 5xx status.\n"
      << "# TYPE minyi_http_server_errors_total counter\n"
      << "minyi_http_server_errors_total " << errors_ << "\n";
  out << "# HELP minyi_http_request_duration_seconds Request latency.\n"
      << "# TYPE minyi_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : latency_) {
    std::string labels = "method=\"" + key.first + "\",route=\"" + key.second + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "minyi_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
          << s.buckets[i] << "\n";
    }
    out << "minyi_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << s.count << "\n";
    out << "minyi_http_request_duration_seconds_sum{" << labels << "} " << s.sum << "\n";
    out << "minyi_http_request_duration_seconds_count{" << labels << "} " << s.count << "\n";
  }
  return out.str();
}

}  // namespace minyi
