#pragma once
// The LIST half of an informer: one resource's collection read in pages of
// `limit` items, following `continue` tokens as client-go's pager does (the
// first page from the resourceVersion asked for, the next ones from the
// token alone; an expired token restarts as one full list), and checked to
// be a list before anyone trusts it. Used by one informer thread.
#include <string>

#include "client/call_options.hpp"
#include "client/kube_client.hpp"

namespace meshlings::k8s {

struct ListResult {
    Json items = Json::array();
    std::string resourceVersion;  // the list's metadata.resourceVersion
    int pages = 0;
};

class ListPager {
public:
    // `client` must outlive the pager; `base` carries the selectors and the page size.
    ListPager(KubeClient& client, std::string collectionPath, ListOptions base);

    // All the items, from `resourceVersion` ("0": any cached state, "": the
    // latest). Throws StatusError, TransportError, or DecodeError for an
    // answer that is not a list.
    ListResult list(const std::string& resourceVersion);

    // Appends one page's items to `into` and returns its continue token;
    // throws DecodeError naming `what` when the page is not a list.
    static std::string readPage(const Json& page, ListResult& into, const std::string& what);

private:
    ListResult pages(ListOptions options);

    KubeClient& m_client;
    std::string m_path;
    ListOptions m_base;
};

}  // namespace meshlings::k8s
