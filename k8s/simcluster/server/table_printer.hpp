#pragma once
// Server-side printing: turns objects into the meta.k8s.io/v1 Table that
// kubectl asks for, with the same columns a real API server produces
// (kubernetes printers.go for built-ins, the printer columns of Istio's CRDs).
#include <nlohmann/json.hpp>
#include <vector>

#include "simcluster/watch_channel.hpp"

namespace meshlings::sim {

class TablePrinter {
public:
    enum class IncludeObject { None, Metadata, Object };
    // The includeObject query parameter ("None", "Object"; anything else is Metadata).
    static IncludeObject includeOf(const std::string& text);

    // `nowUnixMillis` renders the ages.
    static nlohmann::json table(const ResourceType& type, const std::vector<ObjectPtr>& objects,
                                std::int64_t nowUnixMillis, IncludeObject include, bool withColumns);

    static std::string podStatus(const nlohmann::json& pod);
    static std::string podReady(const nlohmann::json& pod);

private:
    static nlohmann::json columns(const ResourceType& type);
    static nlohmann::json cells(const ResourceType& type, const nlohmann::json& object, std::int64_t nowUnixMillis);
};

}  // namespace meshlings::sim
