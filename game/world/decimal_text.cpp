#include "decimal_text.hpp"

#include <cstdio>

namespace meshlings::world {

std::string decimalText(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

}  // namespace meshlings::world
