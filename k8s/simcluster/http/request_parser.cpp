#include "simcluster/http/request_parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace meshlings::sim::http {

namespace {

constexpr std::size_t kMaxMethod = 32;

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool isToken(std::string_view text) {
    static constexpr std::string_view kSeparators = "()<>@,;:\\\"/[]?={} \t";
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte > 32 && byte < 127 && kSeparators.find(c) == std::string_view::npos;
    });
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool lowerContains(std::string value, std::string_view token) {
    std::transform(value.begin(), value.end(), value.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return value.find(token) != std::string::npos;
}

}  // namespace

std::optional<std::string> RequestParser::decode(std::string_view text, bool plusIsSpace) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += plusIsSpace && c == '+' ? ' ' : c;
        }
    }
    return out;
}

RequestParser::State RequestParser::fail(int status, std::string message) {
    m_errorStatus = status;
    m_error = std::move(message);
    return State::Failed;
}

bool RequestParser::parseTarget(const std::string& target) {
    std::string_view rest = target;
    // absolute-form ("http://host:port/path"), which proxies send
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos && rest.front() != '/') {
        const auto slash = rest.find('/', scheme + 3);
        rest = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    }
    if (rest.empty() || rest.front() != '/') return false;
    const auto question = rest.find('?');
    auto path = decode(rest.substr(0, question), false);
    if (!path) return false;
    m_head->path = std::move(*path);
    if (question == std::string_view::npos) return true;
    std::string_view query = rest.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto equals = pair.find('=');
        auto key = decode(pair.substr(0, equals), true);
        auto value = decode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
        if (!key || !value) return false;
        m_head->params.emplace(std::move(*key), std::move(*value));
    }
    return true;
}

RequestParser::State RequestParser::parseHead(std::string_view head) {
    m_head.emplace();
    const auto lineEnd = head.find("\r\n");
    const std::string_view line = head.substr(0, lineEnd);
    const auto first = line.find(' ');
    const auto last = line.rfind(' ');
    if (first == std::string_view::npos || first == last) return fail(400, "malformed request line");
    m_head->method = std::string(line.substr(0, first));
    m_head->target = std::string(line.substr(first + 1, last - first - 1));
    m_head->version = std::string(line.substr(last + 1));
    if (!isToken(m_head->method)) return fail(400, "malformed method");
    if (m_head->version != "HTTP/1.1" && m_head->version != "HTTP/1.0") {
        return m_head->version.rfind("HTTP/", 0) == 0 ? fail(505, "HTTP version not supported")
                                                      : fail(400, "malformed request line");
    }
    if (!parseTarget(m_head->target)) return fail(400, "malformed request target");
    std::size_t at = lineEnd == std::string_view::npos ? head.size() : lineEnd + 2;
    while (at < head.size()) {
        const auto end = std::min(head.find("\r\n", at), head.size());
        const std::string_view field = head.substr(at, end - at);
        at = end + 2;
        const auto colon = field.find(':');
        if (colon == std::string_view::npos || !isToken(field.substr(0, colon))) {
            return fail(400, "malformed header line");
        }
        m_head->headers.emplace(std::string(field.substr(0, colon)), std::string(trimmed(field.substr(colon + 1))));
    }
    if (m_head->hasHeader("Transfer-Encoding")) {
        if (!lowerContains(m_head->header("Transfer-Encoding"), "chunked")) {
            return fail(501, "transfer coding not supported");
        }
        m_chunked = true;
    } else if (m_head->hasHeader("Content-Length")) {
        const auto range = m_head->headers.equal_range("Content-Length");
        std::string value;
        for (auto it = range.first; it != range.second; ++it) {
            if (!value.empty() && it->second != value) return fail(400, "conflicting Content-Length headers");
            value = it->second;
        }
        const auto* begin = value.data();
        const auto [end, error] = std::from_chars(begin, begin + value.size(), m_contentLength);
        if (error != std::errc() || end != begin + value.size() || value.empty()) {
            return fail(400, "malformed Content-Length");
        }
        if (m_contentLength > m_limits.maxBody) {
            return fail(413, "Request entity too large: limit is " + std::to_string(m_limits.maxBody));
        }
    }
    m_expectContinue = lowerContains(m_head->header("Expect"), "100-continue");
    return State::NeedMore;
}

RequestParser::State RequestParser::parseChunked(std::string_view rest) {
    std::string body;
    std::size_t at = 0;
    while (true) {
        const auto lineEnd = rest.find("\r\n", at);
        if (lineEnd == std::string_view::npos) {
            return rest.size() - at > 1024 ? fail(400, "malformed chunk size") : State::NeedMore;
        }
        std::string_view sizeText = rest.substr(at, lineEnd - at);
        sizeText = sizeText.substr(0, sizeText.find(';'));  // chunk extensions
        std::size_t size = 0;
        const auto [end, error] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size, 16);
        if (error != std::errc() || end != sizeText.data() + sizeText.size() || sizeText.empty()) {
            return fail(400, "malformed chunk size");
        }
        if (size > m_limits.maxBody || body.size() + size > m_limits.maxBody) {
            return fail(413, "Request entity too large: limit is " + std::to_string(m_limits.maxBody));
        }
        at = lineEnd + 2;
        if (size == 0) {
            // trailers, up to the empty line
            while (true) {
                const auto trailerEnd = rest.find("\r\n", at);
                if (trailerEnd == std::string_view::npos) return State::NeedMore;
                const bool empty = trailerEnd == at;
                at = trailerEnd + 2;
                if (empty) break;
            }
            m_head->body = std::move(body);
            m_consumed = m_headSize + at;
            return State::Complete;
        }
        if (rest.size() < at + size + 2) return State::NeedMore;
        if (rest.substr(at + size, 2) != "\r\n") return fail(400, "malformed chunk");
        body.append(rest.substr(at, size));
        at += size + 2;
    }
}

RequestParser::State RequestParser::parseBody(std::string_view rest) {
    if (m_chunked) return parseChunked(rest);
    if (rest.size() < m_contentLength) return State::NeedMore;
    m_head->body = std::string(rest.substr(0, m_contentLength));
    m_consumed = m_headSize + m_contentLength;
    return State::Complete;
}

RequestParser::State RequestParser::parse(std::string_view buffer) {
    if (!m_head) {
        // Blank lines before a request are allowed (RFC 9112 §2.2).
        std::size_t skip = 0;
        while (buffer.substr(skip, 2) == "\r\n") skip += 2;
        // The method is known bad as soon as it arrives: a TLS ClientHello
        // (0x16) sent to the plain port gets its 400 at once, as cpp-httplib
        // and Go answer it, so the client learns the port does not speak TLS.
        const std::string_view method = buffer.substr(skip, std::min(buffer.find(' ', skip), buffer.size()) - skip);
        if (!method.empty() && (method.size() > kMaxMethod || !isToken(method))) {
            return fail(400, "malformed request line");
        }
        const auto end = buffer.find("\r\n\r\n", skip);
        if (end == std::string_view::npos) {
            return buffer.size() > m_limits.maxHead ? fail(431, "Request Header Fields Too Large") : State::NeedMore;
        }
        if (end - skip > m_limits.maxHead) return fail(431, "Request Header Fields Too Large");
        m_headSize = end + 4;
        if (parseHead(buffer.substr(skip, end - skip)) == State::Failed) return State::Failed;
    }
    return parseBody(buffer.substr(m_headSize));
}

Request RequestParser::take() {
    Request request = std::move(*m_head);
    *this = RequestParser(m_limits);
    return request;
}

}  // namespace meshlings::sim::http
