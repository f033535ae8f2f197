#pragma once
// Where the world's effects go. The app passes a sink that feeds particles,
// sounds and the message log; tests pass NullEffectSink (or collect them).
// Called on the thread that calls World::step(), during the step.
#include "world/model/effect.hpp"

namespace meshlings::world {

class EffectSink {
public:
    virtual ~EffectSink() = default;
    virtual void emit(const Effect& effect) = 0;
};

class NullEffectSink final : public EffectSink {
public:
    void emit(const Effect&) override {}
};

}  // namespace meshlings::world
