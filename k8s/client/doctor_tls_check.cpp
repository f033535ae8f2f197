#include "client/doctor_tls_check.hpp"

#include <sstream>

#include "client/curl_handle.hpp"
#include "client/http_transport.hpp"

namespace meshlings::k8s {

namespace {

struct Certificate {
    std::string subject;
    std::string issuer;
    std::string expires;
};

struct Handshake {
    CURLcode code = CURLE_OK;
    std::string error;
    std::optional<Certificate> certificate;
};

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

// libcurl prints names as "CN = x, O = y" or "CN=x, O=y"; show "CN=x, O=y".
std::string compactName(const std::string& name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name.compare(i, 3, " = ") == 0) {
            out += '=';
            i += 2;
        } else {
            out += name[i];
        }
    }
    return trimmed(out);
}

// OpenSSL's "Nov 26 02:11:59 2027 GMT" as "Nov 26 2027"; other shapes unchanged.
std::string dateOnly(const std::string& text) {
    std::istringstream words(text);
    std::string month, day, time, year, zone;
    if (!(words >> month >> day >> time >> year >> zone) || time.find(':') == std::string::npos) return text;
    return month + " " + day + " " + year;
}

std::optional<Certificate> leafCertificate(CURL* handle) {
    curl_certinfo* info = nullptr;
    if (curl_easy_getinfo(handle, CURLINFO_CERTINFO, &info) != CURLE_OK || !info || info->num_of_certs < 1)
        return std::nullopt;
    Certificate certificate;
    for (const curl_slist* field = info->certinfo[0]; field; field = field->next) {
        const std::string line = field->data;
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        const std::string key = line.substr(0, colon);
        const std::string value = line.substr(colon + 1);
        if (key == "Subject")
            certificate.subject = compactName(value);
        else if (key == "Issuer")
            certificate.issuer = compactName(value);
        else if (key == "Expire date")
            certificate.expires = dateOnly(trimmed(value));
    }
    return certificate;
}

Handshake shakeHands(const DoctorState& state, bool verify) {
    RestConfig config = *state.config;
    if (!verify) {
        config.insecure = true;
        config.caPem.clear();
    }
    AuthMaterial auth;  // a client certificate may be part of the handshake; no token is sent
    auth.clientCertPem = config.clientCertPem;
    auth.clientKeyPem = config.clientKeyPem;
    const CurlEasy handle = makeCurlEasy();
    CurlHeaders connectTo;
    std::string url;
    HttpTransport::applyConnection(handle.get(), config, auth, connectTo, url);
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(handle.get(), CURLOPT_URL, (url + "/").c_str());
    curl_easy_setopt(handle.get(), CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt(handle.get(), CURLOPT_CERTINFO, 1L);
    curl_easy_setopt(handle.get(), CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(handle.get(), CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(state.options.networkTimeout.count()) * 2);
    Handshake result;
    result.code = curl_easy_perform(handle.get());
    result.error = errorText[0] ? trimmed(errorText) : curl_easy_strerror(result.code);
    result.certificate = leafCertificate(handle.get());
    return result;
}

std::string describe(const std::optional<Certificate>& certificate, bool withExpiry = true) {
    if (!certificate) return "the server certificate (libcurl could not describe it)";
    std::string text =
        "server certificate " + (certificate->subject.empty() ? std::string("(no subject)") : certificate->subject);
    if (!certificate->issuer.empty()) text += " issued by " + certificate->issuer;
    if (withExpiry && !certificate->expires.empty()) text += ", expires " + certificate->expires;
    return text;
}

std::string trustSource(const RestConfig& config) {
    if (config.caPem.empty()) return "the system's trusted CAs";
    if (config.caFile.find("certificate-authority-data") != std::string::npos)
        return "the CA in certificate-authority-data";
    return "the CA in " + config.caFile;
}

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

StepResult failure(const DoctorState& state, const Handshake& verified) {
    const RestConfig& config = *state.config;
    const std::string& error = verified.error;
    const std::string where = "cluster \"" + config.clusterName + "\" in " + config.source;
    if (verified.code == CURLE_PEER_FAILED_VERIFICATION) {
        const Handshake unverified = shakeHands(state, false);
        const bool dates = contains(error, "expired") || contains(error, "not yet valid");
        const std::string detail = describe(unverified.certificate, dates) + " is not trusted: " + error;
        if (contains(error, "subject name") || contains(error, "does not match") || contains(error, "alternative")) {
            const std::string name =
                config.tlsServerName.empty() ? state.server->host : config.tlsServerName + " (tls-server-name)";
            return {DoctorStep::TlsHandshake, Verdict::Fail, detail,
                    "the certificate is not issued for " + name +
                        ": use a name it lists, in the server URL or as tls-server-name in " + where};
        }
        if (dates) {
            return {DoctorStep::TlsHandshake, Verdict::Fail, detail,
                    "the server's certificate is out of date (or this machine's clock is wrong)"};
        }
        std::string hint = config.caPem.empty()
                               ? "set certificate-authority-data (base64 PEM) or certificate-authority in " + where +
                                     " to the cluster's CA"
                               : trustSource(config) + " of " + where +
                                     " did not sign the server's certificate: copy the cluster's current CA into it";
        hint += " (the built-in cluster makes a new CA at each start: use the kubeconfig it wrote this time)";
        return {DoctorStep::TlsHandshake, Verdict::Fail, detail, hint};
    }
    if (verified.code == CURLE_SSL_CACERT_BADFILE) {
        return {DoctorStep::TlsHandshake, Verdict::Fail, trustSource(config) + " cannot be used: " + error,
                "certificate-authority-data must be a base64-encoded PEM certificate (" + where + ")"};
    }
    if (verified.code == CURLE_SSL_CERTPROBLEM || contains(error, "certificate required") ||
        contains(error, "unknown ca") || contains(error, "bad certificate")) {
        return {DoctorStep::TlsHandshake, Verdict::Fail, "the client certificate was not accepted: " + error,
                "check client-certificate-data and client-key-data of user \"" + config.userName +
                    "\": a matching pair, signed by the cluster's CA"};
    }
    if (contains(error, "wrong version number") || contains(error, "packet length too long") ||
        contains(error, "record layer")) {
        return {DoctorStep::TlsHandshake, Verdict::Fail, "the server does not speak TLS at this port: " + error,
                "if it serves plain HTTP, write http:// in the server URL of " + where};
    }
    if (verified.code == CURLE_OPERATION_TIMEDOUT) {
        return {DoctorStep::TlsHandshake, Verdict::Fail, "no TLS answer in time: " + error,
                "the port accepts connections but does not answer TLS: is it the API server's port?"};
    }
    return {DoctorStep::TlsHandshake, Verdict::Fail, "the TLS handshake failed: " + error,
            "check the server URL, the CA and the client certificate of " + where};
}

}  // namespace

StepResult checkTlsHandshake(DoctorState& state) {
    const RestConfig& config = *state.config;
    if (state.server->scheme == "http") {
        const std::string& host = state.server->host;
        const bool loopback = host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
        return {DoctorStep::TlsHandshake, Verdict::Warn,
                std::string("plain HTTP: no TLS, nothing is encrypted") +
                    (loopback ? " (fine for the built-in cluster on loopback)" : ""),
                loopback ? "" : "use https:// for a cluster outside this machine"};
    }
    const Handshake verified = shakeHands(state, !config.insecure);
    if (verified.code != CURLE_OK) return failure(state, verified);
    if (config.insecure) {
        return {DoctorStep::TlsHandshake, Verdict::Warn,
                describe(verified.certificate) + ", NOT verified (insecure-skip-tls-verify)",
                "set certificate-authority-data to the cluster's CA and remove insecure-skip-tls-verify"};
    }
    std::string detail = describe(verified.certificate) + ", trusted through " + trustSource(config);
    if (!config.tlsServerName.empty()) detail += " (checked as " + config.tlsServerName + ")";
    return {DoctorStep::TlsHandshake, Verdict::Ok, detail, ""};
}

}  // namespace meshlings::k8s
