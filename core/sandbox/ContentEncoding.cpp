#include "sandbox/ContentEncoding.h"

#include <zlib.h>

#include <algorithm>
#include <array>

namespace preflight {

Result<std::string> gunzipBody(std::string_view compressed, std::size_t maxBytes)
{
    z_stream stream{};
    constexpr int kGzipWindow = 15 + 16; // the largest window, gzip header and trailer
    if (inflateInit2(&stream, kGzipWindow) != Z_OK)
        return Error{"bad_encoding", "the gzip body could not be read", ""};
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    stream.avail_in = static_cast<uInt>(std::min<std::size_t>(compressed.size(), UINT32_MAX));
    std::string inflated;
    std::array<char, 16 * 1024> chunk{};
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_BUF_ERROR && stream.avail_in == 0) {
            inflateEnd(&stream);
            return Error{"bad_encoding", "the gzip body ends before its trailer", ""};
        }
        if (status != Z_OK && status != Z_STREAM_END) {
            inflateEnd(&stream);
            return Error{"bad_encoding", "the body is not valid gzip (Content-Encoding: gzip)", ""};
        }
        inflated.append(chunk.data(), chunk.size() - stream.avail_out);
        if (inflated.size() > maxBytes) {
            inflateEnd(&stream);
            return Error{"body_too_large",
                         "the body inflates to more than " + std::to_string(maxBytes) + " bytes", ""};
        }
        if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
            inflateEnd(&stream);
            return Error{"bad_encoding", "the gzip body ends before its trailer", ""};
        }
    }
    const bool trailing = stream.avail_in != 0;
    inflateEnd(&stream);
    if (trailing)
        return Error{"bad_encoding", "bytes follow the end of the gzip body", ""};
    return inflated;
}

} // namespace preflight
