// The JSONL formats of `minyi analyze` (offline pipeline).
//
// Input line: {"id","source","url","title","text","published_at"} —
// published_at as unix seconds or an ISO time; "source" is the outlet name.
// Output line: the input fields plus "dup_of" (id or null), "simhash" (16
// hex digits), "sentiment": {"label","score"}, "keywords", "topics",
// "event" (id or null).
//
// Limits: a line is at most kMaxAnalyzeLineBytes and nests at most 8 deep;
// anything else is kInvalidArgument / kResourceExhausted with a Chinese
// message (the CLI prefixes the line number).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "monitor/pipeline.h"

namespace minyi {

inline constexpr size_t kMaxAnalyzeLineBytes = 1u << 20;

Result<AnalyzeInput> ParseAnalyzeLine(std::string_view line);
std::string FormatAnalyzedLine(const AnalyzeInput& in, const AnalyzedItem& out);

}  // namespace minyi
