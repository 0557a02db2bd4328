// Lexer, recursive-descent parser and limit checks for the rule language
// (grammar in rules.h), plus the 方案 form.
#include <algorithm>
#include <string>

#include "text/rules_internal.h"
#include "text/utf8.h"

namespace minyi::rules_internal {

namespace {

enum class Tok : uint8_t { kWord, kPhrase, kField, kLParen, kRParen, kAnd, kOr, kNot, kNear, kEnd };

struct Token {
  Tok type = Tok::kEnd;
  std::string text;  // word/phrase text (UTF-8), or the operator as written
  uint32_t column = 1;
  bool wildcard = false;
  uint8_t fields = 0;
  uint32_t distance = 0;
  bool ordered = false;
};

std::string At(uint32_t column, std::string_view what) {
  return "第 " + std::to_string(column) + " 列：" + std::string(what);
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

bool IsDelimiter(char32_t c) {
  return IsSpace(c) || c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 || c == '"' || c == 0x201C || c == 0x201D ||
         c == '|' || c == 0xFF5C || c == '&';
}

std::string Fold(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

struct FieldName {
  std::u32string_view name;
  uint8_t mask;
};
constexpr FieldName kFieldNames[] = {
    {U"title", kFieldTitle}, {U"text", kFieldText}, {U"source", kFieldSource}, {U"site", kFieldSite},
    {U"标题", kFieldTitle},  {U"正文", kFieldText}, {U"来源", kFieldSource},   {U"站点", kFieldSite},
};

class Lexer {
 public:
  explicit Lexer(std::u32string cps) : cps_(std::move(cps)) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    size_t i = 0;
    while (i < cps_.size()) {
      const char32_t c = cps_[i];
      const uint32_t col = static_cast<uint32_t>(i + 1);
      if (IsSpace(c)) {
        ++i;
        continue;
      }
      Token t;
      t.column = col;
      if (c == '(' || c == 0xFF08) {
        t.type = Tok::kLParen;
        ++i;
      } else if (c == ')' || c == 0xFF09) {
        t.type = Tok::kRParen;
        ++i;
      } else if (c == '|' || c == 0xFF5C) {
        t.type = Tok::kOr;
        ++i;
      } else if (c == '&') {
        t.type = Tok::kAnd;
        ++i;
      } else if (c == '"' || c == 0x201C || c == 0x201D) {
        size_t j = i + 1;
        while (j < cps_.size() && cps_[j] != '"' && cps_[j] != 0x201D && cps_[j] != 0x201C) ++j;
        if (j >= cps_.size()) return InvalidArgument(At(col, "引号未闭合"));
        if (j == i + 1) return InvalidArgument(At(col, "引号内不能为空"));
        t.type = Tok::kPhrase;
        t.text = utf8::FromU32(std::u32string_view(cps_).substr(i + 1, j - i - 1));
        i = j + 1;
      } else if (c == '-' || c == 0xFF0D) {
        if (i + 1 >= cps_.size() || IsSpace(cps_[i + 1])) return InvalidArgument(At(col, "“-”后缺少要排除的词语"));
        t.type = Tok::kNot;
        ++i;
      } else if (uint8_t mask = FieldAt(i, &i)) {
        t.type = Tok::kField;
        t.fields = mask;
      } else {
        size_t j = i;
        while (j < cps_.size() && !IsDelimiter(cps_[j])) ++j;
        std::u32string_view word = std::u32string_view(cps_).substr(i, j - i);
        MINYI_RETURN_IF_ERROR(Classify(word, col, &t));
        i = j;
      }
      out.push_back(std::move(t));
    }
    Token end;
    end.column = static_cast<uint32_t>(cps_.size() + 1);
    out.push_back(end);
    return out;
  }

 private:
  // A known field name followed by ':' or '：' at position i.
  uint8_t FieldAt(size_t i, size_t* next) const {
    std::u32string_view rest = std::u32string_view(cps_).substr(i);
    for (const auto& f : kFieldNames) {
      if (rest.size() > f.name.size() && rest.substr(0, f.name.size()) == f.name &&
          (rest[f.name.size()] == ':' || rest[f.name.size()] == 0xFF1A)) {
        *next = i + f.name.size() + 1;
        return f.mask;
      }
    }
    return 0;
  }

  static Status Classify(std::u32string_view word, uint32_t col, Token* t) {
    if (word == U"AND") {
      t->type = Tok::kAnd;
      return Status::Ok();
    }
    if (word == U"OR") {
      t->type = Tok::kOr;
      return Status::Ok();
    }
    if (word == U"NOT") {
      t->type = Tok::kNot;
      return Status::Ok();
    }
    for (std::u32string_view kw : {std::u32string_view(U"ONEAR"), std::u32string_view(U"NEAR")}) {
      if (word.substr(0, kw.size()) != kw) continue;
      std::u32string_view rest = word.substr(kw.size());
      if (rest.empty() || rest[0] != '/') {
        if (!rest.empty()) break;  // e.g. NEARBY is an ordinary word
        return InvalidArgument(At(col, "NEAR 后需要写距离，例如 NEAR/10"));
      }
      rest.remove_prefix(1);
      if (rest.empty() || rest.size() > 6)
        return InvalidArgument(At(col, "NEAR 的距离应为 0–999999 的整数，例如 NEAR/10"));
      uint32_t n = 0;
      for (char32_t d : rest) {
        if (d < '0' || d > '9') return InvalidArgument(At(col, "NEAR 的距离应为整数，例如 NEAR/10"));
        n = n * 10 + static_cast<uint32_t>(d - '0');
      }
      t->type = Tok::kNear;
      t->distance = n;
      t->ordered = kw.size() == 5;
      return Status::Ok();
    }
    for (size_t k = 0; k < word.size(); ++k) {
      if (word[k] == '*' && k + 1 != word.size()) {
        return InvalidArgument(At(col + static_cast<uint32_t>(k), "通配符“*”只能放在词尾"));
      }
    }
    t->type = Tok::kWord;
    if (word.back() == '*') {
      t->wildcard = true;
      word.remove_suffix(1);
      if (word.empty()) return InvalidArgument(At(col, "通配符“*”前缺少词语"));
    }
    t->text = utf8::FromU32(word);
    return Status::Ok();
  }

  std::u32string cps_;
};

std::string Describe(const Token& t) {
  switch (t.type) {
    case Tok::kWord:
      return "“" + t.text + (t.wildcard ? "*" : "") + "”";
    case Tok::kPhrase:
      return "“\"" + t.text + "\"”";
    case Tok::kField:
      return "字段限定";
    case Tok::kLParen:
      return "“(”";
    case Tok::kRParen:
      return "“)”";
    case Tok::kAnd:
      return "AND";
    case Tok::kOr:
      return "OR";
    case Tok::kNot:
      return "NOT";
    case Tok::kNear:
      return t.ordered ? "ONEAR" : "NEAR";
    case Tok::kEnd:
      return "结尾";
  }
  return "";
}

class Parser {
 public:
  Parser(std::vector<Token> toks, const RuleLimits& limits) : toks_(std::move(toks)), limits_(limits) {}

  Result<Node> Run() {
    MINYI_ASSIGN_OR_RETURN(Node root, ParseOr(kDefaultFields, 0));
    const Token& t = Peek();
    if (t.type == Tok::kRParen) return InvalidArgument(At(t.column, "多余的右括号“)”"));
    if (t.type != Tok::kEnd) return InvalidArgument(At(t.column, "无法理解此处的" + Describe(t)));
    return root;
  }

 private:
  const Token& Peek() const { return toks_[pos_]; }
  const Token& Take() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }

  Status Deeper(size_t depth, uint32_t column) const {
    if (depth >= limits_.max_depth) {
      return ResourceExhausted(At(column, "嵌套过深（最多 " + std::to_string(limits_.max_depth) + " 层）"));
    }
    return Status::Ok();
  }

  static void Append(Node& parent, Node child) {
    if (child.kind == parent.kind && (parent.kind == Kind::kAnd || parent.kind == Kind::kOr)) {
      for (auto& c : child.children) parent.children.push_back(std::move(c));
    } else {
      parent.children.push_back(std::move(child));
    }
  }

  Result<Node> ParseOr(uint8_t fields, size_t depth) {
    MINYI_RETURN_IF_ERROR(Deeper(depth, Peek().column));
    MINYI_ASSIGN_OR_RETURN(Node left, ParseAnd(fields, depth));
    if (Peek().type != Tok::kOr) return left;
    Node n;
    n.kind = Kind::kOr;
    n.column = left.column;
    Append(n, std::move(left));
    while (Peek().type == Tok::kOr) {
      Take();
      MINYI_ASSIGN_OR_RETURN(Node right, ParseAnd(fields, depth));
      Append(n, std::move(right));
    }
    return n;
  }

  static bool StartsOperand(Tok t) {
    return t == Tok::kWord || t == Tok::kPhrase || t == Tok::kField || t == Tok::kLParen || t == Tok::kNot;
  }

  Result<Node> ParseAnd(uint8_t fields, size_t depth) {
    MINYI_ASSIGN_OR_RETURN(Node left, ParseUnary(fields, depth));
    if (Peek().type != Tok::kAnd && !StartsOperand(Peek().type)) return left;
    Node n;
    n.kind = Kind::kAnd;
    n.column = left.column;
    Append(n, std::move(left));
    for (;;) {
      if (Peek().type == Tok::kAnd) {
        Take();
      } else if (!StartsOperand(Peek().type)) {
        break;
      }
      MINYI_ASSIGN_OR_RETURN(Node right, ParseUnary(fields, depth));
      Append(n, std::move(right));
    }
    return n;
  }

  Result<Node> ParseUnary(uint8_t fields, size_t depth) {
    if (Peek().type == Tok::kNot) {
      const Token& t = Take();
      MINYI_RETURN_IF_ERROR(Deeper(depth + 1, t.column));
      Node n;
      n.kind = Kind::kNot;
      n.column = t.column;
      MINYI_ASSIGN_OR_RETURN(Node child, ParseUnary(fields, depth + 1));
      n.children.push_back(std::move(child));
      return n;
    }
    return ParseNear(fields, depth);
  }

  Result<Node> ParseNear(uint8_t fields, size_t depth) {
    MINYI_ASSIGN_OR_RETURN(Node left, ParsePrimary(fields, depth));
    while (Peek().type == Tok::kNear) {
      const Token op = Take();
      MINYI_ASSIGN_OR_RETURN(Node right, ParsePrimary(fields, depth));
      Node n;
      n.kind = Kind::kNear;
      n.column = op.column;
      n.distance = op.distance;
      n.ordered = op.ordered;
      n.children.push_back(std::move(left));
      n.children.push_back(std::move(right));
      left = std::move(n);
    }
    return left;
  }

  Result<Node> ParsePrimary(uint8_t fields, size_t depth) {
    const Token& t = Take();
    switch (t.type) {
      case Tok::kWord:
      case Tok::kPhrase: {
        Node n;
        n.kind = Kind::kTerm;
        n.text = Fold(t.text);
        n.wildcard = t.wildcard;
        n.fields = fields;
        n.column = t.column;
        return n;
      }
      case Tok::kField:
        MINYI_RETURN_IF_ERROR(Deeper(depth + 1, t.column));
        if (Peek().type == Tok::kEnd || !StartsOperand(Peek().type) || Peek().type == Tok::kNot) {
          return InvalidArgument(At(Peek().column, "字段限定后缺少词语或括号"));
        }
        return ParsePrimary(t.fields, depth + 1);
      case Tok::kLParen: {
        const uint32_t open = t.column;
        if (Peek().type == Tok::kRParen) return InvalidArgument(At(open, "括号内不能为空"));
        MINYI_ASSIGN_OR_RETURN(Node inner, ParseOr(fields, depth + 1));
        if (Peek().type != Tok::kRParen) {
          return InvalidArgument(
              At(Peek().column, "缺少右括号“)”（第 " + std::to_string(open) + " 列的左括号未闭合）"));
        }
        Take();
        if (inner.kind != Kind::kTerm) inner.column = open;  // errors about the group point at its "("
        return inner;
      }
      case Tok::kEnd:
        return InvalidArgument(At(t.column, "规则意外结束，此处缺少词语"));
      default:
        return InvalidArgument(At(t.column, "此处应为词语，却是" + Describe(t)));
    }
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
  const RuleLimits& limits_;
};

// ---------------------------------------------------------------- checks

struct Counts {
  size_t terms = 0;
  size_t wildcards = 0;
};

size_t CountTerms(const Node& n) {
  if (n.kind == Kind::kTerm) return 1;
  size_t c = 0;
  for (const auto& ch : n.children) c += CountTerms(ch);
  return c;
}

bool NearOperandOk(const Node& n) {
  if (n.kind == Kind::kTerm || n.kind == Kind::kNear) return true;
  if (n.kind != Kind::kOr) return false;
  return std::all_of(n.children.begin(), n.children.end(), NearOperandOk);
}

Status Check(const Node& n, const RuleLimits& limits, Counts* counts) {
  switch (n.kind) {
    case Kind::kTerm: {
      ++counts->terms;
      const size_t chars = utf8::CountCodePoints(n.text);
      if (chars > limits.max_term_chars) {
        return ResourceExhausted(At(n.column, "词语过长（最多 " + std::to_string(limits.max_term_chars) + " 个字）"));
      }
      if (std::any_of(n.text.begin(), n.text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        return InvalidArgument(At(n.column, "引号内的词语不能含有制表符或换行"));
      }
      if (n.wildcard) {
        ++counts->wildcards;
        if (chars < limits.min_wildcard_prefix_chars) {
          return ResourceExhausted(
              At(n.column, "通配符前至少需要 " + std::to_string(limits.min_wildcard_prefix_chars) + " 个字"));
        }
      }
      size_t pos = 0;
      while (pos < n.text.size()) {
        size_t len = 1;
        if (utf8::DecodeOne(n.text, pos, &len) == utf8::kReplacement && n.text.compare(pos, 3, "\xEF\xBF\xBD") != 0) {
          return InvalidArgument(At(n.column, "词语含有无效的 UTF-8 字节"));
        }
        pos += len;
      }
      return Status::Ok();
    }
    case Kind::kNear: {
      if (n.distance > limits.max_near_distance) {
        return ResourceExhausted(
            At(n.column, "NEAR 距离过大（最多 " + std::to_string(limits.max_near_distance) + " 个字）"));
      }
      for (const auto& ch : n.children) {
        if (!NearOperandOk(ch)) {
          return InvalidArgument(At(ch.column, "NEAR 两侧只能是词语、短语、用 OR 连接的词语或另一个 NEAR"));
        }
      }
      const size_t expansion = CountTerms(n.children[0]) * CountTerms(n.children[1]);
      if (expansion > limits.max_near_expansion) {
        return ResourceExhausted(At(n.column, "NEAR 两侧的词语组合过多（" + std::to_string(expansion) + " 种，最多 " +
                                                  std::to_string(limits.max_near_expansion) + " 种）"));
      }
      break;
    }
    default:
      break;
  }
  for (const auto& ch : n.children) MINYI_RETURN_IF_ERROR(Check(ch, limits, counts));
  return Status::Ok();
}

// Whether the node can only be true when at least one term is hit.
bool NeedsHit(const Node& n) {
  switch (n.kind) {
    case Kind::kTerm:
    case Kind::kNear:
      return true;
    case Kind::kNot:
      return false;
    case Kind::kAnd:
      return std::any_of(n.children.begin(), n.children.end(), NeedsHit);
    case Kind::kOr:
      return std::all_of(n.children.begin(), n.children.end(), NeedsHit);
  }
  return false;
}

Status CheckTree(const Node& root, const RuleLimits& limits) {
  Counts counts;
  MINYI_RETURN_IF_ERROR(Check(root, limits, &counts));
  if (counts.terms > limits.max_terms) {
    return ResourceExhausted("规则包含 " + std::to_string(counts.terms) + " 个词语，超过上限 " +
                             std::to_string(limits.max_terms));
  }
  if (counts.wildcards > limits.max_wildcards) {
    return ResourceExhausted("规则包含 " + std::to_string(counts.wildcards) + " 个通配符，超过上限 " +
                             std::to_string(limits.max_wildcards));
  }
  if (!NeedsHit(root)) return InvalidArgument("规则必须至少要求出现一个词语，不能只由排除条件构成");
  return Status::Ok();
}

Result<Node> ParseUnchecked(std::string_view expression, const RuleLimits& limits) {
  if (expression.size() > limits.max_rule_bytes) {
    return ResourceExhausted("规则过长（最多 " + std::to_string(limits.max_rule_bytes) + " 字节）");
  }
  utf8::Decoded d = utf8::Decode(expression);
  for (size_t i = 0; i < d.cps.size(); ++i) {
    if (d.cps[i] == utf8::kReplacement && expression.compare(d.byte_offsets[i], 3, "\xEF\xBF\xBD") != 0) {
      return InvalidArgument(At(static_cast<uint32_t>(i + 1), "规则含有无效的 UTF-8 字节"));
    }
    const char32_t c = d.cps[i];
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return InvalidArgument(At(static_cast<uint32_t>(i + 1), "规则含有控制字符"));
    }
  }
  Lexer lexer(std::move(d.cps));
  MINYI_ASSIGN_OR_RETURN(std::vector<Token> toks, lexer.Run());
  if (toks.size() == 1) return InvalidArgument("规则为空");
  Parser parser(std::move(toks), limits);
  return parser.Run();
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool IsSpaceChar(char32_t c) { return IsSpace(c); }

Result<Node> ParseRule(std::string_view expression, const RuleLimits& limits) {
  MINYI_ASSIGN_OR_RETURN(Node root, ParseUnchecked(expression, limits));
  MINYI_RETURN_IF_ERROR(CheckTree(root, limits));
  return root;
}

Result<Node> BuildScheme(const RuleScheme& scheme, const RuleLimits& limits) {
  struct List {
    const char* name;
    const std::vector<std::string>* words;
  };
  const List lists[] = {{"地域词", &scheme.regions},
                        {"主体词", &scheme.subjects},
                        {"事件词", &scheme.events},
                        {"排除词", &scheme.excludes}};
  Node root;
  root.kind = Kind::kAnd;
  bool any_positive = false;
  for (const List& l : lists) {
    Node group;
    group.kind = Kind::kOr;
    for (size_t i = 0; i < l.words->size(); ++i) {
      const std::string& w = (*l.words)[i];
      if (w.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      auto parsed = ParseUnchecked(w, limits);
      if (!parsed.ok()) {
        return Status(parsed.status().code(),
                      std::string(l.name) + "第 " + std::to_string(i + 1) + " 项：" + parsed.status().message());
      }
      Node n = std::move(parsed).value();
      if (n.kind == Kind::kOr) {
        for (auto& c : n.children) group.children.push_back(std::move(c));
      } else {
        group.children.push_back(std::move(n));
      }
    }
    if (group.children.empty()) continue;
    Node item = group.children.size() == 1 ? std::move(group.children[0]) : std::move(group);
    if (l.words == &scheme.excludes) {
      Node neg;
      neg.kind = Kind::kNot;
      neg.children.push_back(std::move(item));
      item = std::move(neg);
    } else {
      any_positive = true;
    }
    if (item.kind == Kind::kAnd) {
      for (auto& c : item.children) root.children.push_back(std::move(c));
    } else {
      root.children.push_back(std::move(item));
    }
  }
  if (!any_positive) return InvalidArgument("方案至少需要填写地域词、主体词、事件词中的一项");
  Node result = root.children.size() == 1 ? std::move(root.children[0]) : std::move(root);
  MINYI_RETURN_IF_ERROR(CheckTree(result, limits));
  return result;
}

std::string Describe(const Node& n) {
  switch (n.kind) {
    case Kind::kTerm: {
      std::string prefix;
      if (n.fields != kDefaultFields) {
        const char* names[] = {"title", "text", "source", "site"};
        for (int f = 0; f < 4; ++f) {
          if (n.fields & (1u << f)) prefix += std::string(prefix.empty() ? "" : "|") + names[f];
        }
        prefix += ":";
      }
      return prefix + Quote(n.text) + (n.wildcard ? "*" : "");
    }
    case Kind::kNear:
      return std::string(n.ordered ? "ONEAR/" : "NEAR/") + std::to_string(n.distance) + "(" + Describe(n.children[0]) +
             "," + Describe(n.children[1]) + ")";
    default: {
      std::string out = n.kind == Kind::kAnd ? "AND(" : n.kind == Kind::kOr ? "OR(" : "NOT(";
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i) out += ",";
        out += Describe(n.children[i]);
      }
      return out + ")";
    }
  }
}

}  // namespace minyi::rules_internal

namespace minyi {

Result<std::string> DescribeRule(std::string_view expression, const RuleLimits& limits) {
  MINYI_ASSIGN_OR_RETURN(rules_internal::Node n, rules_internal::ParseRule(expression, limits));
  return rules_internal::Describe(n);
}

Result<std::string> DescribeScheme(const RuleScheme& scheme, const RuleLimits& limits) {
  MINYI_ASSIGN_OR_RETURN(rules_internal::Node n, rules_internal::BuildScheme(scheme, limits));
  return rules_internal::Describe(n);
}

Result<RuleScheme> ParseRuleScheme(std::string_view text) {
  if (text.size() > 64 * 1024) return ResourceExhausted("方案文本过长（最多 64 KB）");
  RuleScheme scheme;
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    utf8::Decoded d = utf8::Decode(line);
    std::u32string cps = d.cps;
    size_t b = 0;
    while (b < cps.size() && rules_internal::IsSpaceChar(cps[b])) ++b;
    if (b == cps.size() || cps[b] == '#') continue;
    size_t sep = cps.find_first_of(U":：=", b);
    if (sep == std::u32string::npos) {
      return InvalidArgument("第 " + std::to_string(line_no) + " 行：应写成“主体词：词1、词2”的形式");
    }
    std::u32string name = cps.substr(b, sep - b);
    while (!name.empty() && rules_internal::IsSpaceChar(name.back())) name.pop_back();
    std::vector<std::string>* list = nullptr;
    if (name == U"主体词")
      list = &scheme.subjects;
    else if (name == U"地域词")
      list = &scheme.regions;
    else if (name == U"事件词")
      list = &scheme.events;
    else if (name == U"排除词")
      list = &scheme.excludes;
    else
      return InvalidArgument("第 " + std::to_string(line_no) + " 行：未知的词表“" + utf8::FromU32(name) +
                             "”，应为主体词、地域词、事件词或排除词");
    std::u32string cur;
    auto flush = [&] {
      if (!cur.empty()) list->push_back(utf8::FromU32(cur));
      cur.clear();
    };
    for (size_t i = sep + 1; i < cps.size(); ++i) {
      const char32_t c = cps[i];
      if (rules_internal::IsSpaceChar(c) || c == 0x3001 || c == ',' || c == 0xFF0C || c == ';' || c == 0xFF1B) {
        flush();
      } else {
        cur += c;
      }
    }
    flush();
  }
  return scheme;
}

}  // namespace minyi
