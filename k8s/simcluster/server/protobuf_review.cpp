#include "simcluster/server/protobuf_review.hpp"

#include <cstdint>
#include <map>

#include "simcluster/api_error.hpp"

namespace meshlings::sim {

namespace {

// Length-delimited and varint fields of one protobuf message, by field number.
struct Message {
    std::multimap<int, std::string> bytes;
    std::map<int, std::uint64_t> varints;

    static Message parse(const std::string& data) {
        Message message;
        std::size_t at = 0;
        auto varint = [&]() {
            std::uint64_t value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= data.size()) throw ApiError::badRequest("protobuf body ends inside a varint");
                const auto byte = static_cast<unsigned char>(data[at++]);
                value |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
                if ((byte & 0x80U) == 0) return value;
            }
            throw ApiError::badRequest("protobuf varint is too long");
        };
        while (at < data.size()) {
            const std::uint64_t key = varint();
            const int field = static_cast<int>(key >> 3U);
            switch (key & 7U) {
                case 0:
                    message.varints[field] = varint();
                    break;
                case 2: {
                    const std::uint64_t length = varint();
                    if (length > data.size() - at) throw ApiError::badRequest("protobuf field runs past the body");
                    message.bytes.emplace(field, data.substr(at, length));
                    at += length;
                    break;
                }
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw ApiError::badRequest("unsupported protobuf wire type");
            }
        }
        return message;
    }

    std::string text(int field) const {
        const auto it = bytes.find(field);
        return it == bytes.end() ? "" : it->second;
    }
};

}  // namespace

std::string ProtobufReview::rulesNamespace(const std::string& body) {
    if (body.size() < 4 || body.compare(0, 4, std::string("k8s\0", 4)) != 0) {
        throw ApiError::badRequest("protobuf body lacks the k8s envelope");
    }
    const Message unknown = Message::parse(body.substr(4));
    const Message review = Message::parse(unknown.text(2));  // runtime.Unknown.raw
    return Message::parse(review.text(2)).text(1);           // spec (2), its namespace (1)
}

nlohmann::json ProtobufReview::decode(const std::string& body) {
    if (body.size() < 4 || body.compare(0, 4, std::string("k8s\0", 4)) != 0) {
        throw ApiError::badRequest("protobuf body lacks the k8s envelope");
    }
    const Message unknown = Message::parse(body.substr(4));
    const Message review = Message::parse(unknown.text(2));  // runtime.Unknown.raw
    const Message spec = Message::parse(review.text(2));
    nlohmann::json out{{"apiVersion", "authorization.k8s.io/v1"}, {"kind", "SelfSubjectAccessReview"}};
    if (spec.bytes.count(1) != 0) {
        const Message attributes = Message::parse(spec.text(1));
        const char* names[] = {"", "namespace", "verb", "group", "version", "resource", "subresource", "name"};
        nlohmann::json resource = nlohmann::json::object();
        for (int field = 1; field <= 7; ++field) {
            if (attributes.bytes.count(field) != 0) resource[names[field]] = attributes.text(field);
        }
        out["spec"]["resourceAttributes"] = resource;
    }
    if (spec.bytes.count(2) != 0) {
        const Message attributes = Message::parse(spec.text(2));
        out["spec"]["nonResourceAttributes"] = {{"path", attributes.text(1)}, {"verb", attributes.text(2)}};
    }
    if (!out.contains("spec")) out["spec"] = nlohmann::json::object();
    return out;
}

}  // namespace meshlings::sim
