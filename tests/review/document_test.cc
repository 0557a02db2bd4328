#include "review/document.h"

#include <gtest/gtest.h>

#include <tuple>

#include "review/docx_util.h"

namespace minyi {
namespace {

using testing::DocxParts;
using testing::MakeDocx;
using testing::MakeZip;
using testing::Para;

Document MustRead(std::string_view bytes, DocumentFormat fmt, std::string_view name = "") {
  auto doc = ReadDocumentBytes(bytes, fmt, name);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : Document{};
}

TEST(TextReader, Utf8WithAndWithoutBom) {
  EXPECT_EQ(MustRead("第一行\r\n第二行\n", DocumentFormat::kText).text, "第一行\n第二行");
  Document bom = MustRead("\xEF\xBB\xBF通知", DocumentFormat::kAuto, "a.txt");
  EXPECT_EQ(bom.text, "通知");
  EXPECT_EQ(bom.source_encoding, "UTF-8");
  EXPECT_EQ(bom.length, 2u);
}

TEST(TextReader, Utf16WithBom) {
  // "中文" in UTF-16LE and BE, plus a surrogate pair (U+20000).
  std::string le("\xFF\xFE\x2D\x4E\x87\x65\x40\xD8\x00\xDC", 10);
  Document d = MustRead(le, DocumentFormat::kText);
  EXPECT_EQ(d.text, "中文\xF0\xA0\x80\x80");
  EXPECT_EQ(d.source_encoding, "UTF-16LE");
  std::string be("\xFE\xFF\x4E\x2D\x65\x87", 6);
  EXPECT_EQ(MustRead(be, DocumentFormat::kText).text, "中文");
}

TEST(TextReader, Gb18030Fallback) {
  // "中文通知" in GBK/GB18030.
  std::string gbk("\xD6\xD0\xCE\xC4\xCD\xA8\xD6\xAA", 8);
  Document d = MustRead(gbk, DocumentFormat::kText);
  EXPECT_EQ(d.text, "中文通知");
  EXPECT_EQ(d.source_encoding, "GB18030");
}

TEST(TextReader, RejectsUndecodableBytes) {
  // 0xFF is invalid in both UTF-8 and GB18030 as a lead byte here.
  auto r = ReadDocumentBytes(std::string("\x81\x30\xFF\xFF\xFF", 5), DocumentFormat::kText, "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("编码"), std::string::npos);
}

TEST(TextReader, SourceMapGivesLines) {
  Document d = MustRead("甲乙\n丙丁戊", DocumentFormat::kText);
  const TextSpan* s = d.Locate(4);  // 丁
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->location.paragraph, 1);
  EXPECT_EQ(d.Locate(2), nullptr);  // the newline belongs to no span
}

TEST(MarkdownReader, StripsSyntax) {
  Document d = MustRead("# 标题\n\n- **重点**内容，见[链接](http://x.cn/a)\n```\ncode,here\n```\n正文",
                        DocumentFormat::kAuto, "a.md");
  EXPECT_EQ(d.text, "标题\n重点内容，见链接\n正文");  // blank lines collapse
}

TEST(HtmlReader, EntitiesScriptsAndBlocks) {
  std::string html =
      "<!DOCTYPE html><html><head><title>关于通知</title><style>p{color:red}</style>"
      "<script>var s = '<p>不要</p>';</script></head><body><div>第一段&nbsp;&ldquo;引号&rdquo;&amp;&#x4E2D;&#25991;"
      "</div><!-- 注释 --><p>第二段<br>换行<b>加粗</b></p><ul><li>甲<li>乙</ul></body></html>";
  Document d = MustRead(html, DocumentFormat::kAuto, "x.html");
  EXPECT_EQ(d.text, "关于通知\n第一段\xC2\xA0“引号”&中文\n第二段\n换行加粗\n甲\n乙");
  const TextSpan* s = d.Locate(d.text.find("加粗") == std::string::npos ? 0 : 19);
  ASSERT_NE(s, nullptr);
  EXPECT_NE(s->location.part.find("body"), std::string::npos);
}

TEST(HtmlReader, SourceLineWrapsBetweenHanAddNoSpace) {
  Document d = MustRead("<p>各级政府\n  要加强 管理 work\n done</p>", DocumentFormat::kHtml);
  EXPECT_EQ(d.text, "各级政府要加强 管理 work done");
}

TEST(HtmlReader, TolerantOfBrokenMarkup) {
  Document d =
      MustRead("<p>未闭合<div attr=\"a>b\">属性里有尖括号</p></span>< 不是标签 &bogus; &#xZZ;<", DocumentFormat::kHtml);
  EXPECT_NE(d.text.find("属性里有尖括号"), std::string::npos);
  EXPECT_NE(d.text.find("< 不是标签 &bogus; &#xZZ;"), std::string::npos);
}

TEST(HtmlReader, DeepNestingIsRejected) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div><span>";
  auto r = ReadDocumentBytes(html, DocumentFormat::kHtml, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("嵌套过深"), std::string::npos);
}

TEST(HtmlReader, GbkPage) {
  std::string page = "<meta charset=\"gbk\"><p>" + std::string("\xD6\xD0\xCE\xC4", 4) + "</p>";
  EXPECT_EQ(MustRead(page, DocumentFormat::kHtml).text, "中文");
}

// --- .docx ---------------------------------------------------------------

std::string FullDocx() {
  DocxParts parts;
  std::string table = "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" + Para({"表头甲"}) + "</w:tc><w:tc>" + Para({"表头乙"}) +
                      "</w:tc></w:tr></w:tbl>";
  std::string textbox =
      "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>" +
      Para({"文本框内容"}) +
      "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>" +
      Para({"文本框内容"}) + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
  std::string tracked =
      "<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>已删除</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>新增</w:t></w:r></w:ins>"
      "<w:commentRangeStart w:id=\"0\"/><w:r><w:t>正文</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>"
      "<w:r><w:commentReference w:id=\"0\"/></w:r></w:p>";
  std::string tabs =
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>甲</w:t><w:tab/>"
      "<w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>";
  parts.body = Para({"第一段", "第二个运行"}) + table + textbox + tracked + tabs;
  parts.related = {
      {"header", "word/header1.xml", std::string("<w:hdr ") + testing::kW + ">" + Para({"页眉文字"}) + "</w:hdr>"},
      {"footer", "word/footer1.xml", std::string("<w:ftr ") + testing::kW + ">" + Para({"页脚文字"}) + "</w:ftr>"},
      {"footnotes", "word/footnotes.xml",
       std::string("<w:footnotes ") + testing::kW +
           "><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:t>分隔</w:t></w:r></w:p></w:footnote>"
           "<w:footnote w:id=\"1\">" +
           Para({"脚注内容"}) + "</w:footnote></w:footnotes>"},
      {"endnotes", "word/endnotes.xml",
       std::string("<w:endnotes ") + testing::kW + "><w:endnote w:id=\"1\">" + Para({"尾注内容"}) +
           "</w:endnote></w:endnotes>"},
      {"comments", "word/comments.xml",
       std::string("<w:comments ") + testing::kW + "><w:comment w:id=\"0\">" + Para({"批注不应出现"}) +
           "</w:comment></w:comments>"},
  };
  return MakeDocx(parts);
}

TEST(DocxReader, ReadsAllTextParts) {
  Document d = MustRead(FullDocx(), DocumentFormat::kAuto, "a.docx");
  const std::string& t = d.text;
  for (const char* want : {"第一段第二个运行", "表头甲\n表头乙", "文本框内容", "保留新增正文", "甲\t乙\n丙", "页眉文字",
                           "页脚文字", "脚注内容", "尾注内容"})
    EXPECT_NE(t.find(want), std::string::npos) << want << " missing in:\n" << t;
  for (const char* banned : {"已删除", "批注不应出现", "分隔", "PAGE"})
    EXPECT_EQ(t.find(banned), std::string::npos) << banned << " leaked into:\n" << t;
  // The text box is read once, not once more from its VML fallback.
  EXPECT_EQ(t.find("文本框内容"), t.rfind("文本框内容"));
}

TEST(DocxReader, SourceMapPointsToPartParagraphAndRun) {
  Document d = MustRead(FullDocx(), DocumentFormat::kDocx);
  const TextSpan* s = d.Locate(3);  // 第二个运行 starts at code point 3
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->location.part, "word/document.xml");
  EXPECT_EQ(s->location.paragraph, 0);
  EXPECT_EQ(s->location.run, 1);
  size_t cp = 0;
  size_t byte = d.text.find("页眉文字");
  for (size_t i = 0; i < byte; ++i) cp += (static_cast<unsigned char>(d.text[i]) & 0xC0) != 0x80;
  s = d.Locate(cp);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->location.part, "word/header1.xml");
}

TEST(DocxReader, FindsMainPartThroughRelationships) {
  DocxParts parts;
  parts.main_name = "custom/main.xml";
  parts.body = Para({"非标准位置的正文"});
  EXPECT_EQ(MustRead(MakeDocx(parts), DocumentFormat::kDocx).text, "非标准位置的正文");
}

TEST(DocxReader, RejectsPackageWithoutWordMainPart) {
  std::string zip = MakeZip(
      {{"[Content_Types].xml",
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
        "PartName=\"/theme/t.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.themeManager+xml\"/></Types>"},
       {"_rels/.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"theme/t.xml\"/></Relationships>"},
       {"theme/t.xml", "<a/>"}});
  auto r = ReadDocumentBytes(zip, DocumentFormat::kDocx, "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("不是 Word"), std::string::npos);
}

TEST(DocxReader, XxeIsNeverResolved) {
  std::string main =
      "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
      "<!ENTITY lol \"哈哈哈哈\">]><w:document " +
      std::string(testing::kW) + "><w:body>" + Para({"开头&xxe;中间&lol;结尾&amp;"}) + "</w:body></w:document>";
  testing::ZipEntries entries = {
      {"[Content_Types].xml",
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
       "PartName=\"/word/document.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"word/document.xml", main}};
  auto r = ReadDocumentBytes(MakeZip(entries), DocumentFormat::kDocx, "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->text.find("root:"), std::string::npos);
  EXPECT_EQ(r->text.find("哈哈"), std::string::npos);
  EXPECT_NE(r->text.find("开头"), std::string::npos);
  EXPECT_NE(r->text.find("结尾&"), std::string::npos);
}

TEST(DocxReader, RejectsEncryptedOle2Container) {
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(4000, '\0');
  auto r = ReadDocumentBytes(ole, DocumentFormat::kAuto, "secret.docx");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("加密"), std::string::npos);
}

TEST(DocxReader, RejectsTruncatedAndGarbage) {
  std::string docx = FullDocx();
  for (size_t cut : {docx.size() / 2, docx.size() - 10, size_t{30}}) {
    auto r = ReadDocumentBytes(std::string_view(docx).substr(0, cut), DocumentFormat::kDocx, "");
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_FALSE(r.status().message().empty());
  }
  auto empty = ReadDocumentBytes("", DocumentFormat::kDocx, "");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("为空"), std::string::npos);
  EXPECT_FALSE(ReadDocumentBytes("PK\x03\x04garbage", DocumentFormat::kDocx, "").ok());
}

TEST(DocxReader, RejectsZipBomb) {
  DocxParts parts;
  parts.body = Para({"正文"});
  parts.extra = {{"word/media/huge.bin", std::string(1, 'x')}};
  // A 40 MB run of one byte compresses about 1000:1.
  parts.related = {{"header", "word/header1.xml",
                    std::string("<w:hdr ") + testing::kW + "><w:p><w:r><w:t>" + std::string(40u << 20, 'A') +
                        "</w:t></w:r></w:p></w:hdr>"}};
  auto r = ReadDocumentBytes(MakeDocx(parts), DocumentFormat::kDocx, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("压缩炸弹"), std::string::npos);
}

TEST(DocxReader, RejectsDeepNesting) {
  DocxParts parts;
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "<w:sdt><w:sdtContent>";
  for (int i = 0; i < 2000; ++i) deep += "</w:sdtContent></w:sdt>";
  parts.body = deep;
  auto r = ReadDocumentBytes(MakeDocx(parts), DocumentFormat::kDocx, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("嵌套过深"), std::string::npos);
}

TEST(DocxReader, RejectsTooManyEntries) {
  testing::ZipEntries many;
  for (int i = 0; i < 60; ++i) many.emplace_back("f" + std::to_string(i), "x");
  ReadLimits limits;
  limits.max_zip_entries = 50;
  auto r = ReadDocumentBytes(MakeZip(many), DocumentFormat::kDocx, "", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
}

TEST(DocxReader, RejectsMalformedXml) {
  DocxParts parts;
  parts.body = "<w:p><w:r><w:t>未闭合</w:r>";
  auto r = ReadDocumentBytes(MakeDocx(parts), DocumentFormat::kDocx, "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("XML"), std::string::npos);
}

// A clock that jumps one second per reading: every time budget expires.
class RunawayClock final : public Clock {
 public:
  UnixSeconds Now() const override { return 0; }
  int64_t MonotonicNanos() const override { return (t_ += 1'000'000'000); }

 private:
  mutable int64_t t_ = 0;
};

TEST(Readers, TimeBudgetStopsWork) {
  RunawayClock clock;
  ReadLimits limits;
  limits.clock = &clock;
  limits.time_budget_ms = 500;
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "一行文字\n";
  auto r = ReadDocumentBytes(text, DocumentFormat::kText, "", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("时间"), std::string::npos);
  auto d = ReadDocumentBytes(FullDocx(), DocumentFormat::kDocx, "", limits);
  EXPECT_FALSE(d.ok());
}

TEST(Readers, FileSizeLimit) {
  ReadLimits limits;
  limits.max_file_bytes = 100;
  auto r = ReadDocumentBytes(std::string(200, 'a'), DocumentFormat::kText, "", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
  LocalFileSystem fs;
  auto missing = ReadDocumentFile(fs, "/nonexistent/x.docx");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace minyi
