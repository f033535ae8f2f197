#pragma once
// RAII for the libcurl handles the probe uses: a multi handle (CurlMulti,
// move-only, the connection cache lives in it so requests reuse
// connections), easy handles and header lists as unique_ptrs, and libcurl's
// once-per-process global set-up done before the first handle. Owned by the
// ProbeWorker; only wakeup() may be called from another thread.
#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

namespace meshlings::mesh {

struct CurlEasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlSlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// libcurl's global state, set up once; throws std::runtime_error when it cannot be.
void ensureCurlGlobal();
// A new easy handle; throws std::runtime_error when libcurl cannot make one.
CurlEasy makeEasy();
// A header list of `lines` ("Name: value"); null for none.
CurlSlist makeSlist(const std::vector<std::string>& lines);

class CurlMulti {
public:
    CurlMulti();  // throws std::runtime_error when libcurl cannot make the handle
    ~CurlMulti();
    CurlMulti(CurlMulti&& other) noexcept : m_handle(other.m_handle) { other.m_handle = nullptr; }
    CurlMulti& operator=(CurlMulti&& other) noexcept;
    CurlMulti(const CurlMulti&) = delete;
    CurlMulti& operator=(const CurlMulti&) = delete;

    CURLM* get() const { return m_handle; }
    // Makes a curl_multi_poll in progress (or the next one) return at once. Any thread.
    void wakeup() const;

private:
    CURLM* m_handle = nullptr;
};

}  // namespace meshlings::mesh
