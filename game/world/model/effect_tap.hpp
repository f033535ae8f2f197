#pragma once
// An EffectSink in front of the app's sink: forwards every effect and keeps
// the latest Message, which the HUD shows (World::hud().lastMessage). Owned
// by the World.
#include <string>
#include <variant>

#include "world/model/effect_sink.hpp"

namespace meshlings::world {

class EffectTap final : public EffectSink {
public:
    explicit EffectTap(EffectSink& next) : m_next(next) {}

    void emit(const Effect& effect) override {
        if (const auto* message = std::get_if<Message>(&effect)) m_lastMessage = message->text;
        m_next.emit(effect);
    }

    const std::string& lastMessage() const { return m_lastMessage; }

private:
    EffectSink& m_next;
    std::string m_lastMessage;
};

}  // namespace meshlings::world
