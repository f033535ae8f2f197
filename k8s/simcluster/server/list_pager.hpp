#pragma once
// `limit` and `continue` of a list request (`kubectl get --chunk-size`,
// client-go's pager): one page of the matching objects and the continue token
// for the next, in the apiserver's format (base64url of
// {"v":"meta.k8s.io/v1","rv":N,"start":"<name>\u0000"}, namespace/name
// across namespaces). A token
// whose resourceVersion the store has compacted is 410 Expired.
#include <cstdint>
#include <string>
#include <vector>

#include "simcluster/watch_channel.hpp"

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class ListPager {
public:
    // Keeps in `objects` (the matches in the store's namespace/name order) those of this page and returns
    // the token for the next one ("" for the last page). When continuing, `version` becomes the token's
    // resourceVersion, as every page of a real list reports the first page's. Throws ApiError 400 for a
    // malformed limit or token and 410 when the token's version is older than `compactedVersion`.
    // `ns` is the request's namespace ("" across namespaces or for cluster-scoped kinds).
    static std::string page(const http::Request& request, const std::string& ns, std::vector<ObjectPtr>& objects,
                            std::uint64_t& version, std::uint64_t compactedVersion);

    static std::string encodeToken(std::uint64_t version, const std::string& startKey);
};

}  // namespace meshlings::sim
