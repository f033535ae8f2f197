#include "bridge/routing_writer.hpp"

#include "bridge/weights_reader.hpp"
#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using Json = nlohmann::json;

namespace {

Json wizardMetadata(const std::string& nameSpace) {
    return {{"name", RoutingWriter::kService},
            {"namespace", nameSpace},
            {"labels", {{"kiali_wizard", "traffic_shifting"}}}};
}

}  // namespace

RoutingWriter::RoutingWriter(k8s::IstioRouting& routing, std::string nameSpace)
    : m_routing(routing), m_nameSpace(std::move(nameSpace)) {}

Json RoutingWriter::destinationRule() const {
    Json subsets = Json::array();
    for (const auto version : common::kReviewsVersions) {
        const std::string name(common::reviewsVersionName(version));
        subsets.push_back({{"name", name}, {"labels", {{"version", name}}}});
    }
    return {{"metadata", wizardMetadata(m_nameSpace)}, {"spec", {{"host", fqdn()}, {"subsets", subsets}}}};
}

Json RoutingWriter::route(const world::ReviewsWeights& weights, const std::string& host) const {
    Json out = Json::array();
    for (const auto version : common::kReviewsVersions) {
        out.push_back({{"destination", {{"host", host}, {"subset", std::string(common::reviewsVersionName(version))}}},
                       {"weight", weights.weightOf(version)}});
    }
    return out;
}

Json RoutingWriter::virtualService(const world::ReviewsWeights& weights) const {
    return {{"metadata", wizardMetadata(m_nameSpace)},
            {"spec",
             {{"hosts", Json::array({RoutingWriter::kService})},
              {"http", Json::array({{{"route", route(weights, fqdn())}}})}}}};
}

Json RoutingWriter::ensureDestinationRule(bool dryRun) {
    Json existing;
    try {
        existing = m_routing.getDestinationRule(RoutingWriter::kService);
    } catch (const k8s::StatusError& e) {
        if (!e.notFound()) throw;
        return m_routing.createDestinationRule(destinationRule(), dryRun);
    }
    Json subsets = ja::array(ja::object(existing, "spec"), "subsets");
    bool added = false;
    for (const auto version : common::kReviewsVersions) {
        const std::string name(common::reviewsVersionName(version));
        bool present = false;
        for (const auto& subset : subsets) present = present || ja::text(subset, "name") == name;
        if (!present) {
            subsets.push_back({{"name", name}, {"labels", {{"version", name}}}});
            added = true;
        }
    }
    if (!added) return nullptr;
    const Json patch = {
        {"metadata", {{"resourceVersion", ja::text(ja::object(existing, "metadata"), "resourceVersion")}}},
        {"spec", {{"subsets", subsets}}}};
    return m_routing.patchDestinationRule(RoutingWriter::kService, patch, k8s::PatchType::Merge, dryRun);
}

void RoutingWriter::apply(const world::ReviewsWeights& weights, bool dryRun, Answers* answers) {
    Answers local;
    Answers& out = answers ? *answers : local;
    out.destinationRule = ensureDestinationRule(dryRun);
    Json existing;
    try {
        existing = m_routing.getVirtualService(RoutingWriter::kService);
    } catch (const k8s::StatusError& e) {
        if (!e.notFound()) throw;
        out.virtualService = m_routing.createVirtualService(virtualService(weights), dryRun);
        return;
    }
    const std::string version = ja::text(ja::object(existing, "metadata"), "resourceVersion");
    const int index = WeightsReader::defaultRuleIndex(existing);
    const bool hasHttp = ja::field(ja::object(existing, "spec"), "http").is_array();
    std::string host = fqdn();
    Json patch = Json::array({{{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", version}}});
    if (index >= 0) {
        const Json& old = ja::array(existing["spec"]["http"][static_cast<std::size_t>(index)], "route");
        if (!old.empty()) host = ja::text(ja::object(old[0], "destination"), "host", host);
        patch.push_back({{"op", "replace"},
                         {"path", "/spec/http/" + std::to_string(index) + "/route"},
                         {"value", route(weights, host)}});
    } else if (hasHttp) {
        patch.push_back({{"op", "add"}, {"path", "/spec/http/-"}, {"value", {{"route", route(weights, host)}}}});
    } else {
        patch.push_back(
            {{"op", "add"}, {"path", "/spec/http"}, {"value", Json::array({{{"route", route(weights, host)}}})}});
    }
    out.virtualService =
        m_routing.patchVirtualService(RoutingWriter::kService, patch, k8s::PatchType::JsonPatch, dryRun);
}

}  // namespace meshlings::bridge
