#pragma once
// RAII for libcurl's C handles: an easy handle, a header list, and the
// once-per-process global initialisation (done before the first handle).
#include <curl/curl.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace meshlings::k8s {

struct CurlEasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

// A new easy handle; libcurl's global state is set up the first time.
CurlEasy makeCurlEasy();

class CurlHeaders {
public:
    CurlHeaders() = default;
    ~CurlHeaders() { curl_slist_free_all(m_list); }
    CurlHeaders(const CurlHeaders&) = delete;
    CurlHeaders& operator=(const CurlHeaders&) = delete;

    void add(const std::string& line) {
        curl_slist* next = curl_slist_append(m_list, line.c_str());
        if (!next) throw std::bad_alloc();
        m_list = next;
    }
    curl_slist* get() const { return m_list; }

private:
    curl_slist* m_list = nullptr;
};

}  // namespace meshlings::k8s
