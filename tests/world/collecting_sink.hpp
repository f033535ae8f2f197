#pragma once
// An EffectSink for tests: keeps every effect so a test can look for one.
#include <string>
#include <variant>
#include <vector>

#include "world/model/effect_sink.hpp"

namespace meshlings::world::test {

class CollectingSink final : public EffectSink {
public:
    void emit(const Effect& effect) override { effects.push_back(effect); }

    template <typename T>
    std::vector<T> all() const {
        std::vector<T> found;
        for (const Effect& e : effects) {
            if (const T* t = std::get_if<T>(&e)) found.push_back(*t);
        }
        return found;
    }

    bool hasMessage(const std::string& part) const {
        for (const Message& m : all<Message>()) {
            if (m.text.find(part) != std::string::npos) return true;
        }
        return false;
    }

    std::vector<Effect> effects;
};

}  // namespace meshlings::world::test
