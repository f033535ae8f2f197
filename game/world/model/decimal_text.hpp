#pragma once
// A number written with a fixed count of decimals ("97.5"), the way the
// world's texts, the breakdown, the digest and the HUD write figures.
#include <string>

namespace meshlings::world {

std::string decimalText(double value, int decimals = 1);
// The shortest text that reads back as the value, as level files write it ("90", "99.5").
std::string shortestText(double value);

}  // namespace meshlings::world
