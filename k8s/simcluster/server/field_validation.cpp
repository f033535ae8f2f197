#include "simcluster/server/field_validation.hpp"

#include <algorithm>
#include <set>

#include "simcluster/api_error.hpp"
#include "simcluster/server/api_request.hpp"
#include "simcluster/server/openapi.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

const Json* resolveRef(const Json* schema) {
    while (schema != nullptr && schema->is_object() && schema->contains("$ref")) {
        const std::string ref = (*schema)["$ref"].get<std::string>();
        const auto it = OpenApi::definitions().find(ref.substr(ref.rfind('/') + 1));
        schema = it == OpenApi::definitions().end() ? nullptr : &*it;
    }
    return schema;
}

// The schema of field `key` of an object whose schema is `schema`; `known`
// says whether the field is allowed. nullptr: anything goes below.
const Json* schemaOfField(const Json* schema, const std::string& key, bool& known) {
    known = true;
    if (schema == nullptr || !schema->is_object()) return nullptr;
    if (schema->value("x-kubernetes-preserve-unknown-fields", false)) return nullptr;
    const auto properties = schema->find("properties");
    if (properties != schema->end() && properties->contains(key)) return resolveRef(&(*properties)[key]);
    const auto additional = schema->find("additionalProperties");
    if (additional != schema->end()) return additional->is_object() ? resolveRef(&*additional) : nullptr;
    known = properties == schema->end();  // an object without properties is free-form (RawExtension)
    return nullptr;
}

const Json* schemaOfItems(const Json* schema) {
    if (schema == nullptr || !schema->is_object() || !schema->contains("items")) return nullptr;
    return resolveRef(&(*schema)["items"]);
}

std::string fieldPath(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

// One pass over a JSON text in document order: repeated keys and fields the schema lacks.
class StrictScan : public nlohmann::json_sax<Json> {
public:
    struct Finding {
        bool duplicate;
        std::string text;
    };

    StrictScan(const Json* schema, bool custom) : m_next{schema, ""}, m_custom(custom) {}

    std::vector<Finding> findings;

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

    bool key(string_t& name) override {
        Frame& frame = m_frames.back();
        bool known = true;
        m_next = {schemaOfField(frame.schema, name, known), fieldPath(frame.path, name)};
        const bool repeated = !frame.keys.insert(name).second;
        const bool unknown = !known && frame.checked;
        if (unknown && !repeated) findings.push_back({false, "unknown field \"" + m_next.path + "\""});
        // A typed decoder reports a field that is unknown and repeated once, as unknown.
        if (repeated && (!unknown || m_custom)) findings.push_back({true, "duplicate field \"" + name + "\""});
        m_next.checked = known && frame.checked;
        return true;
    }

private:
    struct Next {
        const Json* schema;
        std::string path;
        bool checked = true;
    };
    struct Frame {
        bool object;
        const Json* schema;
        std::string path;
        bool checked;
        std::set<std::string> keys;
        std::size_t index = 0;
    };

    void prepareElement() {
        if (m_frames.empty() || m_frames.back().object) return;
        Frame& array = m_frames.back();
        m_next = {schemaOfItems(array.schema), array.path + "[" + std::to_string(array.index++) + "]", array.checked};
    }
    bool value() {
        prepareElement();
        return true;
    }
    bool open(bool object) {
        prepareElement();
        m_frames.push_back({object, m_next.schema, m_next.path, m_next.checked, {}});
        return true;
    }
    bool close() {
        m_frames.pop_back();
        return true;
    }

    Next m_next;
    bool m_custom;
    std::vector<Frame> m_frames;
};

std::vector<StrictScan::Finding> scanBody(const ResourceType& type, const std::string& body) {
    StrictScan handler(OpenApi::schemaOf(type), type.isCustom());
    Json::sax_parse(body, &handler, Json::input_format_t::json, false);
    return handler.findings;
}

void pruneUnknown(const Json* schema, Json& value, const std::string& path, std::vector<std::string>& pruned) {
    if (value.is_array()) {
        const Json* items = schemaOfItems(schema);
        for (std::size_t i = 0; i < value.size(); ++i) {
            pruneUnknown(items, value[i], path + "[" + std::to_string(i) + "]", pruned);
        }
        return;
    }
    if (!value.is_object() || schema == nullptr) return;
    for (auto it = value.begin(); it != value.end();) {
        bool known = true;
        const Json* child = schemaOfField(schema, it.key(), known);
        if (!known) {
            pruned.push_back(fieldPath(path, it.key()));
            it = value.erase(it);
            continue;
        }
        pruneUnknown(child, it.value(), fieldPath(path, it.key()), pruned);
        ++it;
    }
}

// Go's fmt "%+v" of a decoded JSON value (map keys sorted, numbers as float64).
std::string goPrinted(const Json& value) {
    if (value.is_object()) {
        std::string out = "map[";
        bool first = true;
        for (const auto& [key, item] : value.items()) {
            out += (first ? "" : " ") + key + ":" + goPrinted(item);
            first = false;
        }
        return out + "]";
    }
    if (value.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i) out += (i == 0 ? "" : " ") + goPrinted(value[i]);
        return out + "]";
    }
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "<nil>";
    return value.dump();
}

std::string joinFindings(const std::vector<std::string>& texts) {
    std::string out;
    for (const auto& text : texts) out += (out.empty() ? "" : ", ") + text;
    return out;
}

bool isProtobufBody(const std::string& body) {
    return body.size() >= 4 && body.compare(0, 4, std::string("k8s\0", 4)) == 0;
}

void reportFindings(const ApiRequest& api, const std::vector<std::string>& texts, const ApiError& strict) {
    if (texts.empty()) return;
    if (api.fieldValidation == "Strict") throw strict;
    for (const auto& text : texts) api.warnings.push_back(text);
}

}  // namespace

FieldValidation::Mode FieldValidation::parse(const std::string& text) {
    if (text.empty() || text == "Warn") return Mode::Warn;
    if (text == "Strict") return Mode::Strict;
    if (text == "Ignore") return Mode::Ignore;
    throw ApiError::badRequest("fieldValidation: Unsupported value: \"" + text +
                               "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
}

std::vector<std::string> FieldValidation::prune(const ResourceType& type, Json& object) {
    std::vector<std::string> pruned;
    pruneUnknown(OpenApi::schemaOf(type), object, "", pruned);
    return pruned;
}

std::vector<std::string> FieldValidation::duplicates(const std::string& body) {
    StrictScan handler(nullptr, true);
    Json::sax_parse(body, &handler, Json::input_format_t::json, false);
    std::vector<std::string> out;
    for (const auto& finding : handler.findings) out.push_back(finding.text);
    return out;
}

void FieldValidation::checkWrite(const ApiRequest& api, const std::string& body, Json& object) {
    prune(*api.type, object);
    if (parse(api.fieldValidation) == Mode::Ignore || isProtobufBody(body)) return;
    auto findings = scanBody(*api.type, body);
    if (api.type->isCustom()) {  // CRDs: repeated keys first, then unknown fields by path
        std::stable_partition(findings.begin(), findings.end(), [](const auto& f) { return f.duplicate; });
        const auto unknown = std::find_if(findings.begin(), findings.end(), [](const auto& f) { return !f.duplicate; });
        std::sort(unknown, findings.end(), [](const auto& a, const auto& b) { return a.text < b.text; });
    }
    std::vector<std::string> texts;
    for (const auto& finding : findings) texts.push_back(finding.text);
    const std::string& kind = api.type->kind;
    reportFindings(api, texts,
                   ApiError::badRequest(kind + " in version \"" + api.version + "\" cannot be handled as a " + kind +
                                        ": strict decoding error: " + joinFindings(texts)));
}

void FieldValidation::checkPatch(const ApiRequest& api, const std::string& body, Json& patched, bool strategic) {
    const auto pruned = prune(*api.type, patched);
    if (parse(api.fieldValidation) == Mode::Ignore) return;
    std::vector<std::string> texts = duplicates(body);
    std::vector<std::string> unknown;
    for (const auto& path : pruned) unknown.push_back("unknown field \"" + path + "\"");
    std::sort(unknown.begin(), unknown.end());
    texts.insert(texts.end(), unknown.begin(), unknown.end());
    if (texts.empty()) return;
    Json patch = Json::parse(body, nullptr, false);
    const std::string value = strategic ? goPrinted(patch) : patched.dump();
    const std::string message =
        "Invalid value: " + Json(value).dump() + ": strict decoding error: " + joinFindings(texts);
    reportFindings(
        api, texts,
        ApiError(
            422, "Invalid", " \"\" is invalid: patch: " + message,
            {{"causes", Json::array({{{"reason", "FieldValueInvalid"}, {"message", message}, {"field", "patch"}}})}}));
}

std::string FieldValidation::warningHeader(const std::vector<std::string>& warnings) {
    std::string out;
    for (const auto& text : warnings) {
        std::string quoted;
        for (const char c : text) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
        out += (out.empty() ? "" : ", ") + std::string("299 - \"") + quoted + "\"";
    }
    return out;
}

}  // namespace meshlings::sim
