#include "simcluster/http/http_response.hpp"

namespace meshlings::sim::http {

void Response::setHeader(const std::string& name, const std::string& value) {
    headers.erase(name);
    headers.emplace(name, value);
}

void Response::setContent(std::string content, const std::string& type) {
    body = std::move(content);
    setHeader("Content-Type", type);
}

void Response::streamChunked(const std::string& type, Provider provider, Finished finished) {
    setHeader("Content-Type", type);
    m_provider = std::move(provider);
    m_finished = std::move(finished);
}

}  // namespace meshlings::sim::http
