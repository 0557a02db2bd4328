// Attachments: evidence files, signed letters and replies, stored inside the
// database so that one backup holds every record together with its files.
//
// Contract:
// - SaveAttachment accepts at most kMaxAttachmentBytes and only the kinds in
//   AllowedAttachmentKinds(); the file name's extension and the content's
//   magic bytes must agree. Executables, scripts and web pages are refused
//   with a Chinese message naming the reason; nothing is stored then.
// - The stored content type is derived from the detected kind, never taken
//   from the client, so a download can be served with nosniff safely.
// - The SHA-256 of the content is stored; LoadAttachment recomputes it and
//   reports kCorruption when the bytes no longer match.
// - Save runs in the caller's transaction (pass the tx) and writes an audit
//   record there, so the file and the record that refers to it are stored
//   together or not at all.
// - owner_kind/owner_id name the record a file belongs to ("duty_record", 7);
//   owner_id 0 marks an upload not yet attached (see AttachToOwner).
//
// Thread safety: as Database; all functions are free functions without state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

inline constexpr size_t kMaxAttachmentBytes = 20u << 20;  // 20 MB per file
inline constexpr size_t kMaxAttachmentNameBytes = 255;

struct AttachmentInput {
  std::string filename;      // as given by the user; any path part is dropped
  std::string content_type;  // what the client claimed; informational only
  std::string bytes;
  std::string owner_kind;  // [a-z_]{1,40}, e.g. "duty_record", "case_reply"
  int64_t owner_id = 0;    // 0: not yet attached
};

struct Attachment {
  int64_t id = 0;
  std::string owner_kind;
  int64_t owner_id = 0;
  std::string filename;
  std::string content_type;  // e.g. "application/pdf"
  std::string kind;          // e.g. "pdf"
  int64_t size_bytes = 0;
  std::string sha256;
  int64_t uploaded_by = 0;
  std::string uploader_name;
  UnixSeconds created_at = 0;
  std::string content;  // filled by LoadAttachment only
};

// "pdf", "docx", "xlsx", "doc", "xls", "jpg", "png", "txt", "zip".
const std::vector<std::string>& AllowedAttachmentKinds();

// Checks name, size and content without storing anything; returns the
// detected kind. Pure function of its inputs (the fuzz target calls it).
Result<std::string> DetectAttachmentKind(std::string_view filename, std::string_view bytes);

// The file name without directories and control characters, or an error when
// nothing usable is left or it is not UTF-8.
Result<std::string> CleanAttachmentName(std::string_view filename);

Result<int64_t> SaveAttachment(Database& tx, const Clock& clock, const Actor& actor, const AttachmentInput& input);

// Metadata and content, integrity-checked against the stored SHA-256.
Result<Attachment> LoadAttachment(Database& db, int64_t id);
// Metadata only (content left empty).
Result<Attachment> GetAttachmentInfo(Database& db, int64_t id);
// Metadata of the files of one owner, oldest first.
Result<std::vector<Attachment>> ListAttachments(Database& db, std::string_view owner_kind, int64_t owner_id);

// Links uploads to the record they were attached to once that record exists.
// Only files not yet attached (owner_id 0) of the same owner_kind may be
// linked; anything else is refused with kFailedPrecondition.
Status AttachToOwner(Database& tx, const Clock& clock, const Actor& actor, int64_t attachment_id,
                     std::string_view owner_kind, int64_t owner_id);

}  // namespace minyi
