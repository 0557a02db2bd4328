// Topics (监测方案): what the organization monitors, written either as a
// 方案 (地域词 AND 主体词 AND 事件词 AND NOT 排除词) or as an expression in the
// rule language of text/rules.h. Every active topic is compiled into one
// RuleSet the pipeline evaluates with a single lexicon scan per item.
//
// Contract: a topic is stored only when it compiles; errors are Chinese and
// name the list or column at fault. Every change is audited in the same
// transaction. Preview evaluates an unsaved topic over the newest stored
// items (bounded by scan_limit) so staff see what it would catch.
//
// Thread safety: TopicRepo is as Database; the free functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/env.h"
#include "monitor/analysis.h"
#include "store/audit.h"
#include "store/store.h"
#include "text/rules.h"

namespace minyi {

struct Topic {
  int64_t id = 0;
  std::string name;
  std::string mode = "scheme";  // scheme | expression
  std::string expression;       // mode == expression
  RuleScheme scheme;            // mode == scheme
  bool active = true;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Checks name and limits and that the rule compiles; returns the canonical
// tree (for the editor's "how it reads" line).
Result<std::string> ValidateTopic(const Topic& topic);

// Compiles the active topics; a topic that no longer compiles is skipped
// and named in `skipped` (it was valid when saved, but limits may change).
Result<CompiledTopics> CompileTopics(const std::vector<Topic>& topics, std::vector<std::string>* skipped = nullptr);

// The CLI's --topics file: blocks of
//   [名称]
//   地域词：清河县
//   事件词：供暖、暖气
// or
//   [名称]
//   表达式：清河县 (供暖 | 暖气) -广告
// Limits: 1 MB, 1,000 topics. Errors name the line.
Result<std::vector<Topic>> ParseTopicFile(std::string_view text);

class TopicRepo {
 public:
  TopicRepo(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<std::vector<Topic>> List(bool active_only = false);
  Result<Topic> Get(int64_t id);
  Result<int64_t> Create(const Actor& actor, Topic topic);
  Status Update(const Actor& actor, const Topic& topic);
  Status Delete(const Actor& actor, int64_t id);

 private:
  Database& db_;
  const Clock& clock_;
};

struct PreviewHit {
  int64_t item_id = 0;
  std::string title;
  std::string outlet;
  int64_t published_at = 0;
  std::string snippet;  // around the first hit, the hit wrapped in 【】
};

struct TopicPreview {
  int64_t scanned = 0;
  int64_t matched = 0;
  std::vector<PreviewHit> hits;
};

Result<TopicPreview> PreviewTopic(Database& db, const Topic& topic, size_t scan_limit = 20'000, size_t max_hits = 20);

}  // namespace minyi
