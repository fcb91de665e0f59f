#include "InspectorSession.h"

#include "api/Dialect.h"
#include "transport/RequestAuth.h"
#include "validate/Validator.h"

namespace preflight::ui {

InspectorSession::InspectorSession(QObject *parent)
    : QObject(parent), m_request(Error{"not_rendered", "no call yet", {}})
{
    recompute();
}

InspectorSession::~InspectorSession() = default;

ApiTarget InspectorSession::target(Region region)
{
    ApiTarget target;
    target.region = region;
    target.credentials.siteId = "sandbox-site-id";
    target.credentials.apiKey = "sandbox-api-key";
    target.credentials.writeKey = "sandbox-write-key";
    return target;
}

std::vector<Api> InspectorSession::apis()
{
    return {Api::TrackV1, Api::TrackV2, Api::Pipelines};
}

QString InspectorSession::apiTitle(Api api)
{
    switch (api) {
    case Api::TrackV1: return tr("Track v1");
    case Api::TrackV2: return tr("Track v2");
    case Api::Pipelines: return tr("Pipelines");
    case Api::App: return tr("App API");
    }
    return {};
}

void InspectorSession::setPlan(const Plan *plan)
{
    if (plan) {
        m_plan = *plan;
        m_validator = std::make_unique<Validator>(*m_plan);
    } else {
        m_plan.reset();
        m_validator.reset();
    }
    recompute();
}

void InspectorSession::setCall(const Call &call)
{
    if (call == m_call)
        return;
    m_call = call;
    recompute();
}

void InspectorSession::setApi(Api api)
{
    if (api == m_api)
        return;
    m_api = api;
    recompute();
}

void InspectorSession::setRegion(Region region)
{
    if (region == m_region)
        return;
    m_region = region;
    recompute();
}

void InspectorSession::setAll(const Call &call, Api api, Region region)
{
    m_call = call;
    m_api = api;
    m_region = region;
    recompute();
}

void InspectorSession::recompute()
{
    m_request = dialectFor(m_api).render(m_call, target(m_region));
    m_violations = m_validator ? m_validator->validate(m_call) : std::vector<Violation>{};
    emit inspected();
}

Result<std::pair<Call, Api>> InspectorSession::parseRequest(const HttpRequest &request)
{
    // The path names the surface (the sandbox serves them all on one origin); its dialect gives the call
    // back.
    const Api api = RequestAuth::apiForPath(request.url, Api::TrackV1);
    if (api == Api::App)
        return Error{"unsupported_api", "App API requests are not calls the inspector composes", request.url};
    auto parsed = dialectFor(api).parse(request);
    if (!parsed.ok())
        return parsed.error();
    return std::pair<Call, Api>{std::move(parsed).value(), api};
}

Region InspectorSession::regionOf(const std::string &url)
{
    const auto schemeEnd = url.find("://");
    const std::string host = url.substr(schemeEnd == std::string::npos ? 0 : schemeEnd + 3);
    const std::string name = host.substr(0, host.find_first_of(".:/"));
    return name.size() > 3 && name.compare(name.size() - 3, 3, "-eu") == 0 ? Region::EU : Region::US;
}

QString InspectorSession::prettyBody(const std::string &body)
{
    if (body.empty())
        return {};
    // Ordered, so the reader sees the members in the order they go on the wire.
    if (const Result<OrderedJson> json = parseOrderedJson(body, "body"))
        return QString::fromStdString(json->dump(2, ' ', false, OrderedJson::error_handler_t::replace));
    return QString::fromStdString(body);
}

QString InspectorSession::displayText(const HttpRequest &request)
{
    const OrderedJson shown = toJson(request, SecretDisplay::Redact);
    QString text = QStringLiteral("%1 %2\n").arg(QString::fromStdString(request.method),
                                                 QString::fromStdString(request.url));
    for (const auto &header : shown["headers"])
        text += QStringLiteral("%1: %2\n")
                    .arg(QString::fromStdString(header["name"].get<std::string>()),
                         QString::fromStdString(header["value"].get<std::string>()));
    const QString body = prettyBody(request.body);
    if (!body.isEmpty())
        text += QLatin1Char('\n') + body + QLatin1Char('\n');
    return text;
}

} // namespace preflight::ui
