// Channels (阵地): where the organization publishes, and the review policy
// each one requires.
#include <nlohmann/json.hpp>

#include "review/desk.h"
#include "review/desk_internal.h"

namespace minyi {
namespace {

using review_internal::ActorOf;
using review_internal::OptionalId;

constexpr const char* kChannelColumns =
    "id, kind, name, address, unit_id, manager_id, stages, last_check_at, note, active, created_at, updated_at";

Channel ChannelFromRow(const Rows& r, size_t i) {
  Channel c;
  c.id = r.Int(i, "id");
  c.kind = r.Text(i, "kind");
  c.name = r.Text(i, "name");
  c.address = r.Text(i, "address");
  c.unit_id = r.Int(i, "unit_id");
  c.manager_id = r.Int(i, "manager_id");
  c.stages = review_internal::StagesOrDefault(r.Text(i, "stages"));
  c.last_check_at = r.Int(i, "last_check_at");
  c.note = r.Text(i, "note");
  c.active = r.Int(i, "active") != 0;
  c.created_at = r.Int(i, "created_at");
  c.updated_at = r.Int(i, "updated_at");
  return c;
}

std::string ChannelJson(const Channel& c) {
  return nlohmann::json{{"id", c.id},
                        {"kind", c.kind},
                        {"name", c.name},
                        {"address", c.address},
                        {"unit_id", c.unit_id},
                        {"manager_id", c.manager_id},
                        {"stages", StageListName(c.stages)},
                        {"last_check_at", c.last_check_at},
                        {"note", c.note},
                        {"active", c.active}}
      .dump();
}

}  // namespace

namespace review_internal {

std::vector<ReviewStage> StagesOrDefault(const std::string& csv) {
  auto parsed = ParseStageList(csv);
  if (parsed.ok()) return *parsed;
  return {ReviewStage::kFirst, ReviewStage::kSecond, ReviewStage::kFinal};
}

}  // namespace review_internal

Result<std::vector<Channel>> ReviewDesk::ListChannels(bool include_inactive) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(std::string("SELECT ") + kChannelColumns +
                                                  " FROM review_channels WHERE active = 1 OR ? = 1 ORDER BY id",
                                              {include_inactive ? 1 : 0}));
  std::vector<Channel> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ChannelFromRow(rows, i));
  return out;
}

Result<Channel> ReviewDesk::GetChannel(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne(std::string("SELECT ") + kChannelColumns + " FROM review_channels WHERE id = ?", {id},
                              "找不到该阵地"));
  return ChannelFromRow(rows, 0);
}

namespace {

Status ValidateChannel(Database& db, const Channel& c) {
  if (c.name.empty() || c.name.size() > 200) return InvalidArgument("阵地名称不能为空且不超过 200 字节");
  if (!IsValidChannelKind(c.kind)) {
    return InvalidArgument("阵地类型无效：" + c.kind +
                           "（可选 website、wechat、weibo、video、app、workgroup、screen、terminal、other）");
  }
  if (c.address.size() > 1000) return InvalidArgument("网址或账号过长");
  if (c.note.size() > 2000) return InvalidArgument("备注过长");
  if (c.stages.empty()) return InvalidArgument("至少需要一个审核环节");
  MINYI_RETURN_IF_ERROR(ParseStageList(StageListName(c.stages)).status());
  if (c.unit_id != 0) {
    MINYI_ASSIGN_OR_RETURN(int64_t n, db.QueryInt("SELECT COUNT(*) FROM units WHERE id = ?", {c.unit_id}));
    if (n == 0) return NotFound("找不到所属单位");
  }
  if (c.manager_id != 0) {
    MINYI_ASSIGN_OR_RETURN(int64_t n, db.QueryInt("SELECT COUNT(*) FROM users WHERE id = ?", {c.manager_id}));
    if (n == 0) return NotFound("找不到管理人");
  }
  MINYI_ASSIGN_OR_RETURN(int64_t same, db.QueryInt("SELECT COUNT(*) FROM review_channels WHERE name = ? AND id <> ?"
                                                   " AND active = 1",
                                                   {c.name, c.id}));
  if (same > 0) return AlreadyExists("已有同名阵地：" + c.name);
  return Status::Ok();
}

}  // namespace

Result<int64_t> ReviewDesk::CreateChannel(const User& actor, const Channel& channel) {
  Channel c = channel;
  c.id = 0;
  MINYI_RETURN_IF_ERROR(ValidateChannel(db_, c));
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO review_channels(kind, name, address, unit_id, manager_id, stages,"
                                 " last_check_at, note, active, created_at, updated_at)"
                                 " VALUES (?,?,?,?,?,?,?,?,1,?,?) RETURNING id",
                                 {c.kind, c.name, c.address, OptionalId(c.unit_id), OptionalId(c.manager_id),
                                  StageListName(c.stages), OptionalId(c.last_check_at), c.note, now, now}));
    c.id = id;
    return AppendAudit(tx, clock_, ActorOf(actor),
                       {"create", "review_channel", std::to_string(id), "null", ChannelJson(c)});
  }));
  return id;
}

Status ReviewDesk::UpdateChannel(const User& actor, const Channel& channel) {
  MINYI_ASSIGN_OR_RETURN(Channel before, GetChannel(channel.id));
  MINYI_RETURN_IF_ERROR(ValidateChannel(db_, channel));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE review_channels SET kind = ?, name = ?, address = ?, unit_id = ?,"
                   " manager_id = ?, stages = ?, last_check_at = ?, note = ?, active = ?,"
                   " updated_at = ? WHERE id = ?",
                   {channel.kind, channel.name, channel.address, OptionalId(channel.unit_id),
                    OptionalId(channel.manager_id), StageListName(channel.stages), OptionalId(channel.last_check_at),
                    channel.note, channel.active ? 1 : 0, clock_.Now(), channel.id})
            .status());
    return AppendAudit(
        tx, clock_, ActorOf(actor),
        {"update", "review_channel", std::to_string(channel.id), ChannelJson(before), ChannelJson(channel)});
  });
}

Status ReviewDesk::DeleteChannel(const User& actor, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Channel before, GetChannel(id));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(int64_t drafts,
                           tx.QueryInt("SELECT COUNT(*) FROM review_drafts WHERE channel_id = ?", {id}));
    if (drafts > 0) {
      // Drafts and the ledger still point at the channel: keep it for history.
      Channel after = before;
      after.active = false;
      MINYI_RETURN_IF_ERROR(
          tx.Execute("UPDATE review_channels SET active = 0, updated_at = ? WHERE id = ?", {clock_.Now(), id})
              .status());
      return AppendAudit(tx, clock_, ActorOf(actor),
                         {"deactivate", "review_channel", std::to_string(id), ChannelJson(before), ChannelJson(after)});
    }
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM review_channels WHERE id = ?", {id}).status());
    return AppendAudit(tx, clock_, ActorOf(actor),
                       {"delete", "review_channel", std::to_string(id), ChannelJson(before), "null"});
  });
}

}  // namespace minyi
