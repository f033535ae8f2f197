#include "simcluster/server/list_pager.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_request.hpp"
#include "simcluster/json_access.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

constexpr const char* kPagerAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// base64.RawURLEncoding, as k8s.io/apiserver's storage encodes continue tokens.
std::string pagerEncode(const std::string& bytes) {
    std::string out;
    unsigned value = 0;
    int bits = 0;
    for (const unsigned char c : bytes) {
        value = (value << 8U) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kPagerAlphabet[(value >> static_cast<unsigned>(bits)) & 63U];
        }
    }
    if (bits > 0) out += kPagerAlphabet[(value << static_cast<unsigned>(6 - bits)) & 63U];
    return out;
}

// Accepts the URL and the standard alphabet, padded or not (the apiserver decodes RawURLEncoding).
bool pagerDecode(const std::string& text, std::string& out) {
    unsigned value = 0;
    int bits = 0;
    for (const char c : text) {
        if (c == '=') break;
        const char* at = std::char_traits<char>::find(kPagerAlphabet, 64, c == '+' ? '-' : c == '/' ? '_' : c);
        if (at == nullptr) return false;
        value = (value << 6U) | static_cast<unsigned>(at - kPagerAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((value >> static_cast<unsigned>(bits)) & 255U);
        }
    }
    return true;
}

std::pair<std::string, std::string> pagerKey(const ObjectPtr& object) {
    const auto& meta = (*object)["metadata"];
    return {json_access::text(meta, "namespace"), json_access::text(meta, "name")};
}

}  // namespace

std::string ListPager::encodeToken(std::uint64_t version, const std::string& startKey) {
    // In Go's field order (continueToken{APIVersion, ResourceVersion, StartKey}).
    return pagerEncode(nlohmann::ordered_json{{"v", "meta.k8s.io/v1"}, {"rv", version}, {"start", startKey}}.dump());
}

std::string ListPager::page(const http::Request& request, const std::string& ns, std::vector<ObjectPtr>& objects,
                            std::uint64_t& version, std::uint64_t compactedVersion) {
    std::int64_t limit = 0;
    if (const std::string text = request.param("limit"); !text.empty()) {
        try {
            limit = std::stoll(text);
        } catch (const std::exception&) {
            throw ApiError::badRequest("invalid limit: \"" + text + "\"");
        }
    }
    if (const std::string token = request.param("continue"); !token.empty()) {
        // k8s.io/apiserver pkg/storage/continue.go DecodeContinue and its errors.
        std::string decoded;
        Json parsed;
        if (!pagerDecode(token, decoded) || !(parsed = Json::parse(decoded, nullptr, false)).is_object()) {
            throw ApiError::badRequest("continue key is not valid: illegal base64 data or not a continue token");
        }
        if (parsed.value("v", "") != "meta.k8s.io/v1") {
            throw ApiError::badRequest("continue key is not valid: server does not recognize this encoded version");
        }
        const Json rv = parsed.value("rv", Json());
        if (!rv.is_number_unsigned() || rv.get<std::uint64_t>() == 0) {
            throw ApiError::badRequest(
                "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
        std::string start = parsed.value("start", "");
        if (start.empty() || start.find("..") != std::string::npos || start.front() == '/') {
            throw ApiError::badRequest("continue key is not valid: incorrect encoded start key");
        }
        if (rv.get<std::uint64_t>() < compactedVersion) {
            // k8s.io/apiserver pkg/storage/etcd3/store.go: a compacted revision on a continued list.
            throw ApiError::gone(
                "The provided continue parameter is too old to display a consistent list result. You can start a "
                "new list without the continue parameter, or use the continue token in this response to retrieve "
                "the remainder of the results. Continuing with the provided token results in an inconsistent list - "
                "objects that were created, modified, or deleted between the time the first chunk was returned and "
                "now may show up in the list.");
        }
        if (!start.empty() && start.back() == '\0') start.pop_back();
        // The key is relative to the list's prefix: the name in one namespace, namespace/name across them.
        const auto slash = start.find('/');
        std::pair<std::string, std::string> after{ns, start};
        if (ns.empty() && slash != std::string::npos) after = {start.substr(0, slash), start.substr(slash + 1)};
        std::erase_if(objects, [&](const ObjectPtr& object) { return pagerKey(object) <= after; });
        version = rv.get<std::uint64_t>();
    }
    if (limit <= 0 || objects.size() <= static_cast<std::size_t>(limit)) return "";
    objects.resize(static_cast<std::size_t>(limit));
    const auto [lastNs, lastName] = pagerKey(objects.back());
    return encodeToken(version, (ns.empty() && !lastNs.empty() ? lastNs + "/" : "") + lastName + std::string(1, '\0'));
}

}  // namespace meshlings::sim
