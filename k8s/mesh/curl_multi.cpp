#include "mesh/curl_multi.hpp"

#include <mutex>
#include <new>
#include <stdexcept>

namespace meshlings::mesh {

void ensureCurlGlobal() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("libcurl could not be initialised");
    });
}

CurlEasy makeEasy() {
    ensureCurlGlobal();
    CurlEasy handle(curl_easy_init());
    if (!handle) throw std::runtime_error("libcurl could not create an easy handle");
    return handle;
}

CurlSlist makeSlist(const std::vector<std::string>& lines) {
    CurlSlist list;
    for (const auto& line : lines) {
        curl_slist* next = curl_slist_append(list.get(), line.c_str());
        if (next == nullptr) throw std::bad_alloc();
        (void)list.release();  // curl_slist_append returns the same head (or the new one when it was empty)
        list.reset(next);
    }
    return list;
}

CurlMulti::CurlMulti() {
    ensureCurlGlobal();
    m_handle = curl_multi_init();
    if (m_handle == nullptr) throw std::runtime_error("libcurl could not create a multi handle");
}

CurlMulti::~CurlMulti() {
    if (m_handle != nullptr) curl_multi_cleanup(m_handle);
}

CurlMulti& CurlMulti::operator=(CurlMulti&& other) noexcept {
    if (this != &other) {
        if (m_handle != nullptr) curl_multi_cleanup(m_handle);
        m_handle = other.m_handle;
        other.m_handle = nullptr;
    }
    return *this;
}

void CurlMulti::wakeup() const {
    if (m_handle != nullptr) curl_multi_wakeup(m_handle);
}

}  // namespace meshlings::mesh
