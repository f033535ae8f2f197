#include "simcluster/cluster_context.hpp"

#include <cstdio>

namespace meshlings::sim {

std::string ClusterContext::newUid() {
    const std::uint64_t a = uidRng.next();
    const std::uint64_t b = uidRng.next();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32U),
                  static_cast<unsigned>((a >> 16U) & 0xFFFFU), static_cast<unsigned>(a & 0xFFFU),
                  static_cast<unsigned>(0x8000U | ((b >> 48U) & 0x3FFFU)),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
    return buffer;
}

std::string ClusterContext::nameSuffix() {
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (int i = 0; i < 5; ++i) out += kAlphabet[rng.below(sizeof kAlphabet - 1)];
    return out;
}

}  // namespace meshlings::sim
