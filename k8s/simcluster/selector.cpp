#include "simcluster/selector.hpp"

#include <algorithm>

#include "simcluster/api_error.hpp"

namespace meshlings::sim {

namespace {

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) return "";
    const auto end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

// Splits on commas that are not inside parentheses.
std::vector<std::string> splitTopLevel(const std::string& text) {
    std::vector<std::string> parts;
    std::string current;
    int depth = 0;
    for (char c : text) {
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (c == ',' && depth == 0) {
            parts.push_back(trim(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!trim(current).empty() || !parts.empty()) parts.push_back(trim(current));
    return parts;
}

std::vector<std::string> splitValues(const std::string& inner) {
    std::vector<std::string> values;
    std::string current;
    for (char c : inner + ",") {
        if (c == ',') {
            values.push_back(trim(current));
            current.clear();
        } else {
            current += c;
        }
    }
    return values;
}

const nlohmann::json* lookupPath(const nlohmann::json& object, const std::string& path) {
    const nlohmann::json* node = &object;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!node->is_object() || !node->contains(part)) return nullptr;
        node = &(*node)[part];
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return node;
}

}  // namespace

Selector Selector::parseLabels(const std::string& text) {
    Selector selector;
    for (const auto& part : splitTopLevel(text)) {
        if (part.empty())
            throw ApiError::badRequest("unable to parse requirement: empty requirement in \"" + text + "\"");
        Requirement req;
        const auto inPos = part.find(" in ");
        const auto notinPos = part.find(" notin ");
        if (notinPos != std::string::npos || inPos != std::string::npos) {
            const bool notin = notinPos != std::string::npos;
            req.key = trim(part.substr(0, notin ? notinPos : inPos));
            req.op = notin ? Op::NotIn : Op::In;
            const auto open = part.find('(');
            const auto close = part.rfind(')');
            if (open == std::string::npos || close == std::string::npos || close < open) {
                throw ApiError::badRequest("unable to parse requirement: found '" + part + "', expected: '('");
            }
            req.values = splitValues(part.substr(open + 1, close - open - 1));
        } else if (const auto ne = part.find("!="); ne != std::string::npos) {
            req = {trim(part.substr(0, ne)), Op::NotEquals, {trim(part.substr(ne + 2))}};
        } else if (const auto eq2 = part.find("=="); eq2 != std::string::npos) {
            req = {trim(part.substr(0, eq2)), Op::Equals, {trim(part.substr(eq2 + 2))}};
        } else if (const auto eq = part.find('='); eq != std::string::npos) {
            req = {trim(part.substr(0, eq)), Op::Equals, {trim(part.substr(eq + 1))}};
        } else if (part[0] == '!') {
            req = {trim(part.substr(1)), Op::NotExists, {}};
        } else {
            req = {part, Op::Exists, {}};
        }
        if (req.key.empty() || req.key.find_first_of(" ()") != std::string::npos) {
            throw ApiError::badRequest("unable to parse requirement: invalid label key \"" + req.key + "\"");
        }
        selector.m_requirements.push_back(std::move(req));
    }
    return selector;
}

Selector Selector::parseFields(const std::string& text) {
    Selector selector = parseLabels(text);
    for (const auto& req : selector.m_requirements) {
        if (req.op != Op::Equals && req.op != Op::NotEquals) {
            throw ApiError::badRequest("invalid selector: '" + text + "'; can't understand '" + req.key + "'");
        }
    }
    selector.m_fields = true;
    return selector;
}

Selector Selector::fromLabelMap(const nlohmann::json& labels) {
    Selector selector;
    const nlohmann::json& map = labels.contains("matchLabels") ? labels["matchLabels"] : labels;
    for (const auto& [key, value] : map.items()) {
        selector.m_requirements.push_back({key, Op::Equals, {value.get<std::string>()}});
    }
    return selector;
}

Selector Selector::fromLabelSelector(const nlohmann::json& selector) {
    Selector result =
        fromLabelMap(selector.is_object() && selector.contains("matchLabels") ? selector : nlohmann::json::object());
    if (!selector.is_object() || !selector.contains("matchExpressions")) return result;
    for (const auto& e : selector["matchExpressions"]) {
        const std::string op = e.value("operator", "");
        Requirement req{e.value("key", ""), Op::In, {}};
        for (const auto& v : e.value("values", nlohmann::json::array())) req.values.push_back(v.get<std::string>());
        if (op == "NotIn")
            req.op = Op::NotIn;
        else if (op == "Exists")
            req.op = Op::Exists;
        else if (op == "DoesNotExist")
            req.op = Op::NotExists;
        result.m_requirements.push_back(std::move(req));
    }
    return result;
}

bool Selector::matches(const nlohmann::json& object) const {
    static const nlohmann::json kEmpty = nlohmann::json::object();
    const nlohmann::json* labels = lookupPath(object, "metadata.labels");
    if (labels == nullptr || !labels->is_object()) labels = &kEmpty;
    for (const auto& req : m_requirements) {
        const nlohmann::json* node =
            m_fields ? lookupPath(object, req.key) : (labels->contains(req.key) ? &(*labels)[req.key] : nullptr);
        const bool present = node != nullptr && !node->is_null();
        std::string value;
        if (present) value = node->is_string() ? node->get<std::string>() : node->dump();
        const bool listed = std::find(req.values.begin(), req.values.end(), value) != req.values.end();
        bool ok = false;
        switch (req.op) {
            case Op::Equals:
                ok = (m_fields || present) && listed;
                break;
            case Op::NotEquals:
                ok = !(present || m_fields) || !listed;
                break;
            case Op::In:
                ok = present && listed;
                break;
            case Op::NotIn:
                ok = !present || !listed;
                break;
            case Op::Exists:
                ok = present;
                break;
            case Op::NotExists:
                ok = !present;
                break;
        }
        if (!ok) return false;
    }
    return true;
}

}  // namespace meshlings::sim
