#include "text/jieba_dict.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>

namespace minyi {

namespace fmtj = jieba_format;

Result<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("无法打开词典文件：" + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return Corruption("词典文件为空或无法读取：" + path);
  }
  size_t size = static_cast<size_t>(st.st_size);
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return IoError("无法映射词典文件：" + path);
  return std::unique_ptr<MappedFile>(new MappedFile(static_cast<const char*>(p), size));
}

MappedFile::~MappedFile() { ::munmap(const_cast<char*>(data_), size_); }

namespace {

size_t Align8(size_t n) { return (n + 7) & ~size_t{7}; }

}  // namespace

Result<std::shared_ptr<const JiebaDictionary>> JiebaDictionary::Load(const std::string& path) {
  MINYI_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  const char* base = file->data();
  const size_t size = file->size();
  const Status bad = Corruption("词典文件格式不正确（请重新构建）：" + path);
  if (size < sizeof(fmtj::DictHeader)) return bad;
  const auto* h = reinterpret_cast<const fmtj::DictHeader*>(base);
  if (std::memcmp(h->magic, fmtj::kDictMagic, 8) != 0 || h->version != fmtj::kVersion) return bad;
  if (h->node_count == 0 || h->node_count > (1u << 26) || h->hmm_char_count >= 65535 || h->tag_count == 0 ||
      h->tag_count > fmtj::kMaxTags) {
    return bad;
  }
  const size_t n = h->node_count;
  size_t off = sizeof(fmtj::DictHeader);
  const size_t nodes_off = off;
  off += n * sizeof(fmtj::DictNode);
  const size_t logfreq_off = off;
  off += n * sizeof(double);
  const size_t tags_off = off;
  off = Align8(off + n);
  const size_t root_off = off;
  off += fmtj::kRootIndexSize * sizeof(uint32_t);
  const size_t emit_off = off;
  off += h->hmm_char_count * sizeof(fmtj::HmmEmission);
  const size_t tag_names_off = off;
  off += h->tag_count * 8;
  if (off != size) return bad;

  std::shared_ptr<JiebaDictionary> d(new JiebaDictionary());
  d->header_ = h;
  d->nodes_ = reinterpret_cast<const fmtj::DictNode*>(base + nodes_off);
  d->logfreq_ = reinterpret_cast<const double*>(base + logfreq_off);
  d->tags_ = reinterpret_cast<const uint8_t*>(base + tags_off);
  d->root_index_ = reinterpret_cast<const uint32_t*>(base + root_off);
  d->emissions_ = reinterpret_cast<const fmtj::HmmEmission*>(base + emit_off);
  d->tag_names_ = base + tag_names_off;
  // Structural checks that keep every later walk in bounds.
  d->labels_ = std::make_unique<uint32_t[]>(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& node = d->nodes_[i];
    d->labels_[i] = node.label;
    if (node.child_begin > n || node.child_count > n - node.child_begin) return bad;
    if (d->tags_[i] >= h->tag_count) return bad;
  }
  for (size_t c = 0; c < fmtj::kRootIndexSize; ++c) {
    if (d->root_index_[c] >= n) return bad;
  }
  d->emit_index_ = std::make_unique<uint16_t[]>(fmtj::kRootIndexSize);
  for (uint32_t i = 0; i < h->hmm_char_count; ++i) {
    char32_t cp = d->emissions_[i].cp;
    if (cp < fmtj::kRootIndexSize) d->emit_index_[cp] = static_cast<uint16_t>(i + 1);
  }
  d->file_ = std::move(file);
  return std::shared_ptr<const JiebaDictionary>(std::move(d));
}

std::string_view JiebaDictionary::Tag(uint32_t node) const {
  const char* name = tag_names_ + 8 * tags_[node];
  return std::string_view(name, strnlen(name, 8));
}

uint32_t JiebaDictionary::Find(std::u32string_view word) const {
  uint32_t node = kRoot;
  for (char32_t c : word) {
    node = Child(node, c);
    if (node == 0) return 0;
  }
  return node;
}

Result<std::shared_ptr<const IdfTable>> IdfTable::Load(const std::string& path) {
  MINYI_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  const char* base = file->data();
  const size_t size = file->size();
  const Status bad = Corruption("IDF 文件格式不正确（请重新构建）：" + path);
  if (size < sizeof(fmtj::IdfHeader)) return bad;
  const auto* h = reinterpret_cast<const fmtj::IdfHeader*>(base);
  if (std::memcmp(h->magic, fmtj::kIdfMagic, 8) != 0 || h->version != fmtj::kVersion) return bad;
  if (h->word_count > (1u << 26)) return bad;
  size_t off = sizeof(fmtj::IdfHeader);
  const size_t offsets_off = off;
  off = Align8(off + (h->word_count + 1) * sizeof(uint32_t));
  const size_t values_off = off;
  off += h->word_count * sizeof(double);
  const size_t blob_off = off;
  if (h->blob_size > size || off + h->blob_size != size) return bad;
  std::shared_ptr<IdfTable> t(new IdfTable());
  t->header_ = h;
  t->offsets_ = reinterpret_cast<const uint32_t*>(base + offsets_off);
  t->values_ = reinterpret_cast<const double*>(base + values_off);
  t->blob_ = base + blob_off;
  for (uint32_t i = 0; i < h->word_count; ++i) {
    if (t->offsets_[i] > t->offsets_[i + 1]) return bad;
  }
  if (t->offsets_[h->word_count] != h->blob_size) return bad;
  t->BuildHashIndex();
  t->file_ = std::move(file);
  return std::shared_ptr<const IdfTable>(std::move(t));
}

void IdfTable::BuildHashIndex() {
  size_t slots = 16;
  while (slots < 2 * static_cast<size_t>(header_->word_count)) slots *= 2;
  slots_ = std::make_unique<uint32_t[]>(slots);  // zeroed: all empty
  slot_mask_ = slots - 1;
  std::hash<std::string_view> hash;
  for (uint32_t i = 0; i < header_->word_count; ++i) {
    std::string_view w = Word(i);
    size_t s = hash(w) & slot_mask_;
    bool repeated = false;  // the first of equal words wins, as the binary search did
    while (slots_[s] != 0 && !(repeated = Word(slots_[s] - 1) == w)) s = (s + 1) & slot_mask_;
    if (!repeated) slots_[s] = i + 1;
  }
}

double IdfTable::Idf(std::string_view word) const {
  size_t s = std::hash<std::string_view>()(word) & slot_mask_;
  for (uint32_t v; (v = slots_[s]) != 0; s = (s + 1) & slot_mask_) {
    if (Word(v - 1) == word) return values_[v - 1];
  }
  return header_->median_idf;
}

}  // namespace minyi
