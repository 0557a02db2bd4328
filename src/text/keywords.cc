#include "text/keywords.h"

#include <algorithm>
#include <cfloat>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "text/utf8.h"

namespace minyi {

namespace {

// jieba.analyse.tfidf.KeywordExtractor.STOP_WORDS
constexpr const char* kJiebaStopWords[] = {
    "the", "of", "is",   "and",   "to",  "in", "that", "we",   "for", "an",   "are", "by",  "be",  "as",  "on", "with",
    "can", "if", "from", "which", "you", "it", "this", "then", "at",  "have", "all", "not", "one", "has", "or"};

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// len(w.strip()) in code points.
size_t StrippedLength(std::u32string_view w) {
  size_t b = 0, e = w.size();
  while (b < e && Segmenter::IsSpaceToken(w.substr(b, 1))) ++b;
  while (e > b && Segmenter::IsSpaceToken(w.substr(e - 1, 1))) --e;
  return e - b;
}

bool IsAllHan(std::u32string_view w) {
  for (char32_t c : w) {
    if (c < 0x4E00 || c > 0x9FD5) return false;
  }
  return !w.empty();
}

}  // namespace

KeywordExtractor::KeywordExtractor(std::shared_ptr<const Segmenter> segmenter, std::shared_ptr<const IdfTable> idf,
                                   std::unordered_set<std::string> stop_words)
    : segmenter_(std::move(segmenter)), idf_(std::move(idf)), stop_words_(std::move(stop_words)) {}

std::unordered_set<std::string> KeywordExtractor::ParseStopWords(std::string_view content) {
  std::unordered_set<std::string> words;
  for (const char* w : kJiebaStopWords) words.insert(w);
  while (!content.empty()) {
    size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    words.insert(std::string(line));
  }
  return words;
}

Result<KeywordExtractor> KeywordExtractor::Load(const std::string& resource_dir,
                                                std::shared_ptr<const Segmenter> segmenter) {
  MINYI_ASSIGN_OR_RETURN(auto idf, IdfTable::Load(resource_dir + "/dict/jieba_idf.bin"));
  const std::string path = resource_dir + "/data/text/stopwords.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("找不到停用词表：" + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (ss.str().size() > (4u << 20)) return ResourceExhausted("停用词表过大：" + path);
  return KeywordExtractor(std::move(segmenter), std::move(idf), ParseStopWords(ss.str()));
}

bool KeywordExtractor::IsStopWord(std::string_view word) const { return stop_words_.count(AsciiLower(word)) != 0; }

Result<std::vector<Keyword>> KeywordExtractor::Extract(std::string_view document, size_t top,
                                                       KeywordMethod method) const {
  return method == KeywordMethod::kTextRank ? TextRank(document, top) : TfIdf(document, top);
}

Result<std::vector<Keyword>> KeywordExtractor::TfIdf(std::string_view document, size_t top) const {
  if (document.size() > kMaxDocumentBytes) return ResourceExhausted("文档过长，无法提取关键词");
  MINYI_ASSIGN_OR_RETURN(std::vector<Token> tokens, segmenter_->Cut(document, true));
  // Insertion-ordered counts: jieba's dict keeps first-occurrence order and
  // its stable sort keeps it among equal weights.
  std::vector<Keyword> freq;
  std::unordered_map<std::string, size_t> index;
  utf8::Decoded decoded = utf8::Decode(document);
  for (const Token& t : tokens) {
    std::u32string_view w32(decoded.cps.data() + t.begin, t.end - t.begin);
    if (StrippedLength(w32) < 2) continue;
    std::string word(document.substr(t.byte_begin, t.byte_end - t.byte_begin));
    if (IsStopWord(word)) continue;
    auto [it, inserted] = index.emplace(word, freq.size());
    if (inserted) freq.push_back({word, 0.0});
    freq[it->second].weight += 1.0;
  }
  double total = 0;
  for (const Keyword& k : freq) total += k.weight;
  for (Keyword& k : freq) k.weight *= idf_->Idf(k.word) / total;
  std::stable_sort(freq.begin(), freq.end(), [](const Keyword& a, const Keyword& b) { return a.weight > b.weight; });
  if (top > 0 && freq.size() > top) freq.resize(top);
  return freq;
}

Result<std::vector<Keyword>> KeywordExtractor::TextRank(std::string_view document, size_t top) const {
  if (document.size() > kMaxDocumentBytes) return ResourceExhausted("文档过长，无法提取关键词");
  MINYI_ASSIGN_OR_RETURN(std::vector<Token> tokens, segmenter_->Cut(document, true));
  utf8::Decoded decoded = utf8::Decode(document);
  static constexpr std::string_view kAllowed[] = {"ns", "n", "vn", "v"};
  // Word id per token (-1 when it fails jieba's pairfilter).
  std::vector<int> ids(tokens.size(), -1);
  std::unordered_map<std::string, int> word_ids;
  std::vector<std::string> words;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    std::u32string_view w32(decoded.cps.data() + t.begin, t.end - t.begin);
    if (StrippedLength(w32) < 2) continue;
    std::string word(document.substr(t.byte_begin, t.byte_end - t.byte_begin));
    if (IsStopWord(word)) continue;
    std::string_view tag = segmenter_->TagOf(w32);
    bool allowed = tag.empty() ? (segmenter_->Frequency(w32) == 0 && IsAllHan(w32))
                               : std::find(std::begin(kAllowed), std::end(kAllowed), tag) != std::end(kAllowed);
    if (!allowed) continue;
    auto [it, inserted] = word_ids.emplace(word, static_cast<int>(words.size()));
    if (inserted) words.push_back(word);
    ids[i] = it->second;
  }
  // Co-occurrence counts within the window, in first-seen pair order.
  constexpr size_t kSpan = 5;
  struct Pair {
    int a, b;
    double w;
  };
  std::vector<Pair> pairs;
  std::map<std::pair<int, int>, size_t> pair_index;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (ids[i] < 0) continue;
    for (size_t j = i + 1; j < i + kSpan && j < tokens.size(); ++j) {
      if (ids[j] < 0) continue;
      auto [it, inserted] = pair_index.emplace(std::make_pair(ids[i], ids[j]), pairs.size());
      if (inserted) pairs.push_back({ids[i], ids[j], 0});
      pairs[it->second].w += 1;
    }
  }
  // UndirectWeightedGraph: nodes in order of first addEdge, edge lists in
  // insertion order (both matter for floating-point agreement).
  std::vector<int> node_of_word(words.size(), -1);
  std::vector<int> node_word;
  struct Edge {
    int to;
    double w;
  };
  std::vector<std::vector<Edge>> graph;
  auto node = [&](int word) {
    if (node_of_word[word] < 0) {
      node_of_word[word] = static_cast<int>(node_word.size());
      node_word.push_back(word);
      graph.emplace_back();
    }
    return node_of_word[word];
  };
  for (const Pair& p : pairs) {
    int a = node(p.a);
    int b = node(p.b);
    graph[a].push_back({b, p.w});
    graph[b].push_back({a, p.w});
  }
  const size_t n = graph.size();
  if (n == 0) return std::vector<Keyword>{};
  const double d = 0.85;
  std::vector<double> ws(n, 1.0 / static_cast<double>(n)), out_sum(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    for (const Edge& e : graph[i]) out_sum[i] += e.w;
  }
  std::vector<int> sorted_nodes(n);
  for (size_t i = 0; i < n; ++i) sorted_nodes[i] = static_cast<int>(i);
  std::sort(sorted_nodes.begin(), sorted_nodes.end(),
            [&](int x, int y) { return words[node_word[x]] < words[node_word[y]]; });
  for (int iter = 0; iter < 10; ++iter) {
    for (int v : sorted_nodes) {
      double s = 0;
      for (const Edge& e : graph[v]) s += e.w / out_sum[e.to] * ws[e.to];
      ws[v] = (1 - d) + d * s;
    }
  }
  double min_rank = DBL_MAX, max_rank = DBL_MIN;  // sys.float_info[0], [3]
  for (double w : ws) {
    if (w < min_rank) min_rank = w;
    if (w > max_rank) max_rank = w;
  }
  std::vector<Keyword> result;
  result.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    result.push_back({words[node_word[i]], (ws[i] - min_rank / 10.0) / (max_rank - min_rank / 10.0)});
  }
  std::stable_sort(result.begin(), result.end(),
                   [](const Keyword& a, const Keyword& b) { return a.weight > b.weight; });
  if (top > 0 && result.size() > top) result.resize(top);
  return result;
}

}  // namespace minyi
