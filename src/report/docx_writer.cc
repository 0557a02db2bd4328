// WordprocessingML in the layout of GB/T 9704-2012 (党政机关公文格式):
// A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines of
// 28 characters; title 2号 方正小标宋简体 centred; body 3号 仿宋_GB2312;
// "一、" headings 黑体, "（一）" headings 楷体_GB2312; page numbers "— 1 —" in
// 4号 宋体, odd pages right and even pages left, one character from the edge.
//
// The fonts are named as users' Word/WPS know them (with eastAsia
// attributes); fontTable.xml gives each an altName so a machine without the
// GB2312 variants falls back to the plain 仿宋/楷体.
#include <cstdio>

#include "report/report_internal.h"
#include "report/zip_writer.h"

namespace minyi {
namespace {

// Sizes in half-points: 2号 22pt, 3号 16pt, 4号 14pt.
constexpr int kSizeTitle = 44, kSizeBody = 32, kSizeFooter = 28;
// Page geometry in twips (1 mm = 56.7 twips).
constexpr int kPageW = 11906, kPageH = 16838;
constexpr int kMarginTop = 2098, kMarginBottom = 1984, kMarginLeft = 1588, kMarginRight = 1474;
// (16838-2098-1984)/22 = 579.8 twips per line; the grid takes the floor.
constexpr int kLinePitch = 579;
// (11906-1588-1474)/28 = 315.9 twips per character = 15.79pt; charSpace is
// the difference from the 16pt body size in 1/4096 pt: (15.79-16)*4096.
constexpr int kCharSpace = -849;
// Charts: 14 cm wide at 840x480 px.
constexpr int64_t kImgCx = 5040000, kImgCy = 2880000;
constexpr int kChartW = 840, kChartH = 480;

constexpr const char* kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

std::string Fonts(const std::string& east_asia, const std::string& latin = "Times New Roman") {
  return "<w:rFonts w:ascii=\"" + latin + "\" w:hAnsi=\"" + latin + "\" w:eastAsia=\"" + east_asia + "\" w:cs=\"" +
         latin + "\" w:hint=\"eastAsia\"/>";
}

std::string Size(int half_points) {
  return "<w:sz w:val=\"" + std::to_string(half_points) + "\"/><w:szCs w:val=\"" + std::to_string(half_points) + "\"/>";
}

std::string ParaStyle(const std::string& id, const std::string& name, const std::string& ppr, const std::string& rpr,
                      bool is_default = false) {
  return "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"" + (is_default ? " w:default=\"1\"" : "") +
         "><w:name w:val=\"" + name + "\"/>" + (is_default ? "" : "<w:basedOn w:val=\"Normal\"/>") +
         "<w:qFormat/><w:pPr>" + ppr + "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>";
}

std::string StylesXml(DocxFlavor flavor) {
  // See DocxFlavor: character spacing stands in for the character grid.
  const std::string pitch = flavor == DocxFlavor::kLibreOffice ? "<w:spacing w:val=\"-5\"/>" : "";
  const std::string exact = "<w:spacing w:line=\"" + std::to_string(kLinePitch) + "\" w:lineRule=\"exact\"/>";
  const std::string indent2 = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>";
  const std::string no_indent = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
  std::string s = std::string(kXmlDecl) + "<w:styles " + kNs + "><w:docDefaults><w:rPrDefault><w:rPr>" +
                  Fonts("仿宋_GB2312") + Size(kSizeBody) +
                  "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
                  "<w:pPrDefault><w:pPr><w:snapToGrid w:val=\"1\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  s += ParaStyle("Normal", "Normal", "<w:jc w:val=\"both\"/>" + exact + indent2,
                 Fonts("仿宋_GB2312") + pitch + Size(kSizeBody), true);
  s += ParaStyle("Title", "Title", "<w:jc w:val=\"center\"/>" + exact + no_indent + "<w:outlineLvl w:val=\"0\"/>",
                 Fonts("方正小标宋简体") + Size(kSizeTitle));
  s += ParaStyle("Heading1", "heading 1", "<w:keepNext/>" + exact + indent2 + "<w:outlineLvl w:val=\"1\"/>",
                 Fonts("黑体") + pitch + Size(kSizeBody));
  s += ParaStyle("Heading2", "heading 2", "<w:keepNext/>" + exact + indent2 + "<w:outlineLvl w:val=\"2\"/>",
                 Fonts("楷体_GB2312") + pitch + Size(kSizeBody));
  s += ParaStyle("Caption", "caption", "<w:keepNext/><w:jc w:val=\"center\"/>" + exact + no_indent,
                 Fonts("黑体") + Size(kSizeFooter));
  s += ParaStyle("Figure", "Chart Picture",
                 "<w:keepNext/><w:jc w:val=\"center\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>" + no_indent,
                 Fonts("仿宋_GB2312") + Size(kSizeBody));
  s += ParaStyle(
      "TableText", "Table Text",
      "<w:jc w:val=\"center\"/><w:spacing w:line=\"360\" w:lineRule=\"auto\"/><w:snapToGrid w:val=\"0\"/>" + no_indent,
      Fonts("仿宋_GB2312") + Size(kSizeFooter));
  s += ParaStyle("Signature", "Signature",
                 "<w:jc w:val=\"right\"/>" + exact +
                     "<w:ind w:rightChars=\"400\" w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
                 Fonts("仿宋_GB2312") + Size(kSizeBody));
  s += ParaStyle("Footer", "footer", "<w:snapToGrid w:val=\"0\"/>" + no_indent,
                 Fonts("宋体", "宋体") + Size(kSizeFooter));
  s += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
       "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/>"
       "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  return s + "</w:styles>";
}

std::string FontEntry(const std::string& name, const std::string& alt, const std::string& family) {
  return "<w:font w:name=\"" + name + "\">" + (alt.empty() ? "" : "<w:altName w:val=\"" + alt + "\"/>") +
         "<w:charset w:val=\"86\"/><w:family w:val=\"" + family + "\"/><w:pitch w:val=\"variable\"/></w:font>";
}

std::string FontTableXml() {
  return std::string(kXmlDecl) + "<w:fonts " + kNs + ">" + FontEntry("方正小标宋简体", "宋体", "script") +
         FontEntry("仿宋_GB2312", "仿宋", "modern") + FontEntry("黑体", "SimHei", "modern") +
         FontEntry("楷体_GB2312", "楷体", "modern") + FontEntry("宋体", "SimSun", "auto") +
         "<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
         "<w:pitch w:val=\"variable\"/></w:font></w:fonts>";
}

std::string SettingsXml() {
  return std::string(kXmlDecl) + "<w:settings " + kNs +
         "><w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>"
         "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat>"
         "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
         "w:val=\"15\"/></w:compat></w:settings>";
}

std::string Run(const std::string& text, const std::string& rpr = "") {
  return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" +
         XmlEscape(text) + "</w:t></w:r>";
}

// "— 1 —": a PAGE field between em dashes; odd pages right, even pages left,
// indented one character (14pt = 280 twips) from the edge.
std::string FooterXml(bool odd) {
  std::string rpr = Fonts("宋体", "宋体") + Size(kSizeFooter);
  std::string jc =
      odd ? "<w:jc w:val=\"right\"/><w:ind w:right=\"280\"/>" : "<w:jc w:val=\"left\"/><w:ind w:left=\"280\"/>";
  return std::string(kXmlDecl) + "<w:ftr " + kNs + "><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>" + jc + "</w:pPr>" +
         Run("— ", rpr) + "<w:r><w:rPr>" + rpr + "</w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:rPr>" +
         rpr + "</w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:rPr>" + rpr +
         "</w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>" + Run("1", rpr) + "<w:r><w:rPr>" + rpr +
         "</w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>" + Run(" —", rpr) + "</w:p></w:ftr>";
}

std::string P(const std::string& style, const std::string& runs) {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>" + runs + "</w:p>";
}

std::string ChineseNumber(size_t n) {
  static const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return kDigits[n];
  if (n < 20) return std::string("十") + (n % 10 ? kDigits[n % 10] : "");
  if (n < 100) return std::string(kDigits[n / 10]) + "十" + (n % 10 ? kDigits[n % 10] : "");
  return std::to_string(n);
}

std::string Cell(const std::string& text, int width, bool header) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) +
         "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>" +
         P("TableText", Run(text, header ? Fonts("黑体") : "")) + "</w:tc>";
}

std::string TableXml(const ReportTable& t) {
  size_t cols = t.header.size();
  for (const auto& r : t.rows) cols = std::max(cols, r.size());
  if (cols == 0) return "";
  int width = (kPageW - kMarginLeft - kMarginRight) / static_cast<int>(cols);
  std::string border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
  std::string x = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/><w:tblBorders><w:top " +
                  border + "/><w:left " + border + "/><w:bottom " + border + "/><w:right " + border + "/><w:insideH " +
                  border + "/><w:insideV " + border + "/></w:tblBorders></w:tblPr><w:tblGrid>";
  for (size_t c = 0; c < cols; ++c) x += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  x += "</w:tblGrid>";
  auto row = [&](const std::vector<std::string>& cells, bool header) {
    std::string r = std::string("<w:tr>") + (header ? "<w:trPr><w:tblHeader/></w:trPr>" : "");
    for (size_t c = 0; c < cols; ++c) r += Cell(c < cells.size() ? cells[c] : "", width, header);
    return r + "</w:tr>";
  };
  if (!t.header.empty()) x += row(t.header, true);
  for (const auto& r : t.rows) x += row(r, false);
  return x + "</w:tbl>";
}

std::string ImageXml(int n, const std::string& rel_id, const std::string& title) {
  std::string id = std::to_string(n);
  std::string ext = "cx=\"" + std::to_string(kImgCx) + "\" cy=\"" + std::to_string(kImgCy) + "\"";
  return "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent " + ext +
         "/><wp:docPr id=\"" + id + "\" name=\"图" + id + "\" descr=\"" + XmlEscape(title) +
         "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic>"
         "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr>"
         "<pic:cNvPr id=\"" +
         id + "\" name=\"chart" + id +
         ".png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>"
         "<a:blip r:embed=\"" +
         rel_id +
         "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
         "<a:off x=\"0\" y=\"0\"/><a:ext " +
         ext +
         "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
         "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
}

std::string SectPr(DocxFlavor flavor) {
  char buf[700];
  std::snprintf(buf, sizeof buf,
                "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"
                "<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"
                "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
                "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" w:footer=\"992\" "
                "w:gutter=\"0\"/><w:cols w:space=\"425\"/>"
                "<w:docGrid w:type=\"%s\" w:linePitch=\"%d\" w:charSpace=\"%d\"/></w:sectPr>",
                kPageW, kPageH, kMarginTop, kMarginRight, kMarginBottom, kMarginLeft,
                flavor == DocxFlavor::kWord ? "linesAndChars" : "lines", kLinePitch, kCharSpace);
  return buf;
}

}  // namespace

Result<std::string> WriteDocx(const ReportDraft& d, DocxFlavor flavor) {
  std::vector<ZipEntry> media;
  std::string rels;
  std::string body = P("Title", Run(d.title)) + P("Normal", "");
  int chart_no = 0, table_no = 0;
  for (size_t i = 0; i < d.sections.size(); ++i) {
    const Section& s = d.sections[i];
    body += P("Heading1", Run(ChineseNumber(i + 1) + "、" + s.title));
    size_t sub = 0;
    for (const Paragraph& p : s.paragraphs) {
      if (!p.heading.empty()) body += P("Heading2", Run("（" + ChineseNumber(++sub) + "）" + p.heading));
      if (!p.text.empty()) body += P("Normal", Run(p.text));
    }
    for (const Chart& c : s.charts) {
      MINYI_ASSIGN_OR_RETURN(std::string png, RenderChartPng(c, kChartW, kChartH));
      ++chart_no;
      std::string rel = "rIdChart" + std::to_string(chart_no);
      std::string part = "media/chart" + std::to_string(chart_no) + ".png";
      media.emplace_back("word/" + part, std::move(png));
      rels += "<Relationship Id=\"" + rel +
              "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"" + part +
              "\"/>";
      body += P("Figure", ImageXml(chart_no, rel, c.title));
      body += P("Caption", Run("图" + std::to_string(chart_no) + "　" + c.title));
    }
    for (const ReportTable& t : s.tables) {
      body += P("Caption", Run("表" + std::to_string(++table_no) + "　" + t.title));
      body += TableXml(t) + P("Normal", "");
    }
  }
  body += P("Normal", "") + P("Signature", Run(d.org_name)) + P("Signature", Run(d.date_line));

  std::string document =
      std::string(kXmlDecl) + "<w:document " + kNs + "><w:body>" + body + SectPr(flavor) + "</w:body></w:document>";
  std::string doc_rels =
      std::string(kXmlDecl) +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rIdStyles\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
      "<Relationship Id=\"rIdSettings\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
      "<Relationship Id=\"rIdFonts\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" "
      "Target=\"fontTable.xml\"/>"
      "<Relationship Id=\"rIdFooterOdd\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
      "<Relationship Id=\"rIdFooterEven\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>" +
      rels + "</Relationships>";
  std::string content_types =
      std::string(kXmlDecl) +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" "
      "ContentType=\"image/png\"/>"
      "<Override PartName=\"/word/document.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
      "<Override PartName=\"/word/settings.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
      "<Override PartName=\"/word/fontTable.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
      "<Override PartName=\"/word/footer1.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
      "<Override PartName=\"/word/footer2.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "</Types>";
  std::string root_rels = std::string(kXmlDecl) +
                          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                          "<Relationship Id=\"rId1\" "
                          "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                          "Target=\"word/document.xml\"/>"
                          "<Relationship Id=\"rId2\" "
                          "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                          "core-properties\" Target=\"docProps/core.xml\"/>"
                          "</Relationships>";
  std::string core =
      std::string(kXmlDecl) +
      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
      XmlEscape(d.title) + "</dc:title><dc:creator>" + XmlEscape(d.org_name) + "</dc:creator></cp:coreProperties>";

  std::vector<ZipEntry> entries = {{"[Content_Types].xml", content_types},
                                   {"_rels/.rels", root_rels},
                                   {"docProps/core.xml", core},
                                   {"word/document.xml", document},
                                   {"word/_rels/document.xml.rels", doc_rels},
                                   {"word/styles.xml", StylesXml(flavor)},
                                   {"word/settings.xml", SettingsXml()},
                                   {"word/fontTable.xml", FontTableXml()},
                                   {"word/footer1.xml", FooterXml(true)},
                                   {"word/footer2.xml", FooterXml(false)}};
  for (auto& m : media) entries.push_back(std::move(m));
  return BuildZip(entries);
}

}  // namespace minyi
