// Build-time compiler: Debian python3-jieba's dict.txt, finalseg/prob_*.py and
// analyse/idf.txt -> the mmap-able binaries described in text/jieba_format.h.
//
// Usage: minyi_compile_jieba <jieba dir> <out dict.bin> <out idf.bin>
//
// Reproduces jieba's own loading rules so run-time results match it exactly:
// the total counts duplicate lines, a later duplicate overrides the frequency,
// prefixes of words exist with frequency 0, log(freq or 1) is precomputed with
// the same libm call Python uses.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/jieba_format.h"
#include "text/utf8.h"

namespace fmtj = minyi::jieba_format;

namespace {

[[noreturn]] void Die(const std::string& msg) {
  std::cerr << "minyi_compile_jieba: " << msg << "\n";
  std::exit(1);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Strip(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> SplitSpace(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(' ', start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

struct BuildNode {
  char32_t label = 0;
  uint32_t freq = 0;
  uint8_t tag = 0;
  std::map<char32_t, uint32_t> children;
};

// Minimal reader for the Python dict literals in finalseg/prob_*.py:
// nested {'X': {...}} with '\uXXXX' keys and float values.
class PyDictScanner {
 public:
  explicit PyDictScanner(std::string text) : s_(std::move(text)) {
    size_t p = s_.find("P=");
    if (p == std::string::npos) p = s_.find("P =");
    if (p == std::string::npos) Die("no P= in probability file");
    pos_ = s_.find('{', p);
  }
  // Calls on_entry(outer_key, inner_key, value) for 2-level dicts and
  // on_entry(key, U"", value) for flat ones.
  template <typename F>
  void Scan(F on_entry) {
    Expect('{');
    while (true) {
      SkipWs();
      if (Peek() == '}') break;
      std::u32string key = ReadString();
      SkipWs();
      Expect(':');
      SkipWs();
      if (Peek() == '{') {
        Expect('{');
        while (true) {
          SkipWs();
          if (Peek() == '}') break;
          std::u32string inner = ReadString();
          SkipWs();
          Expect(':');
          on_entry(key, inner, ReadNumber());
          SkipWs();
          if (Peek() == ',') ++pos_;
        }
        Expect('}');
      } else {
        on_entry(key, std::u32string(), ReadNumber());
      }
      SkipWs();
      if (Peek() == ',') ++pos_;
    }
  }

 private:
  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void SkipWs() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  void Expect(char c) {
    SkipWs();
    if (Peek() != c) Die(std::string("probability file: expected ") + c);
    ++pos_;
  }
  std::u32string ReadString() {
    SkipWs();
    char q = Peek();
    if (q != '\'' && q != '"') Die("probability file: expected string");
    ++pos_;
    std::u32string out;
    while (pos_ < s_.size() && s_[pos_] != q) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size() && s_[pos_ + 1] == 'u') {
        out.push_back(static_cast<char32_t>(std::strtoul(s_.substr(pos_ + 2, 4).c_str(), nullptr, 16)));
        pos_ += 6;
      } else {
        size_t len;
        out.push_back(minyi::utf8::DecodeOne(s_, pos_, &len));
        pos_ += len;
      }
    }
    ++pos_;
    return out;
  }
  double ReadNumber() {
    SkipWs();
    const char* begin = s_.c_str() + pos_;
    char* end = nullptr;
    double v = std::strtod(begin, &end);
    if (end == begin) Die("probability file: expected number");
    pos_ += static_cast<size_t>(end - begin);
    return v;
  }

  std::string s_;
  size_t pos_ = 0;
};

int StateIndex(const std::u32string& k) {
  if (k.size() != 1) Die("bad HMM state");
  switch (k[0]) {
    case U'B':
      return fmtj::kB;
    case U'M':
      return fmtj::kM;
    case U'E':
      return fmtj::kE;
    case U'S':
      return fmtj::kS;
  }
  Die("bad HMM state");
}

void Pad8(std::string& out) {
  while (out.size() % 8) out.push_back('\0');
}

template <typename T>
void Put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

void WriteFile(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) Die("cannot write " + tmp);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) Die("write failed " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) Die("rename failed " + path);
}

std::string CompileDict(const std::string& jieba_dir) {
  std::vector<BuildNode> nodes(1);
  std::vector<std::string> tag_names = {""};
  std::unordered_map<std::string, uint8_t> tag_ids = {{"", 0}};
  uint64_t total = 0;
  std::istringstream in(ReadAll(jieba_dir + "/dict.txt"));
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    line = Strip(line);
    std::vector<std::string> parts = SplitSpace(line);
    if (parts.size() < 2 || parts[0].empty()) Die("dict.txt line " + std::to_string(lineno));
    char* end = nullptr;
    unsigned long long freq = std::strtoull(parts[1].c_str(), &end, 10);
    if (*end != '\0' || freq > UINT32_MAX) Die("dict.txt bad freq line " + std::to_string(lineno));
    std::string tag = parts.size() >= 3 ? parts[2] : "";
    auto [it, inserted] = tag_ids.emplace(tag, static_cast<uint8_t>(tag_names.size()));
    if (inserted) {
      if (tag_names.size() >= fmtj::kMaxTags || tag.size() > 7) Die("too many/long POS tags");
      tag_names.push_back(tag);
    }
    total += freq;
    uint32_t cur = 0;
    for (char32_t c : minyi::utf8::ToU32(parts[0])) {
      auto found = nodes[cur].children.find(c);
      if (found == nodes[cur].children.end()) {
        uint32_t id = static_cast<uint32_t>(nodes.size());
        nodes[cur].children.emplace(c, id);
        nodes.emplace_back();
        nodes.back().label = c;
        cur = id;
      } else {
        cur = found->second;
      }
    }
    nodes[cur].freq = static_cast<uint32_t>(freq);
    nodes[cur].tag = it->second;
  }

  // Breadth-first renumbering makes every child list contiguous and sorted.
  std::vector<uint32_t> order = {0};
  std::vector<fmtj::DictNode> out_nodes(nodes.size());
  for (size_t i = 0; i < order.size(); ++i) {
    const BuildNode& n = nodes[order[i]];
    fmtj::DictNode& o = out_nodes[i];
    o.label = n.label;
    o.freq = n.freq;
    o.child_begin = static_cast<uint32_t>(order.size());
    o.child_count = static_cast<uint32_t>(n.children.size());
    for (const auto& [label, id] : n.children) order.push_back(id);
  }

  fmtj::DictHeader h{};
  std::memcpy(h.magic, fmtj::kDictMagic, 8);
  h.version = fmtj::kVersion;
  h.node_count = static_cast<uint32_t>(out_nodes.size());
  h.total = total;
  h.tag_count = static_cast<uint32_t>(tag_names.size());
  for (auto& row : h.trans)
    for (double& v : row) v = fmtj::kMinFloat;
  for (double& v : h.start) v = fmtj::kMinFloat;
  PyDictScanner(ReadAll(jieba_dir + "/finalseg/prob_start.py"))
      .Scan([&](const std::u32string& k, const std::u32string&, double v) { h.start[StateIndex(k)] = v; });
  PyDictScanner(ReadAll(jieba_dir + "/finalseg/prob_trans.py"))
      .Scan([&](const std::u32string& a, const std::u32string& b, double v) {
        h.trans[StateIndex(a)][StateIndex(b)] = v;
      });
  std::map<char32_t, fmtj::HmmEmission> emit;
  PyDictScanner(ReadAll(jieba_dir + "/finalseg/prob_emit.py"))
      .Scan([&](const std::u32string& state, const std::u32string& ch, double v) {
        if (ch.size() != 1) Die("prob_emit: key is not one character");
        auto [it, inserted] = emit.try_emplace(ch[0]);
        if (inserted) {
          it->second.cp = ch[0];
          for (double& p : it->second.logp) p = fmtj::kMinFloat;
        }
        it->second.logp[StateIndex(state)] = v;
      });
  h.hmm_char_count = static_cast<uint32_t>(emit.size());

  std::string out;
  Put(out, h);
  for (const auto& n : out_nodes) Put(out, n);
  for (size_t i = 0; i < out_nodes.size(); ++i) {
    // jieba: log(FREQ.get(word) or 1)
    double lf = std::log(static_cast<double>(out_nodes[i].freq ? out_nodes[i].freq : 1));
    Put(out, lf);
  }
  for (size_t i = 0; i < out_nodes.size(); ++i) out.push_back(static_cast<char>(nodes[order[i]].tag));
  Pad8(out);
  std::vector<uint32_t> root(fmtj::kRootIndexSize, 0);
  const fmtj::DictNode& r = out_nodes[0];
  for (uint32_t i = r.child_begin; i < r.child_begin + r.child_count; ++i) {
    if (out_nodes[i].label < fmtj::kRootIndexSize) root[out_nodes[i].label] = i;
  }
  for (uint32_t v : root) Put(out, v);
  for (const auto& [cp, e] : emit) Put(out, e);
  for (const auto& t : tag_names) {
    char buf[8] = {};
    std::memcpy(buf, t.data(), t.size());
    out.append(buf, 8);
  }
  std::cerr << "dict: " << out_nodes.size() << " nodes, total " << total << ", " << emit.size() << " HMM chars, "
            << tag_names.size() << " tags\n";
  return out;
}

std::string CompileIdf(const std::string& jieba_dir) {
  std::map<std::string, double> idf;  // bytewise order == code point order
  std::istringstream in(ReadAll(jieba_dir + "/analyse/idf.txt"));
  std::string line;
  while (std::getline(in, line)) {
    line = Strip(line);
    std::vector<std::string> parts = SplitSpace(line);
    if (parts.size() != 2) Die("idf.txt: bad line " + line);
    idf[parts[0]] = std::strtod(parts[1].c_str(), nullptr);
  }
  std::vector<double> values;
  for (const auto& [w, v] : idf) values.push_back(v);
  std::sort(values.begin(), values.end());
  fmtj::IdfHeader h{};
  std::memcpy(h.magic, fmtj::kIdfMagic, 8);
  h.version = fmtj::kVersion;
  h.word_count = static_cast<uint32_t>(idf.size());
  h.median_idf = values.empty() ? 0.0 : values[values.size() / 2];
  std::string blob;
  std::vector<uint32_t> offsets;
  std::vector<double> vals;
  for (const auto& [w, v] : idf) {
    offsets.push_back(static_cast<uint32_t>(blob.size()));
    blob += w;
    vals.push_back(v);
  }
  offsets.push_back(static_cast<uint32_t>(blob.size()));
  h.blob_size = blob.size();
  std::string out;
  Put(out, h);
  for (uint32_t o : offsets) Put(out, o);
  Pad8(out);
  for (double v : vals) Put(out, v);
  out += blob;
  std::cerr << "idf: " << idf.size() << " words, median " << h.median_idf << "\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) Die("usage: minyi_compile_jieba <jieba dir> <out dict.bin> <out idf.bin>");
  WriteFile(argv[2], CompileDict(argv[1]));
  WriteFile(argv[3], CompileIdf(argv[1]));
  return 0;
}
