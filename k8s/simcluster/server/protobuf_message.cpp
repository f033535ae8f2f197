#include "simcluster/server/protobuf_message.hpp"

#include "simcluster/api_error.hpp"

namespace meshlings::sim {

std::vector<ProtobufField> ProtobufMessage::fields(std::string_view data) {
    std::vector<ProtobufField> fields;
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
        ProtobufField field;
        field.number = static_cast<int>(key >> 3U);
        field.wireType = static_cast<int>(key & 7U);
        std::size_t skip = 0;
        switch (field.wireType) {
            case 0:
                field.varint = varint();
                break;
            case 2: {
                const std::uint64_t length = varint();
                if (length > data.size() - at) throw ApiError::badRequest("protobuf field runs past the body");
                field.bytes = data.substr(at, length);
                skip = length;
                break;
            }
            case 1:
                skip = 8;
                break;
            case 5:
                skip = 4;
                break;
            default:
                throw ApiError::badRequest("unsupported protobuf wire type " + std::to_string(field.wireType));
        }
        if (skip > data.size() - at) throw ApiError::badRequest("protobuf field runs past the body");
        at += skip;
        fields.push_back(field);
    }
    return fields;
}

ProtobufMessage ProtobufMessage::parse(const std::string& data) {
    ProtobufMessage message;
    for (const ProtobufField& field : fields(data)) {
        if (field.wireType == 0) message.m_varints[field.number] = field.varint;
        if (field.wireType == 2) message.m_bytes.emplace(field.number, std::string(field.bytes));
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
