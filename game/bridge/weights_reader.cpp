#include "bridge/weights_reader.hpp"

#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using Json = nlohmann::json;

int WeightsReader::defaultRuleIndex(const Json& virtualService) {
    const Json& rules = ja::array(ja::object(virtualService, "spec"), "http");
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (ja::array(rules[i], "match").empty()) return static_cast<int>(i);
    }
    return -1;
}

world::ReviewsWeights WeightsReader::read(const Json* virtualService) {
    world::ReviewsWeights weights;
    if (!virtualService) return weights;
    const int index = defaultRuleIndex(*virtualService);
    if (index < 0) return weights;
    const Json& route =
        ja::array(ja::array(ja::object(*virtualService, "spec"), "http")[static_cast<std::size_t>(index)], "route");
    if (route.empty()) return weights;
    int sum = 0;
    for (const auto& destination : route) {
        const std::string subset = ja::text(ja::object(destination, "destination"), "subset");
        const auto version = common::reviewsVersionFromName(subset);
        if (!version || *version == common::ReviewsVersion::None) return {};  // a subset the game does not know
        const int weight = route.size() == 1 ? static_cast<int>(ja::integer(destination, "weight", 100))
                                             : static_cast<int>(ja::integer(destination, "weight", 0));
        weights.percent[static_cast<std::size_t>(*version) - 1] += weight;
        sum += weight;
    }
    if (sum != 100) return {};
    weights.defined = true;
    return weights;
}

}  // namespace meshlings::bridge
