// .docx reader: libzip for the package, pugixml for the parts.
//
// Why the limits look the way they do: a zip's stated sizes can lie, so every
// entry is read with a hard cap whatever its header says; the DOM is only
// built after a byte scan has shown the part is not absurdly deep or large.
#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "review/reader_internal.h"

namespace minyi::review_internal {
namespace {

constexpr std::string_view kMainContentTypes[] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
};

Status Broken() {
  return InvalidArgument("文件已损坏或不完整（不是有效的 .docx 压缩包），请在 Word/WPS 中重新另存为 .docx 后再提交");
}

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* Attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
    if (LocalName(a.name()) == local) return a.value();
  return "";
}

// Resolves an OPC relationship target against the folder of its source part.
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  std::vector<std::string> parts;
  std::string joined;
  if (!target.empty() && target[0] == '/') {
    joined = std::string(target.substr(1));
  } else {
    joined = std::string(base_dir) + std::string(target);
  }
  size_t pos = 0;
  while (pos <= joined.size()) {
    size_t slash = joined.find('/', pos);
    if (slash == std::string::npos) slash = joined.size();
    std::string seg = joined.substr(pos, slash - pos);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    pos = slash + 1;
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

std::string DirOf(std::string_view part) {
  size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(part.substr(0, slash + 1));
}

class Package {
 public:
  Package(const ReadLimits& limits, Deadline* deadline) : limits_(limits), deadline_(deadline) {}
  ~Package() {
    if (zip_) zip_discard(zip_);
  }

  Status Open(std::string_view bytes) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) {
      zip_error_fini(&err);
      return Internal("无法创建压缩包读取器");
    }
    // Strict consistency checks first; Word itself opens some archives whose
    // central directory and local headers disagree slightly, so retry
    // without them — every entry is still CRC-checked as it is read.
    zip_source_keep(src);
    zip_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (zip_ == nullptr) {
      zip_error_fini(&err);
      zip_error_init(&err);
      zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
    }
    zip_source_free(src);  // drops our extra reference; the archive keeps its own
    if (zip_ == nullptr) {
      zip_source_free(src);  // neither attempt took ownership
      zip_error_fini(&err);
      return Broken();
    }
    zip_error_fini(&err);
    zip_int64_t n = zip_get_num_entries(zip_, 0);
    if (n < 0) return Broken();
    if (static_cast<size_t>(n) > limits_.max_zip_entries)
      return ResourceExhausted("压缩包内文件过多（" + std::to_string(n) + " 个），疑似恶意构造的文档");
    return Status::Ok();
  }

  // nullopt when the part does not exist.
  Result<std::optional<std::string>> Read(const std::string& name) {
    zip_int64_t idx = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (idx < 0) return std::optional<std::string>();
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, idx, 0, &st) != 0) return Broken();
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
      return InvalidArgument("文档已加密，请在 Word/WPS 中取消密码后再提交");
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limits_.max_part_bytes) return Bomb();
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
        static_cast<double>(st.size) > limits_.max_compression_ratio * static_cast<double>(st.comp_size + 1))
      return Bomb();
    zip_file_t* f = zip_fopen_index(zip_, idx, 0);
    if (f == nullptr) return Broken();
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
    std::string data;
    char buf[65536];
    for (;;) {
      zip_int64_t got = zip_fread(f, buf, sizeof buf);
      if (got < 0) return Broken();
      if (got == 0) break;
      data.append(buf, static_cast<size_t>(got));
      total_ += static_cast<size_t>(got);
      // Stated sizes can lie; the real count decides.
      if (data.size() > limits_.max_part_bytes || total_ > limits_.max_total_uncompressed) return Bomb();
      if ((st.valid & ZIP_STAT_COMP_SIZE) && data.size() > (1u << 20) &&
          static_cast<double>(data.size()) > limits_.max_compression_ratio * static_cast<double>(st.comp_size + 1))
        return Bomb();
      MINYI_RETURN_IF_ERROR(deadline_->Check());
    }
    return std::optional<std::string>(std::move(data));
  }

 private:
  static Status Bomb() { return ResourceExhausted("文档解压后体积异常（疑似“压缩炸弹”），超过允许的上限，已拒绝读取"); }

  const ReadLimits& limits_;
  Deadline* deadline_;
  zip_t* zip_ = nullptr;
  size_t total_ = 0;
};

Status ParseXml(const std::string& data, const ReadLimits& limits, pugi::xml_document* doc, std::string_view part) {
  XmlShape shape = ScanXmlShape(data, limits.max_depth);
  if (shape.depth > limits.max_depth)
    return ResourceExhausted("文档结构嵌套过深（" + std::string(part) + "），疑似恶意构造的文件");
  if (shape.elements > limits.max_xml_elements)
    return ResourceExhausted("文档元素过多（" + std::string(part) + "），超过允许的上限");
  pugi::xml_parse_result r;
  try {
    // parse_default leaves DOCTYPE unparsed: no entity is ever expanded.
    r = doc->load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_auto);
  } catch (...) {
    return ResourceExhausted("解析文档时内存不足");
  }
  if (!r) return InvalidArgument("文档内容已损坏：" + std::string(part) + " 不是有效的 XML（" + r.description() + "）");
  return Status::Ok();
}

struct Rel {
  std::string type;  // last path segment of the Type URI ("header", "footer"...)
  std::string target;
};

Result<std::vector<Rel>> ReadRels(Package& pkg, const std::string& rels_name, const std::string& base_dir,
                                  const ReadLimits& limits) {
  std::vector<Rel> rels;
  MINYI_ASSIGN_OR_RETURN(std::optional<std::string> data, pkg.Read(rels_name));
  if (!data) return rels;
  pugi::xml_document doc;
  MINYI_RETURN_IF_ERROR(ParseXml(*data, limits, &doc, rels_name));
  for (pugi::xml_node n = doc.document_element().first_child(); n; n = n.next_sibling()) {
    if (LocalName(n.name()) != "Relationship") continue;
    if (std::string_view(Attr(n, "TargetMode")) == "External") continue;
    std::string_view type = Attr(n, "Type");
    size_t slash = type.rfind('/');
    rels.push_back(Rel{std::string(slash == std::string_view::npos ? type : type.substr(slash + 1)),
                       ResolveTarget(base_dir, Attr(n, "Target"))});
  }
  return rels;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Returns content types by part name ("word/document.xml" -> type).
Result<std::map<std::string, std::string>> ReadContentTypes(Package& pkg, const ReadLimits& limits) {
  std::map<std::string, std::string> types;
  MINYI_ASSIGN_OR_RETURN(std::optional<std::string> data, pkg.Read("[Content_Types].xml"));
  if (!data) return types;
  pugi::xml_document doc;
  MINYI_RETURN_IF_ERROR(ParseXml(*data, limits, &doc, "[Content_Types].xml"));
  for (pugi::xml_node n = doc.document_element().first_child(); n; n = n.next_sibling()) {
    if (LocalName(n.name()) == "Default") {
      // Stored as "*.ext" so it never collides with a part name.
      types["*." + Lower(Attr(n, "Extension"))] = Attr(n, "ContentType");
      continue;
    }
    if (LocalName(n.name()) != "Override") continue;
    std::string name = ResolveTarget("", Attr(n, "PartName"));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    types[name] = Attr(n, "ContentType");
  }
  return types;
}

bool IsMainType(std::string_view type) {
  return std::find(std::begin(kMainContentTypes), std::end(kMainContentTypes), type) != std::end(kMainContentTypes);
}

bool SkipSubtree(std::string_view local) {
  return local == "del" || local == "delText" || local == "moveFrom" || local == "instrText" ||
         local == "delInstrText" || local == "Fallback" || local == "pPr" || local == "rPr" || local == "sectPr" ||
         local == "tblPr" || local == "trPr" || local == "tcPr" || local == "sdtPr" || local == "commentRangeStart";
}

Status ExtractPart(const pugi::xml_document& doc, const std::string& part, TextBuilder* out, Deadline* deadline) {
  struct Frame {
    pugi::xml_node node;
    bool entered;
  };
  struct Para {
    int index;
    int run;
  };
  std::vector<Frame> stack;
  std::vector<Para> paras;
  int next_para = 0;
  stack.push_back({doc.document_element(), false});
  while (!stack.empty()) {
    MINYI_RETURN_IF_ERROR(deadline->Check());
    Frame& f = stack.back();
    pugi::xml_node node = f.node;
    std::string_view local = LocalName(node.name());
    if (f.entered) {
      stack.pop_back();
      if (local == "p") {
        paras.pop_back();
        out->ParagraphBreak();
      } else if (local == "tc") {
        out->ParagraphBreak();
      }
      continue;
    }
    f.entered = true;
    if (node.type() != pugi::node_element) {
      stack.pop_back();
      continue;
    }
    if (SkipSubtree(local)) {
      stack.pop_back();
      continue;
    }
    if (local == "footnote" || local == "endnote") {
      std::string_view type = Attr(node, "type");
      if (type == "separator" || type == "continuationSeparator" || type == "continuationNotice") {
        stack.pop_back();
        continue;
      }
    }
    if (local == "p") {
      out->ParagraphBreak();
      paras.push_back({next_para++, -1});
    } else if (local == "r" && !paras.empty()) {
      ++paras.back().run;
    }
    SourceLocation loc{part, paras.empty() ? -1 : paras.back().index, paras.empty() ? -1 : paras.back().run};
    if (local == "t") {
      out->Append(node.child_value(), loc);
      if (out->overflow()) return TooManyChars();
      stack.pop_back();
      continue;
    }
    if (local == "tab" || local == "ptab") {
      out->Append("\t", loc);
    } else if (local == "br" || local == "cr") {
      out->Append("\n", loc);
    } else if (local == "noBreakHyphen") {
      out->Append("-", loc);
    }
    // Children pushed in reverse so they are visited in document order.
    size_t mark = stack.size();
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) stack.push_back({c, false});
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
  }
  return Status::Ok();
}

Status AppendPart(Package& pkg, const std::string& name, const ReadLimits& limits, TextBuilder* out, Deadline* deadline,
                  bool required) {
  MINYI_ASSIGN_OR_RETURN(std::optional<std::string> data, pkg.Read(name));
  if (!data) {
    if (required) return InvalidArgument("不是有效的 Word 文档：找不到正文部分 " + name);
    return Status::Ok();
  }
  pugi::xml_document doc;
  MINYI_RETURN_IF_ERROR(ParseXml(*data, limits, &doc, name));
  out->SectionBreak();
  return ExtractPart(doc, name, out, deadline);
}

}  // namespace

Result<Document> ReadDocx(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.empty()) return InvalidArgument("文件为空（0 字节），不是有效的 .docx 文档");
  if (!bytes.starts_with("PK")) return Broken();
  Deadline deadline(limits);
  Package pkg(limits, &deadline);
  MINYI_RETURN_IF_ERROR(pkg.Open(bytes));

  MINYI_ASSIGN_OR_RETURN(auto types, ReadContentTypes(pkg, limits));
  MINYI_ASSIGN_OR_RETURN(std::vector<Rel> root_rels, ReadRels(pkg, "_rels/.rels", "", limits));
  std::string main;
  for (const Rel& r : root_rels) {
    if (r.type == "officeDocument") {
      main = r.target;
      break;
    }
  }
  if (main.empty()) {
    for (const auto& [name, type] : types) {
      if (IsMainType(type) && !name.starts_with("*.")) {
        main = name;
        break;
      }
    }
  }
  if (main.empty()) main = "word/document.xml";
  auto type_it = types.find(Lower(main));
  if (type_it == types.end()) {
    size_t dot = main.rfind('.');
    if (dot != std::string::npos) type_it = types.find("*." + Lower(main.substr(dot + 1)));
  }
  if (!types.empty() && (type_it == types.end() || !IsMainType(type_it->second)))
    return InvalidArgument("不是 Word 文字处理文档（主部分 " + main + " 的类型不是 Word 正文），无法读取");

  TextBuilder builder(limits.max_text_chars);
  MINYI_RETURN_IF_ERROR(AppendPart(pkg, main, limits, &builder, &deadline, true));

  std::string dir = DirOf(main);
  std::string rels_name = dir + "_rels/" + main.substr(dir.size()) + ".rels";
  MINYI_ASSIGN_OR_RETURN(std::vector<Rel> rels, ReadRels(pkg, rels_name, dir, limits));
  // Headers, footers, then notes: the order a reader meets them on paper.
  for (std::string_view kind : {"header", "footer", "footnotes", "endnotes"}) {
    for (const Rel& r : rels) {
      if (r.type != kind || r.target == main) continue;
      MINYI_RETURN_IF_ERROR(AppendPart(pkg, r.target, limits, &builder, &deadline, false));
    }
  }
  return builder.Finish(DocumentFormat::kDocx, "UTF-8");
}

}  // namespace minyi::review_internal
