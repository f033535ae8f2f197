#include "app/refusal_log.hpp"

#include <string_view>
#include <variant>

namespace meshlings::app {

namespace {

// The reason without the world's leading "refused: ".
std::string reasonOf(const std::string& text) {
    constexpr std::string_view kRefused = "refused: ";
    return text.rfind(kRefused, 0) == 0 ? text.substr(kRefused.size()) : text;
}

}  // namespace

void RefusalLog::emit(const world::Effect& effect) {
    const auto* message = std::get_if<world::Message>(&effect);
    if (message == nullptr || message->kind != world::MessageKind::Refusal) return;
    ++m_count;
    const std::string reason = reasonOf(message->text);
    auto [it, added] = m_counts.try_emplace(reason, 0);
    ++it->second;
    if (!added) return;
    m_order.emplace(m_order.size(), reason);
    m_out << "meshlings: refused: " << reason << std::endl;
}

std::string RefusalLog::summaryLines() const {
    std::string out;
    for (const auto& [index, reason] : m_order) {
        const std::size_t times = m_counts.at(reason);
        out +=
            std::string(kSummaryPrefix) + std::to_string(times) + (times == 1 ? " time: " : " times: ") + reason + "\n";
    }
    return out;
}

}  // namespace meshlings::app
