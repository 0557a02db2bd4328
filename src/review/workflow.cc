// The review workflow's vocabulary and state machine, free of storage; plus
// the upload decoding the desk's API uses.
#include <algorithm>
#include <cctype>
#include <iterator>

#include "review/desk.h"
#include "review/document.h"

namespace minyi {
namespace {

struct StageInfo {
  ReviewStage stage;
  std::string_view name, label;
};
constexpr StageInfo kStages[] = {{ReviewStage::kFirst, "first", "初审"},
                                 {ReviewStage::kSecond, "second", "复审"},
                                 {ReviewStage::kFinal, "final", "终审"}};

struct StatusInfo {
  DraftStatus status;
  std::string_view name, label;
};
constexpr StatusInfo kStatuses[] = {
    {DraftStatus::kInReview, "in_review", "审核中"},      {DraftStatus::kReturned, "returned", "退回修改"},
    {DraftStatus::kApproved, "approved", "已通过待发布"}, {DraftStatus::kRejected, "rejected", "不予发布"},
    {DraftStatus::kPublished, "published", "已发布"},     {DraftStatus::kWithdrawn, "withdrawn", "已撤回"}};

struct DecisionInfo {
  ReviewDecision decision;
  std::string_view name, label;
};
constexpr DecisionInfo kDecisions[] = {{ReviewDecision::kApprove, "approve", "通过"},
                                       {ReviewDecision::kReturn, "return", "退回修改"},
                                       {ReviewDecision::kReject, "reject", "不予发布"},
                                       {ReviewDecision::kWithdraw, "withdraw", "撤回"}};

struct KindInfo {
  std::string_view name, label;
};
constexpr KindInfo kKinds[] = {{"website", "网站"},  {"wechat", "微信公众号"}, {"weibo", "微博"},
                               {"video", "视频号"},  {"app", "客户端"},        {"workgroup", "工作群"},
                               {"screen", "电子屏"}, {"terminal", "终端"},     {"other", "其他"}};

}  // namespace

std::string_view StageName(ReviewStage s) { return kStages[static_cast<int>(s)].name; }
std::string_view StageLabel(ReviewStage s) { return kStages[static_cast<int>(s)].label; }
Result<ReviewStage> ParseStage(std::string_view name) {
  for (const auto& s : kStages) {
    if (s.name == name) return s.stage;
  }
  return InvalidArgument("未知审核环节：" + std::string(name) + "（可选 first 初审、second 复审、final 终审）");
}

std::string_view DraftStatusName(DraftStatus s) { return kStatuses[static_cast<int>(s)].name; }
std::string_view DraftStatusLabel(DraftStatus s) { return kStatuses[static_cast<int>(s)].label; }
Result<DraftStatus> ParseDraftStatus(std::string_view name) {
  for (const auto& s : kStatuses) {
    if (s.name == name) return s.status;
  }
  return InvalidArgument("未知稿件状态：" + std::string(name));
}

std::string_view DecisionName(ReviewDecision d) { return kDecisions[static_cast<int>(d)].name; }
std::string_view DecisionLabel(ReviewDecision d) { return kDecisions[static_cast<int>(d)].label; }
Result<ReviewDecision> ParseDecision(std::string_view name) {
  for (const auto& d : kDecisions) {
    if (d.name == name) return d.decision;
  }
  return InvalidArgument("未知审核意见：" + std::string(name) +
                         "（可选 approve 通过、return 退回修改、reject 不予发布）");
}

Result<std::vector<ReviewStage>> ParseStageList(std::string_view csv) {
  std::vector<ReviewStage> out;
  size_t pos = 0;
  while (pos <= csv.size()) {
    size_t comma = csv.find(',', pos);
    std::string_view part = csv.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) {
      MINYI_ASSIGN_OR_RETURN(ReviewStage s, ParseStage(part));
      if (!out.empty() && static_cast<int>(s) <= static_cast<int>(out.back())) {
        return InvalidArgument("审核环节须按 初审、复审、终审 的顺序且不重复");
      }
      out.push_back(s);
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  if (out.empty()) return InvalidArgument("至少需要一个审核环节");
  return out;
}

std::string StageListName(const std::vector<ReviewStage>& stages) {
  std::string out;
  for (ReviewStage s : stages) {
    if (!out.empty()) out += ',';
    out += StageName(s);
  }
  return out;
}

bool RoleMayDecide(Role role, ReviewStage stage) {
  switch (stage) {
    case ReviewStage::kFirst:
      return role == Role::kEditor || role == Role::kReviewer || role == Role::kAdmin;
    case ReviewStage::kSecond:
      return role == Role::kReviewer;
    case ReviewStage::kFinal:
      return role == Role::kLeader;
  }
  return false;
}

bool RoleMayAuthor(Role role) {
  return role == Role::kEditor || role == Role::kReviewer || role == Role::kLeader || role == Role::kAdmin;
}

bool IsValidChannelKind(std::string_view kind) {
  return std::any_of(std::begin(kKinds), std::end(kKinds), [&](const KindInfo& k) { return k.name == kind; });
}

std::string_view ChannelKindLabel(std::string_view kind) {
  for (const auto& k : kKinds) {
    if (k.name == kind) return k.label;
  }
  return "其他";
}

WorkflowState InitialState(const std::vector<ReviewStage>& required) {
  WorkflowState s;
  s.status = DraftStatus::kInReview;
  s.stage = required.empty() ? ReviewStage::kFirst : required.front();
  return s;
}

Result<WorkflowState> ApplyDecision(const std::vector<ReviewStage>& required, const WorkflowState& s, ReviewStage at,
                                    ReviewDecision d) {
  if (s.status != DraftStatus::kInReview || !s.stage) {
    return FailedPrecondition("稿件当前状态为“" + std::string(DraftStatusLabel(s.status)) + "”，不在审核中");
  }
  if (*s.stage != at) {
    return FailedPrecondition("稿件当前处于" + std::string(StageLabel(*s.stage)) + "环节，不能作出" +
                              std::string(StageLabel(at)) + "意见（页面可能已过期，请刷新）");
  }
  WorkflowState next;
  switch (d) {
    case ReviewDecision::kApprove: {
      auto it = std::find(required.begin(), required.end(), at);
      if (it == required.end()) return FailedPrecondition("该阵地不需要" + std::string(StageLabel(at)));
      ++it;
      if (it == required.end()) {
        next.status = DraftStatus::kApproved;
      } else {
        next.status = DraftStatus::kInReview;
        next.stage = *it;
      }
      return next;
    }
    case ReviewDecision::kReturn:
      next.status = DraftStatus::kReturned;
      return next;
    case ReviewDecision::kReject:
      next.status = DraftStatus::kRejected;
      return next;
    case ReviewDecision::kWithdraw:
      return InvalidArgument("撤回只能由稿件作者操作，不是审核意见");
  }
  return Internal("未知审核意见");
}

Result<WorkflowState> ApplyEdit(const std::vector<ReviewStage>& required, const WorkflowState& s) {
  if (s.status == DraftStatus::kRejected) return FailedPrecondition("稿件已被决定不予发布，不能再修改");
  if (s.status == DraftStatus::kPublished) return FailedPrecondition("稿件已发布，不能再修改");
  return InitialState(required);
}

Result<WorkflowState> ApplyPublish(const WorkflowState& s) {
  if (s.status != DraftStatus::kApproved) {
    return FailedPrecondition("只有终审通过的稿件才能登记发布（当前状态：" + std::string(DraftStatusLabel(s.status)) +
                              "）");
  }
  return WorkflowState{DraftStatus::kPublished, std::nullopt};
}

Result<WorkflowState> ApplyWithdraw(const WorkflowState& s) {
  if (s.status != DraftStatus::kInReview || !s.stage) {
    return FailedPrecondition("只有审核中（尚未终审通过）的稿件才能撤回（当前状态：" +
                              std::string(DraftStatusLabel(s.status)) + "）");
  }
  return WorkflowState{DraftStatus::kWithdrawn, std::nullopt};
}

Result<std::string> DecodeBase64(std::string_view in, size_t max_bytes) {
  // Optional "data:...;base64," prefix from a browser's FileReader.
  if (in.substr(0, 5) == "data:") {
    size_t comma = in.find(',');
    if (comma == std::string_view::npos) return InvalidArgument("上传内容不是有效的 base64 编码");
    in.remove_prefix(comma + 1);
  }
  if (in.size() / 4 * 3 > max_bytes + 3) {
    return ResourceExhausted("上传文件过大（上限 " + std::to_string(max_bytes >> 20) + " MB）");
  }
  std::string out;
  out.reserve(in.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0;
  size_t pad = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+' || c == '-') {
      v = 62;
    } else if (c == '/' || c == '_') {
      v = 63;
    } else if (c == '=') {
      ++pad;
      continue;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      continue;
    } else {
      return InvalidArgument("上传内容不是有效的 base64 编码");
    }
    if (pad > 0) return InvalidArgument("上传内容不是有效的 base64 编码（填充符位置错误）");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (pad > 2 || bits >= 6) return InvalidArgument("上传内容不是有效的 base64 编码（长度不对）");
  if (out.size() > max_bytes) {
    return ResourceExhausted("上传文件过大（上限 " + std::to_string(max_bytes >> 20) + " MB）");
  }
  return out;
}

Result<std::string> ReadUploadedDraft(std::string_view bytes, std::string_view filename) {
  if (bytes.empty()) return InvalidArgument("上传的文件是空的");
  if (bytes.size() > kMaxDraftUploadBytes) {
    return ResourceExhausted("上传文件过大（上限 " + std::to_string(kMaxDraftUploadBytes >> 20) + " MB）");
  }
  std::string lower(filename);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](std::string_view ext) {
    return lower.size() >= ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (!(ends(".txt") || ends(".md") || ends(".markdown") || ends(".html") || ends(".htm") || ends(".docx"))) {
    if (ends(".doc") || ends(".wps")) {
      return InvalidArgument("不支持旧版 Word（.doc/.wps）文件，请在 Word 或 WPS 中另存为 .docx 后再上传");
    }
    return InvalidArgument("不支持的文件类型：" + std::string(filename) + "（可上传 .txt、.md、.html、.docx）");
  }
  ReadLimits limits;
  limits.max_file_bytes = kMaxDraftUploadBytes;
  limits.max_text_chars = kMaxDraftTextBytes;
  limits.time_budget_ms = 5000;
  auto doc = ReadDocumentBytes(bytes, DocumentFormat::kAuto, filename, limits);
  if (!doc.ok()) return doc.status().WithContext("无法读取上传的文件");
  if (doc->text.size() > kMaxDraftTextBytes) {
    return ResourceExhausted("文件中的文字过多（上限 " + std::to_string(kMaxDraftTextBytes >> 20) + " MB）");
  }
  bool blank = std::all_of(doc->text.begin(), doc->text.end(),
                           [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
  if (blank) return InvalidArgument("上传的文件中没有文字");
  return std::move(doc->text);
}

}  // namespace minyi
