#include "core/launch/blob.h"

namespace smc::embedded {
extern const unsigned char preload[];
extern const std::size_t preload_size;
}  // namespace smc::embedded

namespace smc {

std::span<const unsigned char> preload_library() {
  return {embedded::preload, embedded::preload_size};
}

}  // namespace smc
