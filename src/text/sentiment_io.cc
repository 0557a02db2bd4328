// Sentiment labels, labelled training files and lexicon lists: the text
// formats of src/text/sentiment.h (model scoring and training live in
// sentiment.cc). All parsers are bounded and report bad lines by number.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/env.h"
#include "common/strings.h"
#include "text/sentiment.h"

namespace minyi {
// ---- labels and files ---------------------------------------------------------

std::string_view SentimentLabelName(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kNegative:
      return "negative";
    case SentimentLabel::kPositive:
      return "positive";
    default:
      return "neutral";
  }
}

Result<SentimentLabel> ParseSentimentLabel(std::string_view text) {
  std::string s(TrimBlank(text));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "neg" || s == "negative" || s == "-1" || s == "负面" || s == "负") return SentimentLabel::kNegative;
  if (s == "neu" || s == "neutral" || s == "0" || s == "中性" || s == "中") return SentimentLabel::kNeutral;
  if (s == "pos" || s == "positive" || s == "1" || s == "+1" || s == "正面" || s == "正")
    return SentimentLabel::kPositive;
  return InvalidArgument("无法识别的情感标签“" + std::string(text.substr(0, 40)) +
                         "”（应为 neg/neu/pos、negative/neutral/positive 或 -1/0/1）");
}

Result<std::vector<SentimentExample>> ParseLabelledTsv(std::string_view content, const SentimentTrainOptions& options) {
  if (content.size() > options.max_file_bytes) {
    return ResourceExhausted("训练文件过大（上限 " + std::to_string(options.max_file_bytes) + " 字节）");
  }
  if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::vector<SentimentExample> out;
  size_t line_no = 0;
  while (!content.empty()) {
    std::string_view line = TakeLine(&content);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimBlank(line).empty() || line.front() == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return InvalidArgument("训练文件第 " + std::to_string(line_no) + " 行缺少制表符（格式应为“标签<TAB>文本”）");
    }
    std::string_view label = TrimBlank(line.substr(0, tab));
    std::string_view text = TrimBlank(line.substr(tab + 1));
    if (line_no == 1 && (label == "label" || label == "标签")) continue;
    auto parsed = ParseSentimentLabel(label);
    if (!parsed.ok()) return parsed.status().WithContext("训练文件第 " + std::to_string(line_no) + " 行");
    if (text.empty()) return InvalidArgument("训练文件第 " + std::to_string(line_no) + " 行文本为空");
    if (text.size() > SentimentModel::kMaxTextBytes) {
      return ResourceExhausted("训练文件第 " + std::to_string(line_no) + " 行过长");
    }
    if (out.size() >= options.max_examples) {
      return ResourceExhausted("训练样本过多（上限 " + std::to_string(options.max_examples) + " 条）");
    }
    out.push_back({*parsed, std::string(text)});
  }
  return out;
}

// ---- lexicon ----------------------------------------------------------------------

namespace {

struct LexiconSink {
  std::unordered_map<std::string, double>* weighted = nullptr;
  std::vector<std::string>* plain = nullptr;
  double default_weight = 1.0;
};

Status ParseList(std::string_view text, const std::string& where, LexiconSink sink) {
  size_t line_no = 0;
  while (!text.empty()) {
    std::string_view line = TakeLine(&text);
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = TrimBlank(line);
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    std::string word(TrimBlank(line.substr(0, tab)));
    double weight = sink.default_weight;
    if (tab != std::string_view::npos) {
      std::string w(TrimBlank(line.substr(tab + 1)));
      char* end = nullptr;
      weight = std::strtod(w.c_str(), &end);
      if (w.empty() || end != w.c_str() + w.size() || !(weight > 0) || weight > 100) {
        return InvalidArgument(where + " 第 " + std::to_string(line_no) + " 行权重无效：" + w);
      }
    }
    if (sink.weighted)
      (*sink.weighted)[word] = weight;
    else
      sink.plain->push_back(word);
  }
  return Status::Ok();
}

struct Section {
  const char* name;
  bool required;
};
constexpr Section kSections[] = {{"positive", true},  {"negative", true},    {"negation", true},    {"degree", false},
                                 {"contrast", false}, {"concession", false}, {"rhetorical", false}, {"neutral", false}};

LexiconSink SinkFor(SentimentLexicon& lex, std::string_view name) {
  if (name == "positive") return {&lex.positive, nullptr, 1.0};
  if (name == "negative") return {&lex.negative, nullptr, 1.0};
  if (name == "degree") return {&lex.degree, nullptr, 1.5};
  if (name == "negation") return {nullptr, &lex.negation, 1.0};
  if (name == "contrast") return {nullptr, &lex.contrast, 1.0};
  if (name == "concession") return {nullptr, &lex.concession, 1.0};
  if (name == "rhetorical") return {nullptr, &lex.rhetorical, 1.0};
  return {nullptr, &lex.neutral, 1.0};
}

}  // namespace

Result<SentimentLexicon> SentimentLexicon::LoadDir(const std::string& dir) {
  LocalFileSystem fs;
  SentimentLexicon lex;
  for (const auto& sec : kSections) {
    std::string path = dir + "/" + sec.name + ".txt";
    if (!fs.Exists(path)) {
      if (sec.required) return NotFound("缺少情感词表文件：" + path);
      continue;
    }
    MINYI_ASSIGN_OR_RETURN(std::string text, fs.ReadFile(path, 16u << 20));
    MINYI_RETURN_IF_ERROR(ParseList(text, path, SinkFor(lex, sec.name)));
  }
  return lex;
}

Result<SentimentLexicon> SentimentLexicon::Parse(std::string_view text) {
  SentimentLexicon lex;
  // Split into "[name]" sections, each parsed like a list file.
  std::string current;
  size_t start = 0;
  auto flush = [&](size_t end) -> Status {
    if (current.empty()) return Status::Ok();
    return ParseList(text.substr(start, end - start), "模型内词表[" + current + "]", SinkFor(lex, current));
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = TrimBlank(text.substr(pos, end - pos));
    if (line.size() > 2 && line.front() == '[' && line.back() == ']') {
      MINYI_RETURN_IF_ERROR(flush(pos));
      current = std::string(line.substr(1, line.size() - 2));
      bool known = false;
      for (const auto& sec : kSections) known |= current == sec.name;
      if (!known) return Corruption("模型内词表含未知分节：" + current);
      start = end;
    }
    pos = end + 1;
  }
  MINYI_RETURN_IF_ERROR(flush(text.size()));
  return lex;
}

std::string SentimentLexicon::Serialize() const {
  std::string out;
  auto weighted = [&](const char* name, const std::unordered_map<std::string, double>& m) {
    std::vector<std::pair<std::string, double>> v(m.begin(), m.end());
    std::sort(v.begin(), v.end());
    out += "[" + std::string(name) + "]\n";
    for (const auto& [w, x] : v) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4g", x);
      out += w + "\t" + buf + "\n";
    }
  };
  auto plain = [&](const char* name, std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    out += "[" + std::string(name) + "]\n";
    for (const auto& w : v) out += w + "\n";
  };
  weighted("positive", positive);
  weighted("negative", negative);
  weighted("degree", degree);
  plain("negation", negation);
  plain("contrast", contrast);
  plain("concession", concession);
  plain("rhetorical", rhetorical);
  plain("neutral", neutral);
  return out;
}

}  // namespace minyi
