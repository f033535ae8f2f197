#pragma once
// A number written with a fixed count of decimals ("97.5"), the way the
// world's texts, the breakdown, the digest and the HUD write figures.
#include <string>

namespace meshlings::world {

std::string decimalText(double value, int decimals = 1);

}  // namespace meshlings::world
