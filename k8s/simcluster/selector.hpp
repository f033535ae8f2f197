#pragma once
// Label and field selectors as the API server parses them from the query:
// labels take =, ==, !=, in (...), notin (...), key and !key; fields take
// =, ==, != on a dotted path of the object (metadata.name, status.phase, ...).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace meshlings::sim {

class Selector {
public:
    // Throws ApiError (400) on malformed text.
    static Selector parseLabels(const std::string& text);
    static Selector parseFields(const std::string& text);
    // Labels from a Deployment-style {"matchLabels": {...}} or a plain map.
    static Selector fromLabelMap(const nlohmann::json& labels);
    // A metav1.LabelSelector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist).
    static Selector fromLabelSelector(const nlohmann::json& selector);

    bool matches(const nlohmann::json& object) const;
    bool empty() const { return m_requirements.empty(); }

private:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, NotExists };
    struct Requirement {
        std::string key;
        Op op;
        std::vector<std::string> values;
    };

    bool m_fields = false;  // keys are object paths rather than label names
    std::vector<Requirement> m_requirements;
};

}  // namespace meshlings::sim
