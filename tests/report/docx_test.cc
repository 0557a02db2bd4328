// The generated DOCX opened and checked against GB/T 9704-2012: page setup,
// grid, fonts and sizes in styles, centred title, even/odd page-number
// footers, embedded chart images; and the PDF produced from it.
#include <gtest/gtest.h>

#include <iterator>
#include <pugixml.hpp>
#include <sstream>

#include "report/report.h"
#include "report/report_test_util.h"

namespace minyi {
namespace {

using testing::ZipEntry;

ReportDraft SampleDraft() {
  ReportDraft d;
  d.kind = ReportKind::kMonthly;
  d.period = *ParsePeriod("2026-09");
  d.org_name = "清河县融媒体中心";
  d.title = "清河县融媒体中心2026年9月网络信息工作情况报告";
  d.date_line = "2026年10月8日";
  Section basic{
      "基本情况",
      {{"", "本月共审校稿件 12 篇，发现问题 37 处，已全部整改。"}, {"网络监测", "本月共采集监测信息 345 条。"}},
      {},
      {}};
  basic.charts.push_back(Chart{"监测信息情感倾向", ChartType::kPie, {"正面", "中性", "负面"}, {10, 300, 35}});
  basic.charts.push_back(Chart{"各阵地发布稿件数", ChartType::kBar, {"门户网站", "微信公众号"}, {7, 5}});
  basic.tables.push_back(ReportTable{"热度较高的舆情事件", {"事件", "信息量"}, {{"道路施工噪音扰民", "21"}}});
  d.sections = {basic, Section{"主要做法", {{"坚持三审三校", "落实三审制度。"}}, {}, {}},
                Section{"存在问题", {{"", "力量薄弱。"}}, {}, {}},
                Section{"下一步打算", {{"", "一是加强学习。"}}, {}, {}}};
  d.figures.push_back(Figure{"review.drafts",
                             "受理审校稿件",
                             12,
                             "篇",
                             "review_drafts",
                             "#/review/drafts?from=2026-09-01&to=2026-09-30",
                             {1, 2}});
  return d;
}

pugi::xml_document Parse(const std::string& xml) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml.c_str())) << xml.substr(0, 200);
  return doc;
}

pugi::xml_node Style(const pugi::xml_document& styles, const char* id) {
  return styles.child("w:styles").find_child_by_attribute("w:style", "w:styleId", id);
}

class DocxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto docx = WriteDocx(SampleDraft());
    ASSERT_TRUE(docx.ok()) << docx.status().ToString();
    docx_ = *docx;
  }
  std::string docx_;
};

TEST_F(DocxTest, PackageHasTheParts) {
  EXPECT_EQ(docx_.substr(0, 2), "PK");
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
                           "word/_rels/document.xml.rels", "word/media/chart1.png", "word/media/chart2.png"}) {
    EXPECT_FALSE(ZipEntry(docx_, part).empty()) << part;
  }
  EXPECT_EQ(ZipEntry(docx_, "word/media/chart1.png").substr(1, 3), "PNG");
  auto rels = Parse(ZipEntry(docx_, "word/_rels/document.xml.rels"));
  EXPECT_TRUE(rels.child("Relationships").find_child_by_attribute("Relationship", "Target", "media/chart1.png"));
}

TEST_F(DocxTest, PageSetupMarginsAndGrid) {
  auto doc = Parse(ZipEntry(docx_, "word/document.xml"));
  pugi::xml_node sect = doc.child("w:document").child("w:body").child("w:sectPr");
  ASSERT_TRUE(sect);
  EXPECT_EQ(sect.child("w:pgSz").attribute("w:w").as_int(), 11906);  // A4 210 mm
  EXPECT_EQ(sect.child("w:pgSz").attribute("w:h").as_int(), 16838);  // 297 mm
  pugi::xml_node mar = sect.child("w:pgMar");
  EXPECT_EQ(mar.attribute("w:top").as_int(), 2098);     // 37 mm
  EXPECT_EQ(mar.attribute("w:bottom").as_int(), 1984);  // 35 mm
  EXPECT_EQ(mar.attribute("w:left").as_int(), 1588);    // 28 mm
  EXPECT_EQ(mar.attribute("w:right").as_int(), 1474);   // 26 mm
  pugi::xml_node grid = sect.child("w:docGrid");
  EXPECT_STREQ(grid.attribute("w:type").value(), "linesAndChars");
  int line_pitch = grid.attribute("w:linePitch").as_int();
  int text_height = 16838 - 2098 - 1984;
  EXPECT_EQ(text_height / line_pitch, 22);  // 22 lines
  // 28 characters: pitch = 16pt + charSpace/4096 pt, text width 8844 twips.
  double pitch_pt = 16.0 + grid.attribute("w:charSpace").as_int() / 4096.0;
  EXPECT_EQ(static_cast<int>((11906 - 1588 - 1474) / 20.0 / pitch_pt + 1e-6), 28);
}

TEST_F(DocxTest, FontsAndSizesInStyles) {
  auto styles = Parse(ZipEntry(docx_, "word/styles.xml"));
  struct Want {
    const char* id;
    const char* font;
    int half_points;
  };
  for (Want w : {Want{"Title", "方正小标宋简体", 44}, Want{"Normal", "仿宋_GB2312", 32}, Want{"Heading1", "黑体", 32},
                 Want{"Heading2", "楷体_GB2312", 32}, Want{"Footer", "宋体", 28}}) {
    pugi::xml_node s = Style(styles, w.id);
    ASSERT_TRUE(s) << w.id;
    EXPECT_STREQ(s.child("w:rPr").child("w:rFonts").attribute("w:eastAsia").value(), w.font) << w.id;
    EXPECT_EQ(s.child("w:rPr").child("w:sz").attribute("w:val").as_int(), w.half_points) << w.id;
  }
  EXPECT_STREQ(Style(styles, "Title").child("w:pPr").child("w:jc").attribute("w:val").value(), "center");
  EXPECT_STREQ(styles.child("w:styles")
                   .child("w:docDefaults")
                   .child("w:rPrDefault")
                   .child("w:rPr")
                   .child("w:rFonts")
                   .attribute("w:eastAsia")
                   .value(),
               "仿宋_GB2312");
}

TEST_F(DocxTest, TitleAndHeadingsInDocumentOrder) {
  auto doc = Parse(ZipEntry(docx_, "word/document.xml"));
  std::vector<std::pair<std::string, std::string>> paras;  // (style, text)
  for (pugi::xml_node p : doc.child("w:document").child("w:body").children("w:p")) {
    std::string text;
    for (pugi::xpath_node t : p.select_nodes(".//w:t")) text += t.node().text().get();
    paras.emplace_back(p.child("w:pPr").child("w:pStyle").attribute("w:val").value(), text);
  }
  ASSERT_FALSE(paras.empty());
  EXPECT_EQ(paras[0].first, "Title");
  EXPECT_EQ(paras[0].second, SampleDraft().title);
  std::vector<std::string> h1, h2;
  for (const auto& [style, text] : paras) {
    if (style == "Heading1") h1.push_back(text);
    if (style == "Heading2") h2.push_back(text);
  }
  EXPECT_EQ(h1, (std::vector<std::string>{"一、基本情况", "二、主要做法", "三、存在问题", "四、下一步打算"}));
  EXPECT_EQ(h2, (std::vector<std::string>{"（一）网络监测", "（一）坚持三审三校"}));
  EXPECT_EQ(paras.back().second, "2026年10月8日");
  EXPECT_EQ(doc.select_nodes("//w:tbl").size(), 1u);
  EXPECT_EQ(doc.select_nodes("//w:drawing").size(), 2u);
}

TEST_F(DocxTest, EvenAndOddPageNumberFooters) {
  auto settings = Parse(ZipEntry(docx_, "word/settings.xml"));
  EXPECT_TRUE(settings.child("w:settings").child("w:evenAndOddHeaders"));
  auto doc = Parse(ZipEntry(docx_, "word/document.xml"));
  pugi::xml_node sect = doc.child("w:document").child("w:body").child("w:sectPr");
  EXPECT_STREQ(sect.find_child_by_attribute("w:footerReference", "w:type", "default").attribute("r:id").value(),
               "rIdFooterOdd");
  EXPECT_STREQ(sect.find_child_by_attribute("w:footerReference", "w:type", "even").attribute("r:id").value(),
               "rIdFooterEven");
  for (auto [part, align] : {std::pair{"word/footer1.xml", "right"}, std::pair{"word/footer2.xml", "left"}}) {
    auto ftr = Parse(ZipEntry(docx_, part));
    pugi::xml_node p = ftr.child("w:ftr").child("w:p");
    EXPECT_STREQ(p.child("w:pPr").child("w:jc").attribute("w:val").value(), align) << part;
    std::string text, instr;
    for (pugi::xpath_node t : p.select_nodes(".//w:t")) text += t.node().text().get();
    for (pugi::xpath_node t : p.select_nodes(".//w:instrText")) instr += t.node().text().get();
    EXPECT_EQ(text, "— 1 —") << part;
    EXPECT_EQ(instr, " PAGE ") << part;
    EXPECT_EQ(p.select_nodes(".//w:fldChar").size(), 3u);
    pugi::xml_node rpr = p.child("w:r").child("w:rPr");
    EXPECT_STREQ(rpr.child("w:rFonts").attribute("w:eastAsia").value(), "宋体");
    EXPECT_EQ(rpr.child("w:sz").attribute("w:val").as_int(), 28);  // 4号
  }
}

TEST_F(DocxTest, LibreOfficeFlavourKeepsLinesAndSpacesCharacters) {
  auto lo = WriteDocx(SampleDraft(), DocxFlavor::kLibreOffice);
  ASSERT_TRUE(lo.ok());
  auto doc = Parse(ZipEntry(*lo, "word/document.xml"));
  pugi::xml_node grid = doc.child("w:document").child("w:body").child("w:sectPr").child("w:docGrid");
  EXPECT_STREQ(grid.attribute("w:type").value(), "lines");
  EXPECT_EQ(grid.attribute("w:linePitch").as_int(), 579);
  auto styles = Parse(ZipEntry(*lo, "word/styles.xml"));
  int spacing = Style(styles, "Normal").child("w:rPr").child("w:spacing").attribute("w:val").as_int();
  EXPECT_EQ(static_cast<int>(8844 / (320.0 + spacing)), 28);
}

TEST(PdfTest, ConvertedPdfContainsTitleAndFigures) {
  if (!PdfConverterAvailable()) GTEST_SKIP() << "LibreOffice (soffice) 未安装，跳过 PDF 转换";
  auto pdf = WritePdf(SampleDraft());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  testing::TempStore tmp(0);
  LocalFileSystem fs;
  std::string file = tmp.dir() + "/r.pdf";
  ASSERT_TRUE(fs.WriteFileAtomic(file, *pdf).ok());
  std::string text = testing::RunCapture("pdftotext -layout " + file + " - 2>/dev/null");
  if (text.empty()) GTEST_SKIP() << "pdftotext（poppler-utils）未安装，无法检查 PDF 文字";
  std::string flat;
  for (char c : text) {
    if (c != ' ' && c != '\n') flat += c;
  }
  EXPECT_NE(flat.find("2026年9月网络信息工作情况报告"), std::string::npos) << text;
  EXPECT_NE(flat.find("本月共审校稿件12篇，发现问题37处，已全部整改"), std::string::npos) << text;
  EXPECT_NE(flat.find("一、基本情况"), std::string::npos);
  EXPECT_NE(flat.find("—1—"), std::string::npos) << "page number";
  std::string fonts = testing::RunCapture("pdffonts " + file + " 2>/dev/null");
  EXPECT_NE(fonts.find("CJK"), std::string::npos) << fonts;  // Noto CJK embedded
  // Every font is embedded: columns end "... emb sub uni object-id gen".
  std::istringstream lines(fonts);
  std::string line;
  int checked = 0;
  bool body = false;
  while (std::getline(lines, line)) {
    if (line.rfind("---", 0) == 0) {
      body = true;
      continue;
    }
    if (!body || line.empty()) continue;
    std::istringstream words(line);
    std::vector<std::string> w{std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
    ASSERT_GE(w.size(), 6u) << line;
    EXPECT_EQ(w[w.size() - 5], "yes") << "font not embedded: " << line;
    ++checked;
  }
  EXPECT_GT(checked, 0) << fonts;
}

TEST(PdfTest, MissingLibreOfficeIsAClearError) {
  PdfOptions o;
  o.soffice = "/nonexistent/soffice";
  EXPECT_FALSE(PdfConverterAvailable(o));
  auto pdf = ConvertDocxToPdf("PK", o);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(pdf.status().message().find("LibreOffice"), std::string::npos);
}

TEST(HtmlXlsxTest, HtmlIsSelfContainedWithFigureLinks) {
  auto html = WriteHtml(SampleDraft());
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("<h1>清河县融媒体中心2026年9月网络信息工作情况报告</h1>"), std::string::npos);
  EXPECT_NE(html->find("data:image/png;base64,"), std::string::npos);
  EXPECT_NE(html->find("href=\"#/review/drafts?from=2026-09-01&amp;to=2026-09-30\""), std::string::npos);
  EXPECT_EQ(html->find("<script"), std::string::npos);
  auto xlsx = WriteXlsx(SampleDraft());
  ASSERT_TRUE(xlsx.ok());
  EXPECT_NE(ZipEntry(*xlsx, "xl/sharedStrings.xml").find("受理审校稿件"), std::string::npos);
}

TEST(ChartTest, RendersPngForEveryType) {
  for (ChartType t : {ChartType::kBar, ChartType::kLine, ChartType::kPie}) {
    auto png = RenderChartPng(Chart{"测试图表", t, {"一月", "二月"}, {3, 4}}, 400, 300);
    ASSERT_TRUE(png.ok());
    EXPECT_EQ(png->substr(1, 3), "PNG");
  }
  EXPECT_FALSE(RenderChartPng(Chart{"坏", ChartType::kBar, {"a"}, {}}, 400, 300).ok());
  EXPECT_TRUE(RenderChartPng(Chart{"空", ChartType::kPie, {}, {}}, 400, 300).ok());
}

}  // namespace
}  // namespace minyi
