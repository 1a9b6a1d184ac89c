// A set of 64-bit tenant hashes in one flat table (8 bytes a slot, at most half full): which
// tenants a scan has already decided or met, for a million tenants in about 16 MB.
#pragma once

#include <cstdint>
#include <vector>

namespace lyncplan::scan {

class SeenSet {
public:
  // True when `hash` was not in the set (and is now).
  bool insert(std::uint64_t hash) {
    if ((size_ + 1) * 2 > slots_.size()) {
      grow();
    }
    return place(slots_, hash == kEmpty ? kEmptyStandIn : hash) && (++size_, true);
  }
  bool contains(std::uint64_t hash) const {
    if (slots_.empty()) {
      return false;
    }
    hash = hash == kEmpty ? kEmptyStandIn : hash;
    for (std::size_t i = spread(hash) & mask();; i = (i + 1) & mask()) {
      if (slots_[i] == hash) {
        return true;
      }
      if (slots_[i] == kEmpty) {
        return false;
      }
    }
  }
  std::size_t size() const { return size_; }

private:
  static constexpr std::uint64_t kEmpty = 0;
  static constexpr std::uint64_t kEmptyStandIn = 1;

  // FNV hashes are weak in their low bits: mix before taking them (splitmix64's finaliser).
  static std::uint64_t spread(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
  }
  std::size_t mask() const { return slots_.size() - 1; }

  static bool place(std::vector<std::uint64_t>& slots, std::uint64_t hash) {
    const std::size_t m = slots.size() - 1;
    for (std::size_t i = spread(hash) & m;; i = (i + 1) & m) {
      if (slots[i] == hash) {
        return false;
      }
      if (slots[i] == kEmpty) {
        slots[i] = hash;
        return true;
      }
    }
  }
  void grow() {
    std::vector<std::uint64_t> bigger(slots_.empty() ? 1024 : slots_.size() * 2, kEmpty);
    for (std::uint64_t h : slots_) {
      if (h != kEmpty) {
        place(bigger, h);
      }
    }
    slots_.swap(bigger);
  }

  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

} // namespace lyncplan::scan
