#pragma once
// A routing state file that cannot be read, parsed or written: the message
// names the file and, for a malformed one, the field ("objects[1].kind").
#include <stdexcept>

namespace meshlings::bridge {

class RoutingStateError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace meshlings::bridge
