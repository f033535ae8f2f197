#pragma once
// One protobuf message split into its fields by number (varints and
// length-delimited bytes; fixed-width fields are skipped), enough to read the
// few Kubernetes protobuf bodies kubectl's typed clients send ("k8s\0" and a
// runtime.Unknown envelope).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace meshlings::sim {

// One field of a protobuf message on the wire.
struct ProtobufField {
    int number = 0;
    int wireType = 0;  // 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32
    std::uint64_t varint = 0;
    std::string_view bytes;  // length-delimited only; points into the parsed data
};

class ProtobufMessage {
public:
    // The fields of one message in wire order (the one wire reader of the
    // server); throws ApiError 400 on a malformed message.
    static std::vector<ProtobufField> fields(std::string_view data);
    // Throws ApiError 400 on a malformed message.
    static ProtobufMessage parse(const std::string& data);
    // The runtime.Unknown's raw bytes after the "k8s\0" magic; throws ApiError 400 without it.
    static ProtobufMessage unwrap(const std::string& body);

    bool has(int field) const { return m_bytes.count(field) != 0 || m_varints.count(field) != 0; }
    std::string text(int field) const;
    std::vector<std::string> texts(int field) const;  // a repeated string
    std::uint64_t varint(int field) const;
    ProtobufMessage message(int field) const { return parse(text(field)); }

private:
    std::multimap<int, std::string> m_bytes;
    std::map<int, std::uint64_t> m_varints;
};

}  // namespace meshlings::sim
