// Format detection, plain-text decoding, the .txt/.md readers and the shared
// TextBuilder. The .docx and .html readers live in docx_reader.cc and
// html_reader.cc.
#include "review/document.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <memory>

#include "review/reader_internal.h"
#include "review/utf8.h"

namespace minyi {

namespace ri = review_internal;

std::string_view DocumentFormatName(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kAuto:
      return "auto";
    case DocumentFormat::kText:
      return "txt";
    case DocumentFormat::kMarkdown:
      return "md";
    case DocumentFormat::kHtml:
      return "html";
    case DocumentFormat::kDocx:
      return "docx";
  }
  return "auto";
}

Result<DocumentFormat> ParseDocumentFormat(std::string_view name) {
  if (name == "auto" || name.empty()) return DocumentFormat::kAuto;
  if (name == "txt" || name == "text") return DocumentFormat::kText;
  if (name == "md" || name == "markdown") return DocumentFormat::kMarkdown;
  if (name == "html" || name == "htm") return DocumentFormat::kHtml;
  if (name == "docx") return DocumentFormat::kDocx;
  return InvalidArgument("不支持的文档格式：" + std::string(name) + "（可用 txt、md、html、docx）");
}

const TextSpan* Document::Locate(size_t offset) const {
  auto it =
      std::upper_bound(spans.begin(), spans.end(), offset, [](size_t off, const TextSpan& s) { return off < s.start; });
  if (it == spans.begin()) return nullptr;
  --it;
  return offset < it->end ? &*it : nullptr;
}

namespace review_internal {

Deadline::Deadline(const ReadLimits& limits) : clock_(limits.clock ? limits.clock : &system_) {
  deadline_ns_ = clock_->MonotonicNanos() + limits.time_budget_ms * 1'000'000;
}

Status Deadline::Check() {
  if (!expired_ && (calls_++ & 255) == 0) expired_ = clock_->MonotonicNanos() > deadline_ns_;
  if (expired_) return ResourceExhausted("文档处理超过时间限制，可能是恶意构造的文件，已停止读取");
  return Status::Ok();
}

Status TooManyChars() { return ResourceExhausted("文档文字过多，超过允许的字数上限"); }

void TextBuilder::Push(char32_t c) {
  review_utf8::Append(&text_, c);
  ++length_;
}

bool TextBuilder::Append(std::string_view s, const SourceLocation& loc) {
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t c = review_utf8::Next(s, &pos);
    if (c == '\r') continue;
    if (c == '\n') {
      if (length_ > 0) pending_breaks_ = std::max(pending_breaks_, 1);
      continue;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7F || c == 0xFEFF) continue;
    if (pending_breaks_ > 0) {
      for (int i = 0; i < pending_breaks_; ++i) Push('\n');
      pending_breaks_ = 0;
    }
    size_t at = length_;
    Push(c);
    if (!spans_.empty() && spans_.back().end == at && spans_.back().location.part == loc.part &&
        spans_.back().location.paragraph == loc.paragraph && spans_.back().location.run == loc.run) {
      spans_.back().end = length_;
    } else {
      spans_.push_back(TextSpan{at, length_, loc});
    }
    if (length_ > max_chars_) {
      overflow_ = true;
      return false;
    }
  }
  return true;
}

void TextBuilder::ParagraphBreak() {
  if (length_ > 0) pending_breaks_ = std::max(pending_breaks_, 1);
}

void TextBuilder::SectionBreak() {
  if (length_ > 0) pending_breaks_ = 2;
}

Document TextBuilder::Finish(DocumentFormat format, std::string encoding) {
  Document doc;
  doc.format = format;
  doc.text = std::move(text_);
  doc.length = length_;
  doc.spans = std::move(spans_);
  doc.source_encoding = std::move(encoding);
  return doc;
}

XmlShape ScanXmlShape(std::string_view xml, int max_depth) {
  XmlShape shape;
  int depth = 0;
  size_t i = 0;
  const size_t n = xml.size();
  while (i < n) {
    size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    char c = xml[lt + 1];
    if (c == '!') {
      std::string_view rest = xml.substr(lt);
      size_t end;
      if (rest.starts_with("<!--")) {
        end = xml.find("-->", lt + 4);
        i = end == std::string_view::npos ? n : end + 3;
      } else if (rest.starts_with("<![CDATA[")) {
        end = xml.find("]]>", lt + 9);
        i = end == std::string_view::npos ? n : end + 3;
      } else {
        end = xml.find('>', lt);
        i = end == std::string_view::npos ? n : end + 1;
      }
      continue;
    }
    if (c == '?') {
      size_t end = xml.find("?>", lt + 2);
      i = end == std::string_view::npos ? n : end + 2;
      continue;
    }
    // Find the end of the tag, honouring quoted attribute values.
    size_t j = review_internal::FindTagEnd(xml, lt + 1);
    if (j >= n) break;
    if (c == '/') {
      if (depth > 0) --depth;
    } else if (xml[j - 1] != '/') {
      ++shape.elements;
      if (++depth > shape.depth) shape.depth = depth;
      if (depth > max_depth) return shape;
    } else {
      ++shape.elements;
    }
    i = j + 1;
  }
  return shape;
}

}  // namespace review_internal

namespace {

std::string Utf16ToUtf8(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  size_t i = 0;
  auto unit = [&](size_t k) -> char32_t {
    unsigned char a = static_cast<unsigned char>(bytes[k]);
    unsigned char b = static_cast<unsigned char>(bytes[k + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  while (i + 1 < bytes.size()) {
    char32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < bytes.size()) {
      char32_t lo = unit(i);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        i += 2;
        review_utf8::Append(&out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
    review_utf8::Append(&out, u);
  }
  return out;
}

Result<std::string> Gb18030ToUtf8(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* raw = ucnv_open("GB18030", &err);
  if (U_FAILURE(err) || raw == nullptr) return Internal("无法加载 GB18030 编码转换器");
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(raw, ucnv_close);
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::u16string u16(bytes.size() + 1, u'\0');
  int32_t n = ucnv_toUChars(conv.get(), reinterpret_cast<UChar*>(u16.data()), static_cast<int32_t>(u16.size()),
                            bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return InvalidArgument("无法识别文本编码（既不是 UTF-8 也不是 GB18030），请另存为 UTF-8 后再试");
  u16.resize(n);
  std::string out;
  out.reserve(u16.size() * 3);
  for (size_t i = 0; i < u16.size(); ++i) {
    char32_t u = u16[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < u16.size() && u16[i + 1] >= 0xDC00 && u16[i + 1] <= 0xDFFF) {
      u = 0x10000 + ((u - 0xD800) << 10) + (u16[i + 1] - 0xDC00);
      ++i;
    }
    review_utf8::Append(&out, u);
  }
  return out;
}

bool HasExtension(std::string_view name, std::string_view ext) {
  if (name.size() < ext.size()) return false;
  std::string tail(name.substr(name.size() - ext.size()));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ext;
}

constexpr std::string_view kOle2Magic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

Status Ole2Error() {
  return InvalidArgument(
      "文件是 OLE2 复合文档：可能是设置了密码的加密 Office 文档，或旧版 .doc 格式。"
      "请在 Word/WPS 中取消密码并另存为 .docx 后再提交");
}

DocumentFormat Sniff(std::string_view bytes, std::string_view filename) {
  if (HasExtension(filename, ".docx") || HasExtension(filename, ".docm") || HasExtension(filename, ".dotx"))
    return DocumentFormat::kDocx;
  if (HasExtension(filename, ".html") || HasExtension(filename, ".htm") || HasExtension(filename, ".xhtml"))
    return DocumentFormat::kHtml;
  if (HasExtension(filename, ".md") || HasExtension(filename, ".markdown")) return DocumentFormat::kMarkdown;
  if (HasExtension(filename, ".txt")) return DocumentFormat::kText;
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) return DocumentFormat::kDocx;
  std::string head(bytes.substr(0, 512));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  if (head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos ||
      head.find("<body") != std::string::npos || head.find("<p>") != std::string::npos)
    return DocumentFormat::kHtml;
  return DocumentFormat::kText;
}

// Removes the inline Markdown syntax a reviewer does not want checked
// (emphasis markers, link targets, heading and list markers).
std::string StripMarkdownLine(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  std::string_view rest = line.substr(i);
  size_t hashes = 0;
  while (hashes < rest.size() && hashes < 6 && rest[hashes] == '#') ++hashes;
  if (hashes > 0 && (hashes == rest.size() || rest[hashes] == ' ')) rest.remove_prefix(hashes);
  while (!rest.empty() && rest[0] == '>') rest.remove_prefix(1);
  if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' ') rest.remove_prefix(2);
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  std::string out;
  out.reserve(rest.size());
  for (size_t k = 0; k < rest.size(); ++k) {
    char c = rest[k];
    if (c == '*' || c == '_' || c == '`' || c == '~') {
      // Only strip paired emphasis markers (**, __, ~~) and code ticks.
      if (c == '`' || (k + 1 < rest.size() && rest[k + 1] == c)) {
        while (k + 1 < rest.size() && rest[k + 1] == c) ++k;
        continue;
      }
    }
    if (c == '!' && k + 1 < rest.size() && rest[k + 1] == '[') continue;
    if (c == '[') {
      size_t close = rest.find(']', k);
      if (close != std::string_view::npos && close + 1 < rest.size() && rest[close + 1] == '(') {
        size_t paren = rest.find(')', close);
        if (paren != std::string_view::npos) {
          out.append(rest.substr(k + 1, close - k - 1));
          k = paren;
          continue;
        }
      }
    }
    out.push_back(c);
  }
  return out;
}

Result<Document> ReadPlain(std::string_view bytes, bool markdown, const ReadLimits& limits) {
  std::string encoding;
  MINYI_ASSIGN_OR_RETURN(std::string text, DecodeText(bytes, &encoding));
  if (text.find('\0') != std::string::npos) return InvalidArgument("文件含有二进制内容，不是文本文档");
  ri::TextBuilder builder(limits.max_text_chars);
  ri::Deadline deadline(limits);
  size_t pos = 0;
  int line_no = 0;
  bool in_fence = false;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    SourceLocation loc{"", line_no, -1};
    if (markdown) {
      std::string_view trimmed = line;
      while (!trimmed.empty() && trimmed[0] == ' ') trimmed.remove_prefix(1);
      if (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
        in_fence = !in_fence;
      } else if (!in_fence) {
        builder.Append(StripMarkdownLine(line), loc);
      }
    } else {
      builder.Append(line, loc);
    }
    builder.ParagraphBreak();
    if (builder.overflow()) return ri::TooManyChars();
    MINYI_RETURN_IF_ERROR(deadline.Check());
    ++line_no;
    pos = nl + 1;
  }
  return builder.Finish(markdown ? DocumentFormat::kMarkdown : DocumentFormat::kText, encoding);
}

}  // namespace

Result<std::string> DecodeText(std::string_view bytes, std::string* encoding) {
  std::string scratch;
  if (encoding == nullptr) encoding = &scratch;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    *encoding = "UTF-8";
    bytes.remove_prefix(3);
    if (!review_utf8::IsValid(bytes)) return InvalidArgument("文件声明为 UTF-8（带 BOM），但含有无效的 UTF-8 字节");
    return std::string(bytes);
  }
  if (bytes.starts_with("\xFF\xFE")) {
    *encoding = "UTF-16LE";
    return Utf16ToUtf8(bytes.substr(2), false);
  }
  if (bytes.starts_with("\xFE\xFF")) {
    *encoding = "UTF-16BE";
    return Utf16ToUtf8(bytes.substr(2), true);
  }
  if (review_utf8::IsValid(bytes)) {
    *encoding = "UTF-8";
    return std::string(bytes);
  }
  *encoding = "GB18030";
  return Gb18030ToUtf8(bytes);
}

Result<Document> ReadDocumentBytes(std::string_view bytes, DocumentFormat hint, std::string_view filename,
                                   const ReadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes)
    return ResourceExhausted("文件过大（" + std::to_string(bytes.size() >> 20) + " MB），超过上限 " +
                             std::to_string(limits.max_file_bytes >> 20) + " MB");
  if (bytes.starts_with(kOle2Magic)) return Ole2Error();
  DocumentFormat format = hint == DocumentFormat::kAuto ? Sniff(bytes, filename) : hint;
  switch (format) {
    case DocumentFormat::kDocx:
      return ri::ReadDocx(bytes, limits);
    case DocumentFormat::kHtml:
      return ri::ReadHtml(bytes, limits);
    case DocumentFormat::kMarkdown:
      return ReadPlain(bytes, true, limits);
    case DocumentFormat::kText:
    case DocumentFormat::kAuto:
      return ReadPlain(bytes, false, limits);
  }
  return Internal("未知文档格式");
}

Result<Document> ReadDocumentFile(const FileSystem& fs, const std::string& path, DocumentFormat hint,
                                  const ReadLimits& limits) {
  if (!fs.Exists(path)) return NotFound("找不到文件：" + path);
  auto bytes = fs.ReadFile(path, limits.max_file_bytes);
  if (!bytes.ok()) {
    if (bytes.status().code() == ErrorCode::kResourceExhausted)
      return ResourceExhausted("文件过大，超过上限 " + std::to_string(limits.max_file_bytes >> 20) + " MB：" + path);
    return bytes.status();
  }
  return ReadDocumentBytes(*bytes, hint, path, limits);
}

}  // namespace minyi
