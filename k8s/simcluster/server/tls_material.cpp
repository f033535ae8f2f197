#include "simcluster/server/tls_material.hpp"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace meshlings::sim {

namespace {

constexpr long kHour = 3600;
constexpr long kYear = 365 * 24 * kHour;

[[noreturn]] void fail(const std::string& step) {
    const unsigned long code = ERR_get_error();
    std::string detail = "unknown error";
    if (code != 0) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        detail = text;
    }
    ERR_clear_error();
    throw std::runtime_error("TLS material: " + step + ": " + detail);
}

EvpPkeyPtr newKey() {
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) fail("generating an EC P-256 key");
    return key;
}

std::string toPem(X509* certificate) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) fail("writing a certificate as PEM");
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(length)};
}

std::string toPem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        fail("writing a private key as PEM");
    }
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(length)};
}

void setRandomSerial(X509& certificate) {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) fail("drawing a serial number");
    bytes[0] &= 0x7F;  // positive
    bytes[0] |= 0x40;  // and of full length
    BignumPtr number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!number || BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(&certificate)) == nullptr) {
        fail("setting a serial number");
    }
}

struct Request {
    std::vector<std::pair<const char*, std::string>> subject;  // ("CN", "meshlings-ca"), ("O", ...)
    std::vector<std::pair<int, std::string>> extensions;       // in order: SKID before AKID
};

// Signs a certificate for `key` with `issuerKey`; a null `issuer` makes it self-signed.
X509Ptr sign(const Request& request, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuerKey) {
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1) fail("creating a certificate");
    setRandomSerial(*certificate);
    if (X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -kHour) == nullptr ||
        X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kYear) == nullptr) {
        fail("setting the validity");
    }
    X509_NAME* name = X509_get_subject_name(certificate.get());
    for (const auto& [field, value] : request.subject) {
        if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) != 1) {
            fail(std::string("setting the subject's ") + field);
        }
    }
    if (X509_set_issuer_name(certificate.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name) != 1 ||
        X509_set_pubkey(certificate.get(), key) != 1) {
        fail("setting issuer and public key");
    }
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer != nullptr ? issuer : certificate.get(), certificate.get(), nullptr, nullptr, 0);
    for (const auto& [nid, value] : request.extensions) {
        X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
        if (!extension || X509_add_ext(certificate.get(), extension.get(), -1) != 1) {
            fail(std::string("adding the extension ") + OBJ_nid2sn(nid) + " = " + value);
        }
    }
    if (X509_sign(certificate.get(), issuerKey, EVP_sha256()) <= 0) fail("signing a certificate");
    return certificate;
}

std::string subjectAltNames(std::string host) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    std::string names = "IP:127.0.0.1,IP:::1,DNS:localhost";
    if (host.empty() || host == "127.0.0.1" || host == "::1" || host == "localhost") return names;
    unsigned char address[16];
    const bool ip = inet_pton(AF_INET, host.c_str(), address) == 1 || inet_pton(AF_INET6, host.c_str(), address) == 1;
    if (!ip && host.find_first_of(",:= \t") != std::string::npos) return names;  // not a name a certificate can hold
    return names + (ip ? ",IP:" : ",DNS:") + host;
}

}  // namespace

TlsMaterial::TlsMaterial(const std::string& listenHost) {
    m_caKey = newKey();
    const Request ca{{{"CN", "meshlings-ca"}},
                     {{NID_basic_constraints, "critical,CA:TRUE"},
                      {NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"},
                      {NID_subject_key_identifier, "hash"}}};
    m_caCert = sign(ca, m_caKey.get(), nullptr, m_caKey.get());
    m_caPem = toPem(m_caCert.get());

    const EvpPkeyPtr serverKey = newKey();
    const Request server{{{"CN", "meshlings-apiserver"}},
                         {{NID_basic_constraints, "critical,CA:FALSE"},
                          {NID_key_usage, "critical,digitalSignature"},
                          {NID_ext_key_usage, "serverAuth"},
                          {NID_subject_key_identifier, "hash"},
                          {NID_authority_key_identifier, "keyid:always"},
                          {NID_subject_alt_name, subjectAltNames(listenHost)}}};
    const X509Ptr serverCert = sign(server, serverKey.get(), m_caCert.get(), m_caKey.get());
    m_server = {toPem(serverCert.get()), toPem(serverKey.get())};
}

PemPair TlsMaterial::issueClient(const std::string& user, const std::string& group) const {
    const EvpPkeyPtr key = newKey();
    Request client{{{"CN", user}},
                   {{NID_basic_constraints, "critical,CA:FALSE"},
                    {NID_key_usage, "critical,digitalSignature"},
                    {NID_ext_key_usage, "clientAuth"},
                    {NID_subject_key_identifier, "hash"},
                    {NID_authority_key_identifier, "keyid:always"}}};
    if (!group.empty()) client.subject.emplace_back("O", group);
    const X509Ptr certificate = sign(client, key.get(), m_caCert.get(), m_caKey.get());
    return {toPem(certificate.get()), toPem(key.get())};
}

bool TlsMaterial::configureServer(SSL_CTX& context, bool verifyClients) const {
    try {
        const X509Ptr certificate = parseCertificate(m_server.certificate);
        const EvpPkeyPtr key = parsePrivateKey(m_server.privateKey);
        if (SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION) != 1 ||
            SSL_CTX_use_certificate(&context, certificate.get()) != 1 ||
            SSL_CTX_use_PrivateKey(&context, key.get()) != 1 || SSL_CTX_check_private_key(&context) != 1) {
            return false;
        }
        SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
        // Resumed sessions (libcurl resumes by default) need an id context once peers are verified.
        static const unsigned char kSessionContext[] = "meshlings-api";
        if (SSL_CTX_set_session_id_context(&context, kSessionContext, sizeof kSessionContext - 1) != 1) return false;
        if (verifyClients) {
            if (X509_STORE_add_cert(SSL_CTX_get_cert_store(&context), m_caCert.get()) != 1 ||
                SSL_CTX_add_client_CA(&context, m_caCert.get()) != 1) {
                return false;
            }
            SSL_CTX_set_verify(&context, SSL_VERIFY_PEER,
                               [](int /*preverified*/, X509_STORE_CTX* /*store*/) { return 1; });
        }
        return true;
    } catch (const std::runtime_error&) {
        return false;
    }
}

X509Ptr TlsMaterial::parseCertificate(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509Ptr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!certificate) fail("reading a PEM certificate");
    return certificate;
}

EvpPkeyPtr TlsMaterial::parsePrivateKey(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) fail("reading a PEM private key");
    return key;
}

}  // namespace meshlings::sim
