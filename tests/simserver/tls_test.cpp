// The TLS material the built-in cluster makes at start: a CA that signs a
// server certificate good for the listen host and loopback, and client
// certificates that name a user and a group; an HTTPS API that clients
// trusting that CA reach, and clients trusting another CA do not.
#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include <ctime>

#include "server_fixture.hpp"
#include "simcluster/server/kubeconfig_writer.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

// Verifies `pem` against the CA for a purpose (X509_PURPOSE_SSL_SERVER / _CLIENT).
bool verifies(const std::string& caPem, const std::string& pem, int purpose) {
    const X509StorePtr store = ServerFixture::caStore(caPem);
    const X509Ptr certificate = TlsMaterial::parseCertificate(pem);
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(), X509_STORE_CTX_free);
    X509_STORE_CTX_init(context.get(), store.get(), certificate.get(), nullptr);
    X509_STORE_CTX_set_purpose(context.get(), purpose);
    return X509_verify_cert(context.get()) == 1;
}

std::string subjectField(const std::string& pem, int nid) {
    const X509Ptr certificate = TlsMaterial::parseCertificate(pem);
    char text[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(certificate.get()), nid, text, sizeof text);
    return text;
}

ServeOptions tlsOptions() {
    ServeOptions options = ServerFixture::defaults();
    options.tls = true;
    return options;
}

}  // namespace

TEST_CASE("the CA is a CA, and signs a server certificate for loopback and the listen host") {
    const TlsMaterial material("10.1.2.3");
    const X509Ptr ca = TlsMaterial::parseCertificate(material.caCertificate());
    CHECK(X509_check_ca(ca.get()) == 1);
    CHECK(subjectField(material.caCertificate(), NID_commonName) == "meshlings-ca");
    CHECK((X509_get_key_usage(ca.get()) & KU_KEY_CERT_SIGN) != 0);
    const int basic = X509_get_ext_by_NID(ca.get(), NID_basic_constraints, -1);
    REQUIRE(basic >= 0);
    CHECK(X509_EXTENSION_get_critical(X509_get_ext(ca.get(), basic)) == 1);

    const X509Ptr server = TlsMaterial::parseCertificate(material.server().certificate);
    CHECK(X509_check_ca(server.get()) == 0);
    CHECK(X509_check_ip_asc(server.get(), "127.0.0.1", 0) == 1);
    CHECK(X509_check_ip_asc(server.get(), "::1", 0) == 1);
    CHECK(X509_check_host(server.get(), "localhost", 0, 0, nullptr) == 1);
    CHECK(X509_check_ip_asc(server.get(), "10.1.2.3", 0) == 1);
    CHECK(X509_check_ip_asc(server.get(), "10.1.2.4", 0) == 0);
    CHECK((X509_get_extended_key_usage(server.get()) & XKU_SSL_SERVER) != 0);
    CHECK(verifies(material.caCertificate(), material.server().certificate, X509_PURPOSE_SSL_SERVER));
    CHECK_FALSE(verifies(material.caCertificate(), material.server().certificate, X509_PURPOSE_SSL_CLIENT));

    // Valid from about an hour ago for about a year.
    const std::time_t now = std::time(nullptr);
    std::time_t hourAgo = now - 3500;
    std::time_t inAYear = now + 364L * 24 * 3600;
    CHECK(X509_cmp_time(X509_get0_notBefore(server.get()), &hourAgo) < 0);
    CHECK(X509_cmp_time(X509_get0_notAfter(server.get()), &inAYear) > 0);

    const TlsMaterial named("meshlings.test");
    const X509Ptr byName = TlsMaterial::parseCertificate(named.server().certificate);
    CHECK(X509_check_host(byName.get(), "meshlings.test", 0, 0, nullptr) == 1);
}

TEST_CASE("client certificates name the user and group, for client authentication only") {
    const TlsMaterial material("127.0.0.1");
    const PemPair client = material.issueClient("alice", "ops:team");
    CHECK(subjectField(client.certificate, NID_commonName) == "alice");
    CHECK(subjectField(client.certificate, NID_organizationName) == "ops:team");
    CHECK(client.privateKey.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
    CHECK(verifies(material.caCertificate(), client.certificate, X509_PURPOSE_SSL_CLIENT));
    CHECK_FALSE(verifies(material.caCertificate(), client.certificate, X509_PURPOSE_SSL_SERVER));
    const TlsMaterial other("127.0.0.1");
    CHECK_FALSE(verifies(other.caCertificate(), client.certificate, X509_PURPOSE_SSL_CLIENT));
    CHECK(other.caCertificate() != material.caCertificate());
}

TEST_CASE("the API over HTTPS: the handshake works with the cluster's CA and fails with another") {
    ServerFixture fixture(tlsOptions());
    CHECK(fixture.server().apiUrl().rfind("https://127.0.0.1:", 0) == 0);
    CHECK(fixture.server().ingressUrl().rfind("http://", 0) == 0);
    CHECK(fixture.server().mode() == "https, auth none");

    const auto trusted = fixture.client()->Get("/api/v1/namespaces/default/pods");
    REQUIRE(trusted);
    CHECK(trusted->status == 200);
    CHECK(Json::parse(trusted->body)["items"].size() == 6);

    const TlsMaterial stranger("127.0.0.1");
    const auto untrusted = fixture.client("", {}, stranger.caCertificate())->Get("/version");
    CHECK_FALSE(untrusted);
    CHECK(untrusted.error() == httplib::Error::SSLServerVerification);

    // Plain HTTP to the HTTPS port gets no API answer.
    httplib::Client plain("http://127.0.0.1:" + std::to_string(fixture.server().options().apiPort));
    plain.set_read_timeout(5, 0);
    const auto cleartext = plain.Get("/version");
    CHECK((!cleartext || cleartext->status != 200));

    // The ingress stays plain HTTP.
    const auto page = fixture.ingress().Get("/productpage");
    REQUIRE(page);
    CHECK(page->status == 200);
}

TEST_CASE("the kubeconfig of an HTTPS server carries the CA, and one context without authentication") {
    // kubectl prompts for a user name over HTTPS unless the user has some credential: the admin gets a
    // certificate, which this server never asks for.
    ServerFixture fixture(tlsOptions());
    const std::string config = fixture.server().kubeconfig();
    CHECK(config.find("    server: " + fixture.server().apiUrl() + "\n") != std::string::npos);
    const std::string ca = KubeconfigWriter::base64(fixture.server().tls().caCertificate());
    CHECK(config.find("    certificate-authority-data: " + ca + "\n") != std::string::npos);
    CHECK(config.find("current-context: meshlings\n") != std::string::npos);
    CHECK(config.find("- name: meshlings-viewer") == std::string::npos);
    CHECK(config.find("  user: {}\n") == std::string::npos);
    CHECK(config.find("- name: meshlings-admin\n  user:\n    client-certificate-data: ") != std::string::npos);
    CHECK(config.find("token:") == std::string::npos);
}
