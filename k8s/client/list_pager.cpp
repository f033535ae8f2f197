#include "client/list_pager.hpp"

#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace ja = json_access;

namespace {

constexpr int kMaxPages = 100'000;  // a server that never stops handing out tokens

}  // namespace

ListPager::ListPager(KubeClient& client, std::string collectionPath, ListOptions base)
    : m_client(client), m_path(std::move(collectionPath)), m_base(std::move(base)) {}

std::string ListPager::readPage(const Json& page, ListResult& into, const std::string& what) {
    if (!page.is_object()) throw DecodeError(what + ": the answer is not a JSON object");
    if (!page.contains("items")) throw DecodeError(what + ": the answer is not a list (no items)");
    const Json& items = ja::field(page, "items");
    if (!items.is_array() && !items.is_null()) throw DecodeError(what + ": the answer's items are not an array");
    for (const auto& item : ja::array(page, "items")) into.items.push_back(item);
    const Json& meta = ja::object(page, "metadata");
    into.resourceVersion = ja::text(meta, "resourceVersion", into.resourceVersion);
    ++into.pages;
    return ja::text(meta, "continue");
}

ListResult ListPager::pages(ListOptions options) {
    ListResult result;
    const std::string what = "list " + m_path;
    do {
        if (result.pages >= kMaxPages) throw DecodeError(what + ": more than " + std::to_string(kMaxPages) + " pages");
        Json page;
        try {
            page = m_client.list(m_path + options.toQuery());
        } catch (const StatusError& e) {
            // A continue token that expired mid-way: read the latest state whole, as
            // client-go's pager does. A 410 on the first page is the caller's to handle.
            if (!e.expired() || options.continueToken.empty()) throw;
            ListOptions whole = m_base;
            whole.limit = 0;
            whole.resourceVersion.clear();
            whole.continueToken.clear();
            ListResult full;
            readPage(m_client.list(m_path + whole.toQuery()), full, what);
            return full;
        }
        const std::string token = readPage(page, result, what);
        if (!token.empty() && token == options.continueToken) {
            throw DecodeError(what + ": the server repeated its continue token");
        }
        options.continueToken = token;
        options.resourceVersion.clear();  // a continue token carries its own
    } while (!options.continueToken.empty());
    return result;
}

ListResult ListPager::list(const std::string& resourceVersion) {
    ListOptions options = m_base;
    options.resourceVersion = resourceVersion;
    options.continueToken.clear();
    return pages(std::move(options));
}

}  // namespace meshlings::k8s
