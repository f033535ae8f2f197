// The skill bar's model: the buttons in Lemmings' order with the level's
// counts, selection by place (keys 1-9), the dialog's one or two values kept
// in range, and the world command its apply makes (for the selected pod's
// service, resolved by the world when it applies).
#include "app/skill_bar.hpp"

#include <doctest/doctest.h>

using namespace meshlings;
using app::Skill;
using app::SkillBar;

TEST_CASE("SkillBar: one button per skill in bar order, the budget's count under each") {
    world::BudgetLeft left;
    left.retries = 2;
    left.ejects = 0;
    const auto slots = SkillBar::slots(left);
    REQUIRE(slots.size() == 7);
    CHECK(slots[0].label == "Scale");
    CHECK(slots[2].skill == Skill::Retry);
    CHECK(slots[2].left == 2);
    CHECK(slots[5].skill == Skill::Eject);
    CHECK_FALSE(slots[5].usable());
    CHECK(slots[6].label == "Delete");
    CHECK_FALSE(slots[6].left.has_value());  // no limit
    CHECK(slots[6].usable());
}

TEST_CASE("SkillBar: keys pick by place; the dialog adjusts its values in range and makes the command") {
    SkillBar bar;
    CHECK_FALSE(bar.command());
    CHECK_FALSE(bar.select(7));
    REQUIRE(bar.select(2));
    CHECK(bar.selected() == Skill::Retry);
    REQUIRE(bar.values().size() == 2);
    CHECK(bar.values()[0].value == 3);  // defaults that work
    for (int i = 0; i < 20; ++i) bar.adjust(0, +1);
    CHECK(bar.retry().attempts == world::RetrySettings::kMaxAttempts);
    bar.adjust(1, -1);
    CHECK(bar.retry().perTryTimeoutMs == 750);
    const auto command = bar.command();
    REQUIRE(command);
    const auto* retry = std::get_if<world::RequestRetry>(&*command);
    REQUIRE(retry);
    CHECK(retry->service.empty());  // the selected pod's service, when it applies
    CHECK(retry->settings.problem().empty());

    REQUIRE(bar.select(5));
    for (int i = 0; i < 200; ++i) bar.adjust(1, -1);
    CHECK(bar.eject().ejectionSeconds == 5);
    CHECK(std::holds_alternative<world::RequestEject>(*bar.command()));
    REQUIRE(bar.select(0));
    CHECK_FALSE(SkillBar::hasDialog(Skill::Scale));
    CHECK(bar.values().empty());
    CHECK_FALSE(bar.command());
}
