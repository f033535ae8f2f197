#include "client/curl_handle.hpp"

#include <mutex>

namespace meshlings::k8s {

CurlEasy makeCurlEasy() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("libcurl could not be initialised");
    });
    CurlEasy handle(curl_easy_init());
    if (!handle) throw std::runtime_error("libcurl could not create a handle");
    return handle;
}

}  // namespace meshlings::k8s
