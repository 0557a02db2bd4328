#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <exception>
#include <opencc/Config.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Segmentation.hpp>
#include <opencc/Segments.hpp>

#include "text/utf8.h"

namespace minyi {

namespace {

// The text as it moves through the stages: code points plus, for each, the
// original code point range it stands for.
struct Work {
  std::u32string cps;
  std::vector<uint32_t> begin;
  std::vector<uint32_t> end;

  void Reserve(size_t n) {
    cps.reserve(n);
    begin.reserve(n);
    end.reserve(n);
  }
  void Push(char32_t c, uint32_t b, uint32_t e) {
    cps.push_back(c);
    begin.push_back(b);
    end.push_back(e);
  }
  // Appends `out` as the image of in[first, last): one-to-one when the
  // lengths agree, otherwise every output maps to the whole input group.
  void PushGroup(const Work& in, size_t first, size_t last, std::u32string_view out) {
    if (out.size() == last - first) {
      for (size_t k = 0; k < out.size(); ++k) Push(out[k], in.begin[first + k], in.end[first + k]);
      return;
    }
    if (first == last) return;  // nothing to anchor an insertion to
    const uint32_t b = in.begin[first];
    const uint32_t e = in.end[last - 1];
    for (char32_t c : out) Push(c, b, e);
  }
};

Status NfkcStage(const Work& in, Work& out) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err) || nfkc == nullptr) return Internal("无法初始化 Unicode 规范化（ICU NFKC）");
  out.Reserve(in.cps.size());
  const size_t n = in.cps.size();
  std::vector<UChar32> buf;
  size_t i = 0;
  while (i < n) {
    size_t j = i + 1;
    while (j < n && !nfkc->hasBoundaryBefore(static_cast<UChar32>(in.cps[j]))) ++j;
    if (j == i + 1 && nfkc->isInert(static_cast<UChar32>(in.cps[i]))) {
      out.Push(in.cps[i], in.begin[i], in.end[i]);
      i = j;
      continue;
    }
    icu::UnicodeString src =
        icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(in.cps.data() + i), static_cast<int32_t>(j - i));
    err = U_ZERO_ERROR;
    icu::UnicodeString dst = nfkc->normalize(src, err);
    if (U_FAILURE(err)) return Internal("Unicode 规范化失败（ICU NFKC）");
    buf.resize(static_cast<size_t>(dst.countChar32()) + 1);
    err = U_ZERO_ERROR;
    int32_t len = dst.toUTF32(buf.data(), static_cast<int32_t>(buf.size()), err);
    if (U_FAILURE(err)) return Internal("Unicode 规范化失败（ICU UTF-32）");
    std::u32string_view piece(reinterpret_cast<const char32_t*>(buf.data()), static_cast<size_t>(len));
    out.PushGroup(in, i, j, piece);
    i = j;
  }
  return Status::Ok();
}

// OpenCC converts segment by segment; segment k of the input becomes segment
// k of the output, which gives the alignment.
Status T2sStage(const opencc::Converter& conv, const Work& in, Work& out) {
  out.Reserve(in.cps.size());
  const size_t n = in.cps.size();
  size_t i = 0;
  try {
    while (i < n) {
      // OpenCC works on C strings: convert NUL-free pieces, pass NULs through.
      if (in.cps[i] == 0) {
        out.Push(0, in.begin[i], in.end[i]);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < n && in.cps[j] != 0) ++j;
      std::string piece = utf8::FromU32(std::u32string_view(in.cps).substr(i, j - i));
      opencc::SegmentsPtr segments = conv.GetSegmentation()->Segment(piece);
      opencc::SegmentsPtr converted = conv.GetConversionChain()->Convert(segments);
      if (segments->Length() != converted->Length()) return Internal("繁简转换结果无法对齐");
      size_t pos = i;
      for (size_t k = 0; k < segments->Length(); ++k) {
        size_t in_len = utf8::CountCodePoints(segments->At(k));
        if (pos + in_len > j) return Internal("繁简转换结果无法对齐");
        std::u32string converted_cps = utf8::ToU32(converted->At(k));
        out.PushGroup(in, pos, pos + in_len, converted_cps);
        pos += in_len;
      }
      if (pos != j) return Internal("繁简转换结果无法对齐");
      i = j;
    }
  } catch (const std::exception& e) {
    return Internal(std::string("繁简转换失败：") + e.what());
  } catch (...) {
    return Internal("繁简转换失败");
  }
  return Status::Ok();
}

}  // namespace

bool IsInvisible(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  const auto type = u_charType(static_cast<UChar32>(c));
  if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR) return true;
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

char32_t FoldFullwidth(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return U' ';
  return c;
}

Normalizer::~Normalizer() = default;

Result<std::shared_ptr<const Normalizer>> Normalizer::Create(const NormalizeOptions& options) {
  std::shared_ptr<Normalizer> n(new Normalizer(options));
  if (options.traditional_to_simplified) {
    try {
      opencc::Config config;
      n->t2s_ = config.NewFromFile(options.opencc_config);
    } catch (const std::exception& e) {
      return NotFound("无法加载繁简转换配置 " + options.opencc_config + "：" + e.what());
    } catch (...) {
      return NotFound("无法加载繁简转换配置 " + options.opencc_config);
    }
    if (!n->t2s_) return NotFound("无法加载繁简转换配置 " + options.opencc_config);
  }
  UErrorCode err = U_ZERO_ERROR;
  if (icu::Normalizer2::getNFKCInstance(err) == nullptr || U_FAILURE(err)) {
    return Internal("无法初始化 Unicode 规范化（ICU NFKC）");
  }
  return std::shared_ptr<const Normalizer>(std::move(n));
}

Result<NormalizedText> Normalizer::Normalize(std::string_view text) const {
  if (text.size() > options_.max_input_bytes) {
    return ResourceExhausted("文本过长（超过 " + std::to_string(options_.max_input_bytes) + " 字节），无法规范化");
  }
  NormalizedText result;
  utf8::Decoded decoded = utf8::Decode(text);
  Work cur;
  cur.cps = std::move(decoded.cps);
  cur.begin.resize(cur.cps.size());
  cur.end.resize(cur.cps.size());
  for (size_t i = 0; i < cur.cps.size(); ++i) {
    cur.begin[i] = static_cast<uint32_t>(i);
    cur.end[i] = static_cast<uint32_t>(i + 1);
  }
  result.original_byte_offsets = std::move(decoded.byte_offsets);

  if (options_.nfkc) {
    Work next;
    MINYI_RETURN_IF_ERROR(NfkcStage(cur, next));
    cur = std::move(next);
  }
  if (options_.fold_fullwidth || options_.remove_invisible) {
    Work next;
    next.Reserve(cur.cps.size());
    for (size_t i = 0; i < cur.cps.size(); ++i) {
      char32_t c = cur.cps[i];
      if (options_.remove_invisible && IsInvisible(c)) continue;
      if (options_.fold_fullwidth) c = FoldFullwidth(c);
      next.Push(c, cur.begin[i], cur.end[i]);
    }
    cur = std::move(next);
  }
  if (t2s_) {
    Work next;
    MINYI_RETURN_IF_ERROR(T2sStage(*t2s_, cur, next));
    cur = std::move(next);
  }

  result.cps = std::move(cur.cps);
  result.source_begin = std::move(cur.begin);
  result.source_end = std::move(cur.end);
  result.text.reserve(result.cps.size() * 3);
  result.byte_offsets.reserve(result.cps.size() + 1);
  for (char32_t c : result.cps) {
    result.byte_offsets.push_back(static_cast<uint32_t>(result.text.size()));
    utf8::Append(result.text, c);
  }
  result.byte_offsets.push_back(static_cast<uint32_t>(result.text.size()));
  return result;
}

OriginalSpan NormalizedText::ToOriginal(uint32_t begin, uint32_t end) const {
  const uint32_t n = static_cast<uint32_t>(cps.size());
  const uint32_t original_len = static_cast<uint32_t>(original_byte_offsets.size() - 1);
  begin = std::min(begin, n);
  end = std::clamp(end, begin, n);
  OriginalSpan s;
  if (begin == end) {
    uint32_t pos = begin < n ? source_begin[begin] : original_len;
    s.begin = s.end = pos;
  } else {
    s.begin = source_begin[begin];
    s.end = source_end[end - 1];
    // A group can be split across the span's edges; widen so the span
    // always covers whole original characters in order.
    for (uint32_t i = begin; i < end; ++i) {
      s.begin = std::min(s.begin, source_begin[i]);
      s.end = std::max(s.end, source_end[i]);
    }
  }
  s.byte_begin = original_byte_offsets[s.begin];
  s.byte_end = original_byte_offsets[s.end];
  return s;
}

OriginalSpan NormalizedText::ToOriginalFromBytes(uint32_t byte_begin, uint32_t byte_end) const {
  auto cp_at = [&](uint32_t byte) {
    // Index of the code point that contains `byte` (cps.size() at the end).
    auto it = std::upper_bound(byte_offsets.begin(), byte_offsets.end(), byte);
    return static_cast<uint32_t>(it - byte_offsets.begin()) - 1;
  };
  uint32_t b = cp_at(std::min<uint32_t>(byte_begin, static_cast<uint32_t>(text.size())));
  uint32_t e =
      byte_end <= byte_begin ? b : cp_at(std::min<uint32_t>(byte_end - 1, static_cast<uint32_t>(text.size()))) + 1;
  return ToOriginal(b, std::min<uint32_t>(e, static_cast<uint32_t>(cps.size())));
}

}  // namespace minyi
