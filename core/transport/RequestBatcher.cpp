#include "transport/RequestBatcher.h"

#include "common/Json.h"

#include <optional>
#include <string>

namespace preflight {

namespace {

struct Batchable {
    std::string batchUrl;
    std::string item; // the JSON text of the item inside "batch"
};

std::optional<Batchable> batchable(Api api, const HttpRequest &request, std::size_t maxItemBytes)
{
    if (request.method != "POST" || request.body.size() > maxItemBytes)
        return std::nullopt;
    const std::string &url = request.url;
    if (url.find('?') != std::string::npos)
        return std::nullopt;
    const auto slash = url.rfind('/');
    if (slash == std::string::npos)
        return std::nullopt;
    const std::string last = url.substr(slash + 1);
    const std::string base = url.substr(0, slash);
    if (api == Api::TrackV2 && last == "entity" && base.ends_with("/api/v2"))
        return Batchable{base + "/batch", request.body};
    if (api == Api::Pipelines &&
        (last == "identify" || last == "track" || last == "page" || last == "screen" || last == "group")) {
        Result<Json> body = parseJson(request.body, "request body");
        if (!body || !body->is_object())
            return std::nullopt;
        (*body)["type"] = last;
        std::string item = body->dump();
        if (item.size() > maxItemBytes)
            return std::nullopt;
        return Batchable{base + "/batch", std::move(item)};
    }
    return std::nullopt;
}

} // namespace

std::vector<BatchedRequest> RequestBatcher::batch(Api api, const std::vector<HttpRequest> &singles) const
{
    std::vector<BatchedRequest> out;
    std::vector<std::size_t> open;
    std::string openUrl;
    std::string openBody;
    const std::string prefix = "{\"batch\":[";
    const std::string suffix = "]}";

    auto flush = [&] {
        if (open.empty())
            return;
        if (open.size() == 1) {
            out.push_back({singles[open.front()], open, false});
        } else {
            HttpRequest request = singles[open.front()];
            request.url = openUrl;
            request.body = openBody + suffix;
            out.push_back({std::move(request), open, true});
        }
        open.clear();
        openBody.clear();
    };

    for (std::size_t i = 0; i < singles.size(); ++i) {
        std::optional<Batchable> item = batchable(api, singles[i], maxItemBytes);
        if (!item) {
            flush();
            out.push_back({singles[i], {i}, false});
            continue;
        }
        const bool fits = openBody.size() + 1 + item->item.size() + suffix.size() <= maxBatchBytes;
        if (!open.empty() && (item->batchUrl != openUrl || !fits))
            flush();
        if (open.empty()) {
            openUrl = item->batchUrl;
            openBody = prefix;
        } else {
            openBody += ',';
        }
        openBody += item->item;
        open.push_back(i);
    }
    flush();
    return out;
}

} // namespace preflight
