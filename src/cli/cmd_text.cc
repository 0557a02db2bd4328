// Text-engine subcommands: segment, keywords.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "common/resources.h"
#include "text/keywords.h"
#include "text/segmenter.h"
#include "text/utf8.h"

namespace minyi {

namespace {

constexpr size_t kMaxDocumentBytes = 16u << 20;

Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("无法打开文件：" + path);
  std::string data;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<size_t>(in.gcount()));
    if (data.size() > max_bytes) return ResourceExhausted("文件过大：" + path);
  }
  return data;
}

Result<Segmenter> LoadSegmenter(const std::string& user_dict) {
  MINYI_ASSIGN_OR_RETURN(Segmenter seg, Segmenter::Load(ResourceDir()));
  if (!user_dict.empty()) {
    MINYI_ASSIGN_OR_RETURN(std::string content, ReadSmallFile(user_dict, Segmenter::kMaxUserDictBytes));
    MINYI_RETURN_IF_ERROR(seg.LoadUserDictionary(content));
  }
  return seg;
}

bool IsSpaceWord(std::string_view word) {
  char32_t cps[2];
  size_t n = 0;
  for (size_t pos = 0; pos < word.size() && n < 2;) {
    size_t len;
    cps[n++] = utf8::DecodeOne(word, pos, &len);
    pos += len;
  }
  return Segmenter::IsSpaceToken(std::u32string_view(cps, n));
}

int RunSegment(bool no_hmm, const std::string& user_dict) {
  auto seg = LoadSegmenter(user_dict);
  if (!seg.ok()) return PrintError(seg.status());
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);  // no flush of stdout before every line read
  std::string line, out;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto tokens = seg->Cut(line, !no_hmm);
    if (!tokens.ok()) return PrintError(tokens.status());
    out.clear();
    for (const Token& t : *tokens) {
      std::string_view word(line.data() + t.byte_begin, t.byte_end - t.byte_begin);
      // Whitespace tokens would be invisible next to the separator.
      if (t.end - t.begin <= 2 && IsSpaceWord(word)) continue;
      if (!out.empty()) out.push_back(' ');
      out.append(word);
    }
    out.push_back('\n');
    std::cout << out;
  }
  std::cout.flush();
  return 0;
}

int RunKeywords(size_t top, const std::string& method, const std::string& user_dict) {
  KeywordMethod m;
  if (method == "tfidf") {
    m = KeywordMethod::kTfIdf;
  } else if (method == "textrank") {
    m = KeywordMethod::kTextRank;
  } else {
    return PrintError(InvalidArgument("未知的关键词方法：" + method + "（可选 tfidf、textrank）"));
  }
  auto seg = LoadSegmenter(user_dict);
  if (!seg.ok()) return PrintError(seg.status());
  auto extractor = KeywordExtractor::Load(ResourceDir(), std::make_shared<const Segmenter>(std::move(*seg)));
  if (!extractor.ok()) return PrintError(extractor.status());
  std::string doc;
  char buf[65536];
  while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
    doc.append(buf, static_cast<size_t>(std::cin.gcount()));
    if (doc.size() > kMaxDocumentBytes) {
      return PrintError(ResourceExhausted("输入文档过大（超过 16 MiB）"));
    }
  }
  auto keywords = extractor->Extract(doc, top, m);
  if (!keywords.ok()) return PrintError(keywords.status());
  for (const Keyword& k : *keywords) {
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.6f", k.weight);
    std::cout << k.word << '\t' << weight << '\n';
  }
  return 0;
}

}  // namespace

void RegisterTextCommands(CLI::App& app, CliContext& ctx) {
  struct SegmentArgs {
    bool no_hmm = false;
    std::string user_dict;
  };
  auto seg_args = std::make_shared<SegmentArgs>();
  CLI::App* segment =
      app.add_subcommand("segment", "中文分词：逐行读取标准输入，输出以空格分隔的词（与 jieba 精确模式一致）");
  segment->add_flag("--no-hmm", seg_args->no_hmm, "不使用 HMM 识别未登录词");
  segment->add_option("--user-dict", seg_args->user_dict, "自定义词典文件（每行：词 [词频] [词性]）");
  segment->callback([&ctx, seg_args] { ctx.exit_code = RunSegment(seg_args->no_hmm, seg_args->user_dict); });

  struct KeywordArgs {
    size_t top = 20;
    std::string method = "tfidf";
    std::string user_dict;
  };
  auto kw_args = std::make_shared<KeywordArgs>();
  CLI::App* keywords = app.add_subcommand("keywords", "关键词提取：读取标准输入的整篇文档，输出关键词及权重");
  keywords->add_option("--top", kw_args->top, "输出前 N 个关键词（默认 20）")->check(CLI::Range(1, 10000));
  keywords->add_option("--method", kw_args->method, "tfidf（默认）或 textrank");
  keywords->add_option("--user-dict", kw_args->user_dict, "自定义词典文件（每行：词 [词频] [词性]）");
  keywords->callback(
      [&ctx, kw_args] { ctx.exit_code = RunKeywords(kw_args->top, kw_args->method, kw_args->user_dict); });
}

}  // namespace minyi
