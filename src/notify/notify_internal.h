// Internal to src/notify: helpers shared between its .cc files.
#pragma once

#include "notify/notify.h"

namespace minyi {

Channel ChannelFromRow(const Rows& rows, size_t i);

// The backoff before attempt number `attempts + 1`, with jitter in
// [-jitter, +jitter] of it drawn from `unit` in [0, 1).
int64_t BackoffSeconds(const DeliveryOptions& options, int64_t attempts, double unit);

}  // namespace minyi
