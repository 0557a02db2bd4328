// Builds small .docx (zip) fixtures in memory for the reader tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace minyi::testing {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

// Writes a zip archive holding `entries` (deflated) and returns its bytes.
std::string MakeZip(const ZipEntries& entries);

inline constexpr const char* kW =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\"";

// A paragraph with one run per string.
std::string Para(const std::vector<std::string>& runs);

struct DocxParts {
  std::string body;  // inner XML of w:body
  std::string main_name = "word/document.xml";
  // (relationship type suffix, part name, part XML), e.g. {"header", "word/header1.xml", "<w:hdr>..."}
  std::vector<std::tuple<std::string, std::string, std::string>> related;
  ZipEntries extra;  // added as is
};

std::string MakeDocx(const DocxParts& parts);

}  // namespace minyi::testing
