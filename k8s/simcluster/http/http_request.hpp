#pragma once
// One HTTP request as the built-in cluster's server hands it to a handler:
// the method, the path (percent-decoded) and query parameters, headers with
// case-insensitive names, the whole body, and for HTTPS the client's
// certificate as the TLS handshake verified it.
#include <map>
#include <string>

struct x509_st;

namespace meshlings::sim::http {

struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

struct Request {
    std::string method;
    std::string target;   // as sent: path and query
    std::string path;     // percent-decoded
    std::string version;  // "HTTP/1.1" or "HTTP/1.0"
    Headers headers;
    Params params;  // the query, decoded ('+' is a space)
    std::string body;
    std::string remoteAddress;
    // HTTPS only: the certificate the client presented (owned by the
    // connection, which outlives the handler) and OpenSSL's verdict on it.
    const x509_st* peerCertificate = nullptr;
    long peerVerifyResult = 0;

    bool hasHeader(const std::string& name) const { return headers.count(name) > 0; }
    std::string header(const std::string& name) const;  // the first value, or ""
    bool hasParam(const std::string& name) const { return params.count(name) > 0; }
    std::string param(const std::string& name) const;  // the first value, or ""
    // Whether the connection stays open after the answer (HTTP/1.1 unless
    // "Connection: close"; HTTP/1.0 only with "Connection: keep-alive").
    bool keepAlive() const;
};

}  // namespace meshlings::sim::http
