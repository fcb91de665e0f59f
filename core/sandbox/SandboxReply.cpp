#include "sandbox/SandboxReply.h"

namespace preflight {

const char *SandboxReply::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 207: return "Multi-Status";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
    }
}

QByteArray SandboxReply::head() const
{
    QByteArray out;
    out.reserve(160);
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    // A 204 has no body, so neither a type nor a length (RFC 9110, 15.3.5).
    if (status != 204) {
        out += "\r\nContent-Type: ";
        out += contentType;
        if (chunkedStream) {
            out += "\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache";
        } else {
            out += "\r\nContent-Length: ";
            out += QByteArray::number(body.size());
        }
    }
    for (const auto &header : headers) {
        out += "\r\n";
        out += header.first;
        out += ": ";
        out += header.second;
    }
    if (closeAfter || slowBodyMillis > 0)
        out += "\r\nConnection: close";
    out += "\r\n\r\n";
    return out;
}

} // namespace preflight
