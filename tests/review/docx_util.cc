#include "review/docx_util.h"

#include <zip.h>

#include <cstdio>
#include <list>
#include <stdexcept>
#include <tuple>

namespace minyi::testing {

std::string MakeZip(const ZipEntries& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (za == nullptr) throw std::runtime_error("zip_open_from_source");
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) throw std::runtime_error("add");
  }
  if (zip_close(za) != 0) throw std::runtime_error("zip_close");
  std::string out;
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  out.resize(static_cast<size_t>(size));
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

std::string Para(const std::vector<std::string>& runs) {
  std::string p = "<w:p>";
  for (const std::string& r : runs) p += "<w:r><w:t xml:space=\"preserve\">" + r + "</w:t></w:r>";
  return p + "</w:p>";
}

std::string MakeDocx(const DocxParts& parts) {
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/" +
      parts.main_name +
      "\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  ZipEntries entries;
  int id = 1;
  for (const auto& [type, name, xml] : parts.related) {
    std::string dir = parts.main_name.substr(0, parts.main_name.rfind('/') + 1);
    std::string target = name.substr(dir.size());
    rels += "<Relationship Id=\"rId" + std::to_string(id++) +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type + "\" Target=\"" +
            target + "\"/>";
    entries.emplace_back(name, xml);
  }
  rels += "</Relationships>";
  types += "</Types>";
  std::string main = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " + std::string(kW) +
                     "><w:body>" + parts.body + "<w:sectPr/></w:body></w:document>";
  std::string dir = parts.main_name.substr(0, parts.main_name.rfind('/') + 1);
  std::string base = parts.main_name.substr(dir.size());
  entries.insert(entries.begin(),
                 {{"[Content_Types].xml", types},
                  {"_rels/.rels",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                   "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                   "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                   "Target=\"" +
                       parts.main_name + "\"/></Relationships>"},
                  {parts.main_name, main},
                  {dir + "_rels/" + base + ".rels", rels}});
  for (const auto& e : parts.extra) entries.push_back(e);
  return MakeZip(entries);
}

}  // namespace minyi::testing
