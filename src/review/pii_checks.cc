// Personal data (pii) and classification-mark (secrecy) pattern checks.
//
// Precision first: numbers are validated (GB 11643 check digit and a real
// birth date for resident IDs, Luhn plus a known issuer prefix for bank
// cards), masked numbers never match because '*' breaks every digit run, and
// unified social credit codes (GB 32100) are recognised and left alone.
#include <string>

#include "review/checks_internal.h"
#include "review/utf8.h"

namespace minyi::review_internal {
namespace {

using review_utf8::IsAsciiAlnum;
using review_utf8::IsAsciiDigit;

int Digit(char32_t c) { return static_cast<int>(c - '0'); }

bool ValidProvince(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) || code == 71 ||
         (code >= 81 && code <= 83) || code == 91;
}

bool ValidDate(int year, int month, int day) {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDays[month - 1]) return false;
  if (month == 2 && day == 29) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return true;
}

int Number(std::u32string_view s, size_t from, size_t len) {
  int v = 0;
  for (size_t i = from; i < from + len; ++i) v = v * 10 + Digit(s[i]);
  return v;
}

void Add(std::vector<Finding>* out, const char* rule, CheckCategory cat, Severity sev, size_t start, size_t end,
         std::string suggestion, std::string message) {
  Finding f;
  f.rule = rule;
  f.category = cat;
  f.severity = sev;
  f.start = start;
  f.end = end;
  f.suggestion = std::move(suggestion);
  f.message = std::move(message);
  out->push_back(std::move(f));
}

bool KnownCardPrefix(std::u32string_view d) {
  auto p = [&](size_t n) { return Number(d, 0, n); };
  if (d[0] == '4') return true;                             // Visa (incl. many domestic dual-brand)
  if (p(2) == 62 || p(2) == 60 || p(2) == 35) return true;  // UnionPay, UnionPay/Discover, JCB
  if (p(2) >= 51 && p(2) <= 55) return true;                // Mastercard
  if (p(4) >= 2221 && p(4) <= 2720) return true;            // Mastercard 2-series
  if (p(4) == 9559 || p(4) == 9558) return true;            // old domestic debit (ABC/ICBC)
  return false;
}

// Reads groups of digits separated by one ' ' or '-' starting at i.
struct Groups {
  std::u32string digits;
  std::vector<size_t> sizes;
  size_t end = 0;
};

Groups ReadGroups(std::u32string_view t, size_t i) {
  Groups g;
  size_t k = i;
  char32_t sep = 0;
  for (;;) {
    size_t start = k;
    while (k < t.size() && IsAsciiDigit(t[k])) g.digits.push_back(t[k++]);
    g.sizes.push_back(k - start);
    g.end = k;
    if (k + 1 < t.size() && (t[k] == ' ' || t[k] == '-') && IsAsciiDigit(t[k + 1]) && (sep == 0 || sep == t[k]) &&
        g.sizes.size() < 6) {
      sep = t[k];
      ++k;
      continue;
    }
    break;
  }
  return g;
}

bool ValidMobile(std::u32string_view d) { return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'; }

bool PrecededBy(std::u32string_view t, size_t pos, std::u32string_view what) {
  return pos >= what.size() && t.substr(pos - what.size(), what.size()) == what;
}

}  // namespace

bool ValidResidentId18(std::u32string_view id) {
  if (id.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i)
    if (!IsAsciiDigit(id[i])) return false;
  if (!ValidProvince(Number(id, 0, 2))) return false;
  if (!ValidDate(Number(id, 6, 4), Number(id, 10, 2), Number(id, 12, 2))) return false;
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += Digit(id[i]) * kWeights[i];
  static constexpr char kCheck[] = "10X98765432";
  char32_t last = id[17] == 'x' ? U'X' : id[17];
  return last == static_cast<char32_t>(kCheck[sum % 11]);
}

bool ValidResidentId15(std::u32string_view id) {
  if (id.size() != 15) return false;
  for (char32_t c : id)
    if (!IsAsciiDigit(c)) return false;
  return ValidProvince(Number(id, 0, 2)) && ValidDate(1900 + Number(id, 6, 2), Number(id, 8, 2), Number(id, 10, 2));
}

bool LuhnValid(std::u32string_view d) {
  int sum = 0;
  bool dbl = false;
  for (size_t i = d.size(); i-- > 0;) {
    int v = Digit(d[i]);
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool ValidSocialCreditCode(std::u32string_view code) {
  static constexpr std::u32string_view kChars = U"0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    size_t v = kChars.find(code[i]);
    if (v == std::u32string_view::npos) return false;
    sum += static_cast<int>(v) * kWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return code[17] == kChars[check];
}

void CheckPii(std::u32string_view t, std::vector<Finding>* out) {
  const size_t n = t.size();
  for (size_t i = 0; i < n; ++i) {
    char32_t c = t[i];
    char32_t prev = i > 0 ? t[i - 1] : 0;
    // E-mail: anchored on '@'.
    if (c == '@') {
      size_t a = i;
      while (a > 0 &&
             (IsAsciiAlnum(t[a - 1]) || t[a - 1] == '.' || t[a - 1] == '_' || t[a - 1] == '-' || t[a - 1] == '+'))
        --a;
      while (a < i && (t[a] == '.' || t[a] == '-')) ++a;
      size_t b = i + 1;
      while (b < n && (IsAsciiAlnum(t[b]) || t[b] == '.' || t[b] == '-')) ++b;
      while (b > i + 1 && (t[b - 1] == '.' || t[b - 1] == '-')) --b;
      size_t last_dot = 0;
      for (size_t k = i + 1; k < b; ++k)
        if (t[k] == '.') last_dot = k;
      bool tld_ok = last_dot > i + 1 && b - last_dot - 1 >= 2;
      for (size_t k = last_dot + 1; tld_ok && k < b; ++k) tld_ok = review_utf8::IsAsciiAlpha(t[k]);
      if (a < i && tld_ok && (a == 0 || t[a - 1] != '*')) {
        Add(out, "pii.email", CheckCategory::kPii, Severity::kInfo, a, b, "确认是否为需公开的工作邮箱，否则删除或脱敏",
            "含电子邮件地址：如为个人邮箱，发布前应删除或脱敏");
      }
      continue;
    }
    // Passports: E12345678, EA1234567, G12345678.
    if ((c == 'E' || c == 'G') && !IsAsciiAlnum(prev) && i + 9 <= n && (i + 9 == n || !IsAsciiAlnum(t[i + 9]))) {
      bool ok = true;
      size_t first = i + 1;
      if (c == 'E' && t[first] >= 'A' && t[first] <= 'Z' && t[first] != 'I' && t[first] != 'O') ++first;
      for (size_t k = first; k < i + 9; ++k) ok = ok && IsAsciiDigit(t[k]);
      if (ok) {
        Add(out, "pii.passport", CheckCategory::kPii, Severity::kError, i, i + 9, "删除或脱敏（如 E1234****）",
            "疑似护照号码：发布前应删除或脱敏");
        i += 8;
        continue;
      }
    }
    if (!IsAsciiDigit(c) || IsAsciiAlnum(prev)) continue;
    // A digit after "数字." or "数字," is part of a larger number.
    if ((prev == '.' || prev == ',') && i >= 2 && IsAsciiDigit(t[i - 2])) continue;
    Groups g = ReadGroups(t, i);
    size_t end = g.end;
    char32_t after = end < n ? t[end] : 0;
    bool x_suffix = (after == 'X' || after == 'x') && g.sizes.size() == 1 && g.digits.size() == 17;
    if (x_suffix) {
      g.digits.push_back(U'X');
      ++end;
      after = end < n ? t[end] : 0;
    }
    if (IsAsciiAlnum(after) || after == '*' || (after == '.' && end + 1 < n && IsAsciiDigit(t[end + 1]))) {
      i = end - 1;
      continue;
    }
    const std::u32string& d = g.digits;
    bool contiguous = g.sizes.size() == 1;
    if (contiguous && d.size() == 18) {
      if (ValidResidentId18(d)) {
        Add(out, "pii.id_card", CheckCategory::kPii, Severity::kError, i, end, "删除或脱敏（如 110101********1234）",
            "疑似居民身份证号码：发布前必须删除或脱敏");
        i = end - 1;
        continue;
      }
      if (ValidSocialCreditCode(d)) {
        i = end - 1;
        continue;
      }
    }
    if (contiguous && d.size() == 15 && ValidResidentId15(d)) {
      Add(out, "pii.id_card", CheckCategory::kPii, Severity::kError, i, end, "删除或脱敏",
          "疑似旧版 15 位居民身份证号码：发布前必须删除或脱敏");
      i = end - 1;
      continue;
    }
    bool card_groups = contiguous || (g.sizes[0] == 4 && g.sizes.size() >= 4);
    if (card_groups && d.size() >= 16 && d.size() <= 19 && d.back() != 'X' && LuhnValid(d) && KnownCardPrefix(d)) {
      Add(out, "pii.bank_card", CheckCategory::kPii, Severity::kError, i, end, "删除或脱敏（只保留后四位）",
          "疑似银行卡号：发布前必须删除或脱敏");
      i = end - 1;
      continue;
    }
    // Mobile numbers: 13812345678, 138 1234 5678, 138-1234-5678, +86 138...
    size_t start = i;
    std::u32string_view mobile = d;
    bool prefixed = false;
    if (d.size() == 13 && d.starts_with(U"86") && (contiguous || g.sizes[0] == 2)) {
      mobile = std::u32string_view(d).substr(2);
      prefixed = true;
    }
    bool shape_ok =
        prefixed ? (contiguous || (g.sizes.size() == 2 && g.sizes[1] == 11) || (g.sizes.size() >= 2 && g.sizes[1] == 3))
                 : (contiguous || g.sizes[0] == 3);
    if (shape_ok && ValidMobile(mobile)) {
      if (PrecededBy(t, start, U"+"))
        --start;
      else if (PrecededBy(t, start, U"+86 ") || PrecededBy(t, start, U"+86-"))
        start -= 4;
      else if (PrecededBy(t, start, U"(+86)") || PrecededBy(t, start, U"（+86）"))
        start -= 5;
      Add(out, "pii.mobile", CheckCategory::kPii, Severity::kWarning, start, end,
          "如非公开的办公联系电话，删除或脱敏（如 138****5678）", "含手机号码：个人手机号发布前应删除或脱敏");
    }
    i = end - 1;
  }
}

void CheckClassificationMarks(std::u32string_view t, std::vector<Finding>* out) {
  static constexpr std::u32string_view kLevels[] = {U"绝密", U"机密", U"秘密"};
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    for (std::u32string_view level : kLevels) {
      if (t.substr(i, 2) != level) continue;
      size_t k = i + 2;
      while (k < t.size() && (t[k] == ' ' || t[k] == 0x3000)) ++k;
      if (k >= t.size() || (t[k] != U'★' && t[k] != U'☆' && t[k] != U'*' && t[k] != U'＊')) continue;
      ++k;
      // Optional period: ★10年, ★6个月, ★长期, with full- or half-width digits.
      size_t digits = k;
      while (digits < t.size() && (IsAsciiDigit(t[digits]) || (t[digits] >= U'０' && t[digits] <= U'９'))) ++digits;
      if (digits > k && digits < t.size() && t[digits] == U'年') {
        k = digits + 1;
      } else if (digits > k && t.substr(digits, 2) == U"个月") {
        k = digits + 2;
      } else if (t.substr(k, 2) == U"长期") {
        k += 2;
      }
      Add(out, "secrecy.classification_mark", CheckCategory::kSecrecy, Severity::kError, i, k,
          "涉密文件不得公开发布：确认文件密级并撤下",
          "含国家秘密密级标志（" +
              std::string(level == U"绝密"   ? "绝密"
                          : level == U"机密" ? "机密"
                                             : "秘密") +
              "★）：涉密内容严禁在互联网发布");
      i = k - 1;
      break;
    }
  }
}

}  // namespace minyi::review_internal
