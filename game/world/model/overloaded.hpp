#pragma once
// The usual helper for std::visit with one lambda per alternative.

namespace meshlings::world {

template <typename... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace meshlings::world
