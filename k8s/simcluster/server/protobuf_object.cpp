#include "simcluster/server/protobuf_object.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/server/embedded_data.hpp"
#include "simcluster/server/kubeconfig_writer.hpp"
#include "simcluster/server/protobuf_message.hpp"
#include "simcluster/server/request_json.hpp"
#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

using WireField = ProtobufField;

std::vector<WireField> wireFields(std::string_view data) {
    std::vector<WireField> fields = ProtobufMessage::fields(data);
    for (const auto& field : fields) {
        // Kubernetes' objects hold varints and length-delimited fields only.
        if (field.wireType != 0 && field.wireType != 2) {
            throw ApiError::badRequest("unsupported protobuf wire type " + std::to_string(field.wireType));
        }
    }
    return fields;
}

const Json& protobufMessages() {
    static const Json schema = Json::parse(embedded::protobufSchema());
    return schema.at("messages");
}

// "name TYPE!" of the schema, split.
struct FieldSpec {
    std::string json;
    std::string type = "string";
    bool keepZero = false;

    explicit FieldSpec(const std::string& text) {
        const auto space = text.find(' ');
        json = text.substr(0, space);
        if (space != std::string::npos) type = text.substr(space + 1);
        if (!type.empty() && type.back() == '!') {
            keepZero = true;
            type.pop_back();
        }
    }
};

bool isZeroValue(const Json& value) {
    return value.is_null() || (value.is_string() && value.get<std::string>().empty()) ||
           (value.is_number_integer() && value.get<std::int64_t>() == 0) || (value.is_boolean() && !value.get<bool>());
}

Json decodeMessage(const std::string& name, std::string_view data);

std::string_view lengthDelimited(const WireField& field, const std::string& type) {
    if (field.wireType != 2) throw ApiError::badRequest("protobuf field of type " + type + " is not length-delimited");
    return field.bytes;
}

Json decodeValue(const std::string& type, const WireField& field) {
    if (type == "int") return static_cast<std::int64_t>(field.varint);
    if (type == "bool") return field.varint != 0;
    if (type == "string") return std::string(lengthDelimited(field, type));
    if (type == "bytes") return KubeconfigWriter::base64(std::string(lengthDelimited(field, type)));
    const auto parts = wireFields(lengthDelimited(field, type));
    if (type == "Time") {
        std::int64_t seconds = 0;
        for (const auto& part : parts) {
            if (part.number == 1) seconds = static_cast<std::int64_t>(part.varint);
        }
        return seconds == 0 ? Json() : Json(rfc3339(seconds * 1000));
    }
    if (type == "Quantity") {
        for (const auto& part : parts) {
            if (part.number == 1) return std::string(part.bytes);
        }
        return "0";
    }
    if (type == "IntOrString") {
        std::uint64_t kind = 0;
        Json intValue = 0;
        Json stringValue = "";
        for (const auto& part : parts) {
            if (part.number == 1) kind = part.varint;
            if (part.number == 2) intValue = static_cast<std::int64_t>(static_cast<std::int32_t>(part.varint));
            if (part.number == 3) stringValue = std::string(part.bytes);
        }
        return kind == 0 ? intValue : stringValue;
    }
    return decodeMessage(type, field.bytes);
}

void decodeField(Json& out, const std::string& message, const WireField& field) {
    const Json& fields = protobufMessages().at(message);
    const auto spec = fields.find(std::to_string(field.number));
    if (spec == fields.end()) {
        if (field.varint == 0 && field.bytes.empty()) return;  // a zero value Go always writes
        throw ApiError::badRequest("the built-in cluster cannot read field " + std::to_string(field.number) +
                                   " of the protobuf message " + message + "; send the object as JSON");
    }
    const FieldSpec f(spec->get<std::string>());
    if (f.type == "Ignore") return;
    if (f.type.rfind("[]", 0) == 0) {
        Json& list = out[f.json];
        if (!list.is_array()) list = Json::array();
        list.push_back(decodeValue(f.type.substr(2), field));
        return;
    }
    if (f.type.front() == '{') {
        std::string key;
        Json value = "";
        for (const auto& part : wireFields(lengthDelimited(field, f.type))) {
            if (part.number == 1) key = std::string(part.bytes);
            if (part.number == 2) value = decodeValue(f.type.substr(1, f.type.size() - 2), part);
        }
        out[f.json][key] = value;
        return;
    }
    Json value = decodeValue(f.type, field);
    if (!f.keepZero && isZeroValue(value)) return;
    out[f.json] = std::move(value);
}

Json decodeMessage(const std::string& name, std::string_view data) {
    if (!protobufMessages().contains(name)) {
        throw ApiError::badRequest("the built-in cluster cannot read the protobuf message " + name);
    }
    Json out = Json::object();
    for (const auto& field : wireFields(data)) decodeField(out, name, field);
    return out;
}

}  // namespace

bool ProtobufObject::readable(const std::string& kind) {
    return protobufMessages().contains(kind) && protobufMessages().at(kind).contains("1");
}

Json ProtobufObject::decode(const std::string& body) {
    if (body.size() < 4 || body.compare(0, 4, std::string("k8s\0", 4)) != 0) {
        throw ApiError::badRequest("protobuf body lacks the k8s envelope");
    }
    std::string apiVersion;
    std::string kind;
    std::string_view raw;
    for (const auto& field : wireFields(std::string_view(body).substr(4))) {
        if (field.number == 1) {
            for (const auto& part : wireFields(field.bytes)) {
                if (part.number == 1) apiVersion = std::string(part.bytes);
                if (part.number == 2) kind = std::string(part.bytes);
            }
        }
        if (field.number == 2) raw = field.bytes;
    }
    if (!readable(kind)) throw ApiError::badRequest("the built-in cluster cannot read " + kind + " in protobuf");
    Json object = decodeMessage(kind, raw);
    object["apiVersion"] = apiVersion;
    object["kind"] = kind;
    return object;
}

namespace {

bool sendsProtobuf(const http::Request& request) {
    return request.header("Content-Type").rfind(ProtobufObject::kContentType, 0) == 0;
}

}  // namespace

Json ProtobufObject::bodyOf(const http::Request& request) {
    return sendsProtobuf(request) ? decode(request.body) : request_json::parseObject(request.body);
}

void ProtobufObject::requireReadable(const http::Request& request, const std::string& kind) {
    if (!sendsProtobuf(request) || kind.rfind("SelfSubject", 0) == 0) return;
    const bool writes = request.method == "POST" || request.method == "PUT";
    if (writes && readable(kind)) return;
    throw ApiError(415, "UnsupportedMediaType",
                   "the body of the request was in an unknown format - accepted media types include: application/json");
}

}  // namespace meshlings::sim
