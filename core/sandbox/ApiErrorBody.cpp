#include "sandbox/ApiErrorBody.h"

#include "common/Json.h"

namespace preflight {

std::string apiErrorBody(std::optional<Api> api, const std::string &reason, const std::string &message,
                         const std::string &field)
{
    Json body;
    if (api == Api::TrackV1 || api == Api::App) {
        body = {{"meta", {{"error", message}}}};
    } else if (api == Api::TrackV2) {
        Json error = {{"reason", reason}, {"message", message}};
        if (!field.empty())
            error["field"] = field;
        body = {{"errors", Json::array({error})}};
    } else {
        body = {{"code", reason}, {"message", message}};
    }
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string trackErrorsBody(const std::string &message)
{
    return Json{{"meta", {{"errors", Json::array({message})}}}}.dump(-1, ' ', false,
                                                                     Json::error_handler_t::replace);
}

} // namespace preflight
