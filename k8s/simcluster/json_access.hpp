#pragma once
// The model reads client-shaped JSON with the shared safe accessors.
#include "common/json_access_common.hpp"

namespace meshlings::sim {
namespace json_access = ::meshlings::json_access;
}  // namespace meshlings::sim
