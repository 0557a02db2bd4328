// ParseDateTime (declared in feed.h): the date formats feeds, pages and
// imports use. Regular expressions run on at most 120 bytes, so their cost
// is bounded.
#include <regex>
#include <string>

#include "monitor/feed.h"

namespace minyi {
namespace {

constexpr int kChinaOffset = 8 * 3600;

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int MonthFromName(std::string name) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i) {
    if (name.compare(0, 3, kMonths[i]) == 0) return i + 1;
  }
  return 0;
}

// Offset in seconds east of UTC; `known` false for an unknown name.
int ZoneOffset(const std::string& zone, bool java_style, bool* known) {
  *known = true;
  if (zone.empty()) return kChinaOffset;
  if (zone[0] == '+' || zone[0] == '-') {
    std::string digits;
    for (char c : zone) {
      if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    }
    if (digits.size() != 4 && digits.size() != 2) {
      *known = false;
      return 0;
    }
    int h = std::stoi(digits.substr(0, 2));
    int m = digits.size() == 4 ? std::stoi(digits.substr(2, 2)) : 0;
    int off = h * 3600 + m * 60;
    return zone[0] == '-' ? -off : off;
  }
  std::string z;
  for (char c : zone) z.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (z == "Z" || z == "UT" || z == "UTC" || z == "GMT") return 0;
  // Java's Date.toString on a Chinese server prints China Standard Time as CST.
  if (z == "CST") return java_style ? kChinaOffset : -6 * 3600;
  if (z == "EST") return -5 * 3600;
  if (z == "EDT") return -4 * 3600;
  if (z == "CDT") return -5 * 3600;
  if (z == "MST") return -7 * 3600;
  if (z == "MDT") return -6 * 3600;
  if (z == "PST") return -8 * 3600;
  if (z == "PDT") return -7 * 3600;
  if (z == "JST" || z == "KST") return 9 * 3600;
  if (z == "HKT" || z == "BJT" || z == "CCT" || z == "SGT") return kChinaOffset;
  if (z == "CET") return 3600;
  if (z == "CEST") return 7200;
  *known = false;
  return 0;
}

Result<UnixSeconds> Build(int64_t y, int mo, int d, int h, int mi, int s, int offset) {
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 ||
      s > 60) {
    return InvalidArgument("日期超出范围");
  }
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return days * 86400 + h * 3600 + mi * 60 + s - offset;
}

int ToInt(const std::ssub_match& m, int fallback = 0) { return m.matched ? std::stoi(m.str()) : fallback; }

// Chinese date words become ASCII separators: "2026年11月20日 10时30分"
// reads as "2026-11-20 10:30:".
std::string NormalizeChinese(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size();) {
    std::string_view rest = in.substr(i);
    auto take = [&](std::string_view word, std::string_view repl) {
      if (rest.substr(0, word.size()) != word) return false;
      out += repl;
      i += word.size();
      return true;
    };
    if (take("年", "-") || take("月", "-") || take("日", " ") || take("号", " ") || take("时", ":") ||
        take("點", ":") || take("点", ":") || take("分", ":") || take("秒", "") || take("　", " ")) {
      continue;
    }
    out.push_back(in[i++]);
  }
  return out;
}

}  // namespace

Result<UnixSeconds> ParseDateTime(std::string_view raw) {
  size_t b = raw.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return InvalidArgument("日期为空");
  raw = raw.substr(b);
  if (raw.size() > 120) raw = raw.substr(0, 120);
  std::string text = NormalizeChinese(raw);
  static const std::regex kIso(
      R"(^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?)?\s*(Z|z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|UTC|GMT)?)");
  static const std::regex kYearMonth(R"(^(\d{4})(?:-(\d{2}))?\s*$)");
  static const std::regex kCompact(
      R"(^(\d{4})(\d{2})(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$)");
  static const std::regex kRfc822(
      R"(^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?)");
  static const std::regex kJava(
      R"(^[A-Za-z]{3},?\s+([A-Za-z]{3,9})\s+(\d{1,2}),?\s+(?:(\d{1,2}):(\d{2})(?::(\d{2}))?\s+)?(?:([A-Za-z]{2,5}|[+-]\d{4})\s+)?(\d{4}))");
  std::smatch m;
  bool known = true;
  if (std::regex_search(text, m, kIso)) {
    int off = ZoneOffset(m[7].str(), false, &known);
    return Build(std::stoll(m[1].str()), ToInt(m[2]), ToInt(m[3]), ToInt(m[4]), ToInt(m[5]), ToInt(m[6]), off);
  }
  if (std::regex_search(text, m, kCompact)) {
    int off = ZoneOffset(m[7].str(), false, &known);
    return Build(std::stoll(m[1].str()), ToInt(m[2]), ToInt(m[3]), ToInt(m[4]), ToInt(m[5]), ToInt(m[6]), off);
  }
  if (std::regex_search(text, m, kYearMonth)) {
    return Build(std::stoll(m[1].str()), ToInt(m[2], 1), 1, 0, 0, 0, 0);
  }
  if (std::regex_search(text, m, kRfc822)) {
    int month = MonthFromName(m[2].str());
    if (month == 0) return InvalidArgument("无法识别的月份：" + m[2].str());
    int off = ZoneOffset(m[7].str(), false, &known);
    return Build(std::stoll(m[3].str()), month, ToInt(m[1]), ToInt(m[4]), ToInt(m[5]), ToInt(m[6]), off);
  }
  if (std::regex_search(text, m, kJava)) {
    int month = MonthFromName(m[1].str());
    if (month == 0) return InvalidArgument("无法识别的月份：" + m[1].str());
    int off = m[6].matched ? ZoneOffset(m[6].str(), true, &known) : kChinaOffset;
    return Build(std::stoll(m[7].str()), month, ToInt(m[2]), ToInt(m[3]), ToInt(m[4]), ToInt(m[5]), off);
  }
  return InvalidArgument("无法识别的日期：" + std::string(raw.substr(0, 60)));
}

}  // namespace minyi
