// The built-in cluster's HTTP request parser: framing (Content-Length,
// chunked, pipelined requests), decoding, and the limits and malformed input
// that must end in an answer rather than a wait.
#include "simcluster/http/request_parser.hpp"

#include <doctest/doctest.h>

#include <string>

namespace h = meshlings::sim::http;

namespace {

// Feeds `bytes` one at a time (as a slow client sends them) and returns the final state.
h::RequestParser::State trickle(h::RequestParser& parser, const std::string& bytes) {
    auto state = h::RequestParser::State::NeedMore;
    for (std::size_t i = 1; i <= bytes.size() && state == h::RequestParser::State::NeedMore; ++i) {
        state = parser.parse(std::string_view(bytes).substr(0, i));
    }
    return state;
}

}  // namespace

TEST_CASE("a request with a body read byte by byte: method, decoded path, query, headers, body") {
    h::RequestParser parser;
    const std::string wire =
        "PATCH /apis/a%2Fb/x?labelSelector=app%3Dreviews&dryRun=All&q=a+b HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\ncontent-type: application/merge-patch+json\r\nContent-Length: 7\r\n\r\n{\"a\":1}GET";
    REQUIRE(trickle(parser, wire) == h::RequestParser::State::Complete);
    CHECK(parser.consumed() == wire.size() - 3);  // the next request's first bytes stay
    const h::Request request = parser.take();
    CHECK(request.method == "PATCH");
    CHECK(request.path == "/apis/a/b/x");
    CHECK(request.param("labelSelector") == "app=reviews");
    CHECK(request.param("dryRun") == "All");
    CHECK(request.param("q") == "a b");
    CHECK(request.header("Content-Type") == "application/merge-patch+json");
    CHECK(request.body == "{\"a\":1}");
    CHECK(request.keepAlive());
}

TEST_CASE("a chunked body with extensions and trailers") {
    h::RequestParser parser;
    const std::string wire =
        "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n";
    REQUIRE(trickle(parser, wire) == h::RequestParser::State::Complete);
    CHECK(parser.consumed() == wire.size());
    CHECK(parser.take().body == "Wikipedia");
}

TEST_CASE("limits: 413 for a body over the limit as soon as its length is known, 431 for a long head") {
    h::RequestParser parser(h::ParseLimits{1024, 100});
    CHECK(parser.parse("PUT /x HTTP/1.1\r\nContent-Length: 101\r\n\r\n") == h::RequestParser::State::Failed);
    CHECK(parser.errorStatus() == 413);
    CHECK(parser.error() == "Request entity too large: limit is 100");

    h::RequestParser chunked(h::ParseLimits{1024, 100});
    const std::string big = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n" + std::string(101, 'x');
    CHECK(chunked.parse(big) == h::RequestParser::State::Failed);
    CHECK(chunked.errorStatus() == 413);

    h::RequestParser head(h::ParseLimits{64, 100});
    CHECK(head.parse("GET /x HTTP/1.1\r\nX: " + std::string(100, 'a')) == h::RequestParser::State::Failed);
    CHECK(head.errorStatus() == 431);
}

TEST_CASE("malformed input fails at once instead of waiting for more") {
    const std::string clientHello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    for (const std::string& wire :
         {clientHello, std::string("GET /x HTTP/1.1\r\nno colon here\r\n\r\n"),
          std::string("GET /a%zz HTTP/1.1\r\n\r\n"), std::string("GET /x HTTP/1.1\r\nContent-Length: 1x\r\n\r\n"),
          std::string("GET /x HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n"),
          std::string("GET x HTTP/1.1\r\n\r\n")}) {
        h::RequestParser parser;
        CAPTURE(wire);
        CHECK(parser.parse(wire) == h::RequestParser::State::Failed);
        CHECK(parser.errorStatus() == 400);
    }
    h::RequestParser version;
    CHECK(version.parse("GET /x HTTP/2.0\r\n\r\n") == h::RequestParser::State::Failed);
    CHECK(version.errorStatus() == 505);
}

TEST_CASE("HTTP/1.0 closes unless asked to keep alive; Expect: 100-continue is seen before the body") {
    h::RequestParser parser;
    REQUIRE(parser.parse("GET /x HTTP/1.0\r\n\r\n") == h::RequestParser::State::Complete);
    CHECK_FALSE(parser.take().keepAlive());
    REQUIRE(parser.parse("GET /x HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") == h::RequestParser::State::Complete);
    CHECK(parser.take().keepAlive());
    CHECK(parser.parse("POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n") ==
          h::RequestParser::State::NeedMore);
    CHECK(parser.wantsContinue());
}
