// libFuzzer target: Normalizer (NFKC, OpenCC t2s, invisible removal, folding)
// and the segmenter on the normalized text. Checks the offset-map invariants
// that findings rely on.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/resources.h"
#include "text/normalize.h"
#include "text/segmenter.h"

namespace {

const minyi::Normalizer* GetNormalizer() {
  static auto n = minyi::Normalizer::Create();
  if (!n.ok()) std::abort();
  return n->get();
}

const minyi::Segmenter* GetSegmenter() {
  static auto s = minyi::Segmenter::Load(minyi::ResourceDir());
  return s.ok() ? &s.value() : nullptr;  // segmentation is skipped without resources
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = GetNormalizer()->Normalize(text);
  if (!r.ok()) return 0;
  const size_t n = r->cps.size();
  if (r->source_begin.size() != n || r->source_end.size() != n || r->byte_offsets.size() != n + 1) std::abort();
  const uint32_t original_len = static_cast<uint32_t>(r->original_byte_offsets.size() - 1);
  for (size_t i = 0; i < n; ++i) {
    if (r->source_begin[i] >= r->source_end[i] || r->source_end[i] > original_len) std::abort();
  }
  for (uint32_t b = 0; b <= n; b += 1 + static_cast<uint32_t>(n / 16)) {
    for (uint32_t e = b; e <= n; e += 1 + static_cast<uint32_t>(n / 8)) {
      minyi::OriginalSpan s = r->ToOriginal(b, e);
      if (s.begin > s.end || s.byte_begin > s.byte_end || s.byte_end > size) std::abort();
    }
  }
  if (const minyi::Segmenter* seg = GetSegmenter()) {
    for (bool hmm : {true, false}) {
      auto tokens = seg->Cut(r->text, hmm);
      if (!tokens.ok()) std::abort();
      uint32_t pos = 0;
      for (const minyi::Token& t : *tokens) {
        if (t.begin != pos || t.end <= t.begin) std::abort();
        pos = t.end;
      }
      if (pos != n) std::abort();
    }
  }
  return 0;
}
