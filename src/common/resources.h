// Where run-time resources (web UI, lexicons, compiled dictionaries) live.
//
// Contract: resources are staged by the build into <build>/share/minyi. The
// binary looks, in order, at $MINYI_RESOURCES, <dir of the executable>/share/minyi,
// and the build-time path; the first that holds a "VERSION" file wins.
// Thread-safe (reads the environment only).
#pragma once

#include <string>

namespace minyi {

std::string ResourceDir();

}  // namespace minyi
