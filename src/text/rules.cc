// RuleSet: one lexicon scan per field collects the hits of every term of
// every rule; rules are then evaluated over hit positions only, and only the
// rules that some hit touches (every accepted rule needs a hit, see rules.h).
#include "text/rules.h"

#include <algorithm>
#include <unordered_map>

#include "text/rules_internal.h"

namespace minyi {

using rules_internal::Kind;
using rules_internal::Node;

namespace {

struct AtomHit {
  uint32_t atom;
  RuleSpan span;
};

bool AsciiAlnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct Atom {
  std::string text;
  bool wildcard = false;
};

}  // namespace

struct RuleSet::Impl {
  RuleLimits limits;
  std::vector<std::string> ids;
  std::vector<Node> roots;
  std::vector<Atom> atoms;
  std::unordered_map<std::string, uint32_t> atom_index;
  std::vector<std::vector<uint32_t>> atom_rules;
  std::unique_ptr<LexiconMatcher> matcher;
  bool compiled = false;

  void AssignAtoms(Node& n, uint32_t rule) {
    if (n.kind == Kind::kTerm) {
      std::string key = n.text;
      key += n.wildcard ? '\x01' : '\x00';
      auto [it, inserted] = atom_index.try_emplace(key, static_cast<uint32_t>(atoms.size()));
      if (inserted) {
        atoms.push_back({n.text, n.wildcard});
        atom_rules.emplace_back();
      }
      n.atom = it->second;
      auto& rules = atom_rules[n.atom];
      if (rules.empty() || rules.back() != rule) rules.push_back(rule);
      return;
    }
    for (auto& c : n.children) AssignAtoms(c, rule);
  }

  Status AddRoot(std::string id, Node root) {
    if (roots.size() >= limits.max_rules) {
      return ResourceExhausted("规则数超过上限 " + std::to_string(limits.max_rules));
    }
    const uint32_t rule = static_cast<uint32_t>(roots.size());
    AssignAtoms(root, rule);
    ids.push_back(std::move(id));
    roots.push_back(std::move(root));
    compiled = false;
    return Status::Ok();
  }
};

namespace {

// Evaluation state for one document.
class Evaluator {
 public:
  Evaluator(const std::vector<AtomHit>& hits, size_t cap) : hits_(hits), cap_(cap) {}

  // True if the node holds; appends the spans that justify it.
  bool Eval(const Node& n, std::vector<RuleSpan>* out) {
    switch (n.kind) {
      case Kind::kTerm: {
        bool any = false;
        ForEachHit(n, [&](const RuleSpan& s) {
          any = true;
          out->push_back(s);
        });
        return any;
      }
      case Kind::kAnd: {
        const size_t mark = out->size();
        // Cheap negative checks first would not change the answer; order is
        // the user's, which keeps justification spans in reading order.
        for (const auto& c : n.children) {
          if (!Eval(c, out)) {
            out->resize(mark);
            return false;
          }
        }
        return true;
      }
      case Kind::kOr: {
        bool any = false;
        for (const auto& c : n.children) any = Eval(c, out) || any;
        return any;
      }
      case Kind::kNot: {
        std::vector<RuleSpan> ignored;
        return !Eval(n.children[0], &ignored);
      }
      case Kind::kNear: {
        bool any = false;
        Pairs(n, [&](const RuleSpan& a, const RuleSpan& b) {
          any = true;
          out->push_back(a);
          out->push_back(b);
        });
        return any;
      }
    }
    return false;
  }

 private:
  template <typename F>
  void ForEachHit(const Node& n, F&& f) const {
    for (int field = 0; field < 4; ++field) {
      if (!(n.fields & (1u << field))) continue;
      auto lo = std::lower_bound(hits_.begin(), hits_.end(), std::make_pair(n.atom, field),
                                 [](const AtomHit& h, const std::pair<uint32_t, int>& key) {
                                   if (h.atom != key.first) return h.atom < key.first;
                                   return static_cast<int>(h.span.field) < key.second;
                                 });
      size_t taken = 0;
      for (auto it = lo; it != hits_.end() && it->atom == n.atom && static_cast<int>(it->span.field) == field; ++it) {
        if (taken++ >= cap_) break;
        f(it->span);
      }
    }
  }

  // Occurrences of a NEAR operand (term, OR of operands, or NEAR).
  void Occurrences(const Node& n, std::vector<RuleSpan>* out) {
    switch (n.kind) {
      case Kind::kTerm:
        ForEachHit(n, [&](const RuleSpan& s) { out->push_back(s); });
        break;
      case Kind::kOr:
        for (const auto& c : n.children) Occurrences(c, out);
        break;
      case Kind::kNear:
        Pairs(n, [&](const RuleSpan& a, const RuleSpan& b) {
          RuleSpan s = a;
          s.byte_begin = std::min(a.byte_begin, b.byte_begin);
          s.cp_begin = std::min(a.cp_begin, b.cp_begin);
          s.byte_end = std::max(a.byte_end, b.byte_end);
          s.cp_end = std::max(a.cp_end, b.cp_end);
          out->push_back(s);
        });
        break;
      default:
        break;  // refused by the parser
    }
  }

  // Calls f(first, second) for pairs within the NEAR distance, first before
  // second (either way round unless ordered), at most cap_ times.
  template <typename F>
  void Pairs(const Node& n, F&& f) {
    std::vector<RuleSpan> a, b;
    Occurrences(n.children[0], &a);
    if (a.empty()) return;
    Occurrences(n.children[1], &b);
    if (b.empty()) return;
    size_t emitted = 0;
    auto by_end = [](const RuleSpan& x, const RuleSpan& y) {
      if (x.field != y.field) return x.field < y.field;
      return x.cp_end < y.cp_end;
    };
    auto one_way = [&](std::vector<RuleSpan>& firsts, const std::vector<RuleSpan>& seconds, bool swap) {
      std::sort(firsts.begin(), firsts.end(), by_end);
      for (const RuleSpan& s : seconds) {
        RuleSpan key = s;
        key.cp_end = s.cp_begin >= n.distance ? s.cp_begin - n.distance : 0;
        for (auto it = std::lower_bound(firsts.begin(), firsts.end(), key, by_end);
             it != firsts.end() && it->field == s.field && it->cp_end <= s.cp_begin; ++it) {
          if (emitted++ >= cap_) return;
          if (swap)
            f(s, *it);
          else
            f(*it, s);
        }
      }
    };
    one_way(a, b, false);
    if (!n.ordered) one_way(b, a, true);
  }

  const std::vector<AtomHit>& hits_;
  size_t cap_;
};

}  // namespace

RuleSet::RuleSet(RuleLimits limits) : impl_(std::make_unique<Impl>()) { impl_->limits = limits; }
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

Status RuleSet::Add(std::string id, std::string_view expression) {
  auto root = rules_internal::ParseRule(expression, impl_->limits);
  if (!root.ok()) return Status(root.status().code(), "规则“" + id + "”" + root.status().message());
  return impl_->AddRoot(std::move(id), std::move(root).value());
}

Status RuleSet::AddScheme(std::string id, const RuleScheme& scheme) {
  auto root = rules_internal::BuildScheme(scheme, impl_->limits);
  if (!root.ok()) return Status(root.status().code(), "方案“" + id + "”" + root.status().message());
  return impl_->AddRoot(std::move(id), std::move(root).value());
}

Status RuleSet::Compile(const MatcherOptions& options) {
  Lexicon lex;
  LexiconLimits ll;
  ll.max_terms = impl_->atoms.size() + 1;
  for (const auto& a : impl_->atoms) {
    LexiconTerm t;
    t.text = a.text;
    MINYI_RETURN_IF_ERROR(lex.Add(std::move(t), ll));
  }
  MatcherOptions mo = options;
  mo.ascii_caseless = true;  // rule terms are folded; documents are folded by the matcher
  MINYI_ASSIGN_OR_RETURN(impl_->matcher, LexiconMatcher::Compile(std::move(lex), mo));
  impl_->compiled = true;
  return Status::Ok();
}

Result<std::vector<RuleMatch>> RuleSet::Match(const RuleDocument& doc) const {
  const Impl& im = *impl_;
  if (!im.compiled) return FailedPrecondition("规则集尚未编译，请先调用 Compile");
  std::vector<AtomHit> hits;
  std::vector<LexiconHit> lex_hits;
  const std::string_view fields[4] = {doc.title, doc.text, doc.source, doc.site};
  for (int f = 0; f < 4; ++f) {
    const std::string_view text = fields[f];
    if (text.empty()) continue;
    MINYI_RETURN_IF_ERROR(im.matcher->Match(text, MatchOptions{}, &lex_hits));
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (const LexiconHit& h : lex_hits) {
      const Atom& atom = im.atoms[h.term];
      // Latin words match whole words; CJK has no spaces to rely on.
      if (AsciiAlnum(static_cast<unsigned char>(atom.text.front())) && h.byte_begin > 0 &&
          AsciiAlnum(s[h.byte_begin - 1])) {
        continue;
      }
      RuleSpan span{static_cast<DocField>(f), h.byte_begin, h.byte_end, h.cp_begin, h.cp_end};
      if (AsciiAlnum(static_cast<unsigned char>(atom.text.back()))) {
        if (atom.wildcard) {
          while (span.byte_end < text.size() && AsciiAlnum(s[span.byte_end])) {
            ++span.byte_end;
            ++span.cp_end;
          }
        } else if (h.byte_end < text.size() && AsciiAlnum(s[h.byte_end])) {
          continue;
        }
      }
      hits.push_back({h.term, span});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const AtomHit& a, const AtomHit& b) {
    if (a.atom != b.atom) return a.atom < b.atom;
    if (a.span.field != b.span.field) return a.span.field < b.span.field;
    return a.span.cp_begin < b.span.cp_begin;
  });

  std::vector<uint32_t> candidates;
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i > 0 && hits[i].atom == hits[i - 1].atom) continue;
    const auto& rules = im.atom_rules[hits[i].atom];
    candidates.insert(candidates.end(), rules.begin(), rules.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::vector<RuleMatch> matches;
  Evaluator ev(hits, im.limits.max_spans_per_node);
  std::vector<RuleSpan> spans;
  for (uint32_t r : candidates) {
    spans.clear();
    if (!ev.Eval(im.roots[r], &spans)) continue;
    std::sort(spans.begin(), spans.end(), [](const RuleSpan& a, const RuleSpan& b) {
      if (a.field != b.field) return a.field < b.field;
      if (a.byte_begin != b.byte_begin) return a.byte_begin < b.byte_begin;
      return a.byte_end < b.byte_end;
    });
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    matches.push_back({im.ids[r], spans});
  }
  return matches;
}

size_t RuleSet::size() const { return impl_->roots.size(); }
size_t RuleSet::term_count() const { return impl_->atoms.size(); }

}  // namespace minyi
