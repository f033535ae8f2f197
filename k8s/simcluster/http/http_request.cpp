#include "simcluster/http/http_request.hpp"

#include <algorithm>
#include <cctype>

namespace meshlings::sim::http {

namespace {

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool containsToken(const std::string& value, const std::string& token) {
    std::string lowered(value.size(), ' ');
    std::transform(value.begin(), value.end(), lowered.begin(), lower);
    return lowered.find(token) != std::string::npos;
}

}  // namespace

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
}

std::string Request::header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
}

std::string Request::param(const std::string& name) const {
    const auto found = params.find(name);
    return found == params.end() ? std::string() : found->second;
}

bool Request::keepAlive() const {
    const std::string connection = header("Connection");
    if (version == "HTTP/1.0") return containsToken(connection, "keep-alive");
    return !containsToken(connection, "close");
}

}  // namespace meshlings::sim::http
