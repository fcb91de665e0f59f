#include "sandbox/RequestHead.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace preflight {

namespace {

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// "METHOD SP request-target SP HTTP/1.x", the method a token of letters (RFC 9112 §3).
bool isHttpRequestLine(std::string_view line)
{
    const std::size_t methodEnd = line.find(' ');
    if (methodEnd == 0 || methodEnd == std::string_view::npos)
        return false;
    for (const char c : line.substr(0, methodEnd))
        if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return false;
    const std::size_t targetEnd = line.find(' ', methodEnd + 1);
    if (targetEnd == std::string_view::npos || targetEnd == methodEnd + 1)
        return false;
    const std::string_view version = line.substr(targetEnd + 1);
    return version == "HTTP/1.1" || version == "HTTP/1.0";
}

// Bytes from the wire, quoted in a message: anything outside printable ASCII becomes '?'.
std::string printable(std::string_view text, std::size_t most)
{
    std::string out(text.substr(0, most));
    for (char &c : out)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            c = '?';
    return "\"" + out + "\"";
}

} // namespace

RequestLine readRequestLine(std::string_view head)
{
    const std::string_view requestLine = head.substr(0, head.find("\r\n"));
    const std::size_t space = requestLine.find(' ');
    RequestLine line;
    line.method = std::string(requestLine.substr(0, space));
    if (space != std::string_view::npos) {
        const std::string_view rest = requestLine.substr(space + 1);
        line.path = std::string(rest.substr(0, rest.find(' ')));
    }
    return line;
}

RequestHeadReading readRequestHead(std::string_view head, std::size_t maxBodyBytes)
{
    RequestHeadReading reading;
    RequestHead &out = reading.head;
    const std::size_t lineEnd = head.find("\r\n");
    const std::string_view requestLine = head.substr(0, lineEnd);
    RequestLine line = readRequestLine(head);
    out.method = std::move(line.method);
    out.path = std::move(line.path);
    const auto refuse = [&reading](std::string reason) {
        reading.problem = RequestHeadProblem{400, "bad_request", std::move(reason)};
        return reading;
    };
    // Every line ends in CRLF: a bare LF or CR is where two parsers could split lines differently.
    for (std::size_t i = 0; i < head.size(); ++i) {
        const bool bareLf = head[i] == '\n' && (i == 0 || head[i - 1] != '\r');
        const bool bareCr = head[i] == '\r' && (i + 1 >= head.size() || head[i + 1] != '\n');
        if (bareLf || bareCr)
            return refuse(std::string("a line of the request head ends in a bare ") + (bareLf ? "LF" : "CR") +
                          ", not CRLF");
    }
    if (!isHttpRequestLine(requestLine))
        return refuse("the request line is not HTTP/1.x: " + printable(requestLine, 80));

    bool hasTransferEncoding = false;
    std::size_t lineStart = lineEnd == std::string_view::npos ? head.size() : lineEnd + 2;
    while (lineStart < head.size()) {
        const std::size_t next = head.find("\r\n", lineStart);
        const std::string_view line = head.substr(
            lineStart, next == std::string_view::npos ? std::string_view::npos : next - lineStart);
        lineStart = next == std::string_view::npos ? head.size() : next + 2;
        const std::size_t colon = line.find(':');
        // No colon, or a continuation line (obsolete folding): refused rather than joined.
        if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' || line.front() == '\t')
            return refuse("malformed header line: " + printable(line, 80));
        const std::string name = lowered(line.substr(0, colon));
        if (name.find_first_of(" \t") != std::string::npos)
            return refuse("whitespace in a header name: " + printable(name, 80));
        const std::string_view value = trimmed(line.substr(colon + 1));
        if (name == "content-length") {
            if (out.contentLength)
                return refuse("more than one Content-Length");
            std::size_t length = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
            if (error == std::errc::result_out_of_range && end == value.data() + value.size())
                length = std::numeric_limits<std::size_t>::max(); // refused below as too large
            else if (value.empty() || error != std::errc() || end != value.data() + value.size())
                return refuse("Content-Length is not a non-negative number: " + printable(value, 40));
            out.contentLength = length;
        } else if (name == "transfer-encoding") {
            if (hasTransferEncoding)
                return refuse("more than one Transfer-Encoding");
            hasTransferEncoding = true;
            if (lowered(value) != "chunked")
                return refuse("Transfer-Encoding other than chunked: " + printable(value, 40));
            out.chunked = true;
        } else if (name == "x-strict-mode") {
            out.strictMode = value == "1" || lowered(value) == "true";
        }
    }
    if (out.contentLength && hasTransferEncoding)
        return refuse("both Content-Length and Transfer-Encoding");
    if (out.contentLength.value_or(0) > maxBodyBytes)
        reading.problem = RequestHeadProblem{
            413, "too_large", "request body is larger than " + std::to_string(maxBodyBytes) + " bytes"};
    return reading;
}

} // namespace preflight
