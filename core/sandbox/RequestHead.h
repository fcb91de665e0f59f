#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// What the head of one HTTP/1.x request (request line and headers, without the blank line) says about its
// framing, read strictly: anything two parsers could read differently is refused, never guessed at.
struct RequestHead {
    std::string method;
    std::string path;
    bool strictMode = false;                  // X-Strict-Mode: 1 (Pipelines)
    bool chunked = false;                     // Transfer-Encoding: chunked
    std::optional<std::size_t> contentLength; // SIZE_MAX when the number is too large to hold
};

// Why a head was refused: 400 for bad framing, 413 for a declared body over the limit.
struct RequestHeadProblem {
    int status = 400;
    std::string code; // bad_request, too_large
    std::string reason;
};

struct RequestHeadReading {
    RequestHead head; // method and path are filled in even when the head is refused, for the log
    std::optional<RequestHeadProblem> problem;
};

RequestHeadReading readRequestHead(std::string_view head, std::size_t maxBodyBytes);

// The method and path of a request line ("POST /v1/batch HTTP/1.1"), read loosely: for the log and for
// answering a refused request in its API's shape, never for framing.
struct RequestLine {
    std::string method;
    std::string path;
};
RequestLine readRequestLine(std::string_view head);

} // namespace preflight
