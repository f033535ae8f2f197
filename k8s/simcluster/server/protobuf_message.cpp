#include "simcluster/server/protobuf_message.hpp"

#include "simcluster/api_error.hpp"

namespace meshlings::sim {

ProtobufMessage ProtobufMessage::parse(const std::string& data) {
    ProtobufMessage message;
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
                message.m_varints[field] = varint();
                break;
            case 2: {
                const std::uint64_t length = varint();
                if (length > data.size() - at) throw ApiError::badRequest("protobuf field runs past the body");
                message.m_bytes.emplace(field, data.substr(at, length));
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
        if (at > data.size()) throw ApiError::badRequest("protobuf field runs past the body");
    }
    return message;
}

ProtobufMessage ProtobufMessage::unwrap(const std::string& body) {
    if (body.size() < 4 || body.compare(0, 4, std::string("k8s\0", 4)) != 0) {
        throw ApiError::badRequest("protobuf body lacks the k8s envelope");
    }
    return parse(parse(body.substr(4)).text(2));  // runtime.Unknown.raw
}

std::string ProtobufMessage::text(int field) const {
    const auto it = m_bytes.find(field);
    return it == m_bytes.end() ? "" : it->second;
}

std::vector<std::string> ProtobufMessage::texts(int field) const {
    std::vector<std::string> values;
    for (auto [it, end] = m_bytes.equal_range(field); it != end; ++it) values.push_back(it->second);
    return values;
}

std::uint64_t ProtobufMessage::varint(int field) const {
    const auto it = m_varints.find(field);
    return it == m_varints.end() ? 0 : it->second;
}

}  // namespace meshlings::sim
