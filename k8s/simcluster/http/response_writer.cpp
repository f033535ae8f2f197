#include "simcluster/http/response_writer.hpp"

#include <cstdio>

namespace meshlings::sim::http {

namespace {

bool framingHeader(const std::string& name) {
    static const CaseInsensitiveLess less;
    const auto same = [&](const char* other) { return !less(name, other) && !less(other, name); };
    return same("Content-Length") || same("Transfer-Encoding") || same("Connection");
}

std::string statusAndHeaders(const Response& response) {
    std::string out =
        "HTTP/1.1 " + std::to_string(response.status) + " " + ResponseWriter::reason(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers) {
        if (!framingHeader(name)) out += name + ": " + value + "\r\n";
    }
    return out;
}

std::string connectionHeader(const Request& request, bool keepAlive) {
    if (!keepAlive) return "Connection: close\r\n";
    return request.version == "HTTP/1.0" ? "Connection: keep-alive\r\n" : "";
}

bool bodyless(int status) {
    return status == 204 || status == 304 || (status >= 100 && status < 200);
}

}  // namespace

std::string ResponseWriter::whole(const Response& response, const Request& request, bool keepAlive) {
    std::string out = statusAndHeaders(response);
    if (!bodyless(response.status)) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    out += connectionHeader(request, keepAlive);
    out += "\r\n";
    if (request.method != "HEAD" && !bodyless(response.status)) out += response.body;
    return out;
}

std::string ResponseWriter::streamHead(const Response& response, const Request& request, bool keepAlive) {
    std::string out = statusAndHeaders(response);
    if (request.version == "HTTP/1.0") return out + connectionHeader(request, false) + "\r\n";
    return out + "Transfer-Encoding: chunked\r\n" + connectionHeader(request, keepAlive) + "\r\n";
}

std::string ResponseWriter::chunk(std::string_view data) {
    char size[24];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    std::string out = size;
    out.append(data);
    out += "\r\n";
    return out;
}

const char* ResponseWriter::reason(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 406:
            return "Not Acceptable";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 413:
            return "Request Entity Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Status";
    }
}

}  // namespace meshlings::sim::http
