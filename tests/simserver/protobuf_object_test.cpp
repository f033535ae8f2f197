// ProtobufObject: the protobuf bodies of kubectl's typed clients (issue 19).
// Expected: kubectl create service / configmap bodies read into the JSON the
// apiserver would store (IntOrString, maps, zero values left out); a field the
// schema lacks, a cut body or a kind it cannot read is a 400, not a guess.
#include "simcluster/server/protobuf_object.hpp"

#include <doctest/doctest.h>

#include "simcluster/api_error.hpp"

using meshlings::sim::ApiError;
using meshlings::sim::ProtobufObject;
using Json = nlohmann::json;

namespace {

std::string bytesField(int number, const std::string& bytes) {
    return std::string(1, static_cast<char>((number << 3) | 2)) + static_cast<char>(bytes.size()) + bytes;
}
std::string varintField(int number, unsigned value) {
    std::string out(1, static_cast<char>(number << 3));
    for (; value >= 0x80; value >>= 7) out += static_cast<char>((value & 0x7F) | 0x80);
    return out + static_cast<char>(value);
}
std::string envelope(const std::string& apiVersion, const std::string& kind, const std::string& raw) {
    const std::string typeMeta = bytesField(1, apiVersion) + bytesField(2, kind);
    return std::string("k8s\0", 4) + bytesField(1, typeMeta) + bytesField(2, raw);
}

}  // namespace

TEST_CASE("a Service from kubectl create service clusterip: ports with an IntOrString, zero values left out") {
    const std::string meta = bytesField(1, "web") + bytesField(2, "") + bytesField(3, "") + varintField(7, 0) +
                             bytesField(11, bytesField(1, "app") + bytesField(2, "web"));
    const std::string port = bytesField(1, "80-9080") + bytesField(2, "TCP") + varintField(3, 80) +
                             bytesField(4, varintField(1, 0) + varintField(2, 9080)) + varintField(5, 0);
    const std::string spec = bytesField(1, port) + bytesField(2, bytesField(1, "app") + bytesField(2, "web")) +
                             bytesField(3, "") + bytesField(4, "ClusterIP");
    const Json service = ProtobufObject::decode(envelope("v1", "Service", bytesField(1, meta) + bytesField(2, spec)));
    CHECK(service ==
          Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"app":"web"}},
        "spec":{"ports":[{"name":"80-9080","protocol":"TCP","port":80,"targetPort":9080}],"selector":{"app":"web"},
        "type":"ClusterIP"}})"));
}

TEST_CASE("a ConfigMap's data and a named targetPort") {
    const std::string data = bytesField(2, bytesField(1, "mode") + bytesField(2, "chaos"));
    const Json map = ProtobufObject::decode(envelope("v1", "ConfigMap", bytesField(1, bytesField(1, "c")) + data));
    CHECK(map["data"] == Json{{"mode", "chaos"}});
    const std::string port = varintField(3, 80) + bytesField(4, varintField(1, 1) + bytesField(3, "http"));
    const Json service = ProtobufObject::decode(
        envelope("v1", "Service", bytesField(1, bytesField(1, "s")) + bytesField(2, bytesField(1, port))));
    CHECK(service["spec"]["ports"][0]["targetPort"] == "http");
}

TEST_CASE("what it cannot read is a 400") {
    auto status = [](const std::string& body) {
        try {
            ProtobufObject::decode(body);
        } catch (const ApiError& e) {
            return e.code();
        }
        return 0;
    };
    CHECK(status(envelope("v1", "ConfigMap", bytesField(1, bytesField(1, "c")) + bytesField(9, "x"))) == 400);
    CHECK(status(envelope("v1", "ConfigMap", bytesField(1, bytesField(1, "c"))).substr(0, 12)) == 400);
    CHECK(status(envelope("v1", "Secret", bytesField(1, bytesField(1, "c")))) == 400);
    CHECK(status("{\"kind\":\"ConfigMap\"}") == 400);
    CHECK(ProtobufObject::readable("Deployment"));
    CHECK_FALSE(ProtobufObject::readable("VirtualService"));
}
