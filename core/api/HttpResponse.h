#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace preflight {

// What came back for one attempt. status 0 means no HTTP answer (refused, dropped, timed out).
struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string networkError; // empty when an HTTP answer arrived

    bool isSuccess() const { return status >= 200 && status < 300; }
    std::string header(std::string_view name) const;
};

} // namespace preflight
