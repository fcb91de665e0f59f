#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Result.h"
#include "plan/Plan.h"
#include "validate/Violation.h"

#include <QObject>

#include <memory>
#include <optional>
#include <vector>

namespace preflight {
class Validator;
}

namespace preflight::ui {

// The inspector's state without widgets: the composed call, the API surface and region it is rendered for,
// and what follows from them: the exact request (or the dialect's refusal) and the plan's verdict.
// Every setter recomputes and emits inspected().
class InspectorSession : public QObject
{
    Q_OBJECT

public:
    explicit InspectorSession(QObject *parent = nullptr);
    ~InspectorSession() override;

    // The target every rendering uses: Customer.io's origin for the region and placeholder credentials, so
    // nothing the inspector shows or copies can carry a real secret.
    static ApiTarget target(Region region);
    static std::vector<Api> apis(); // the data-in surfaces, in menu order
    static QString apiTitle(Api api);

    const Call &call() const { return m_call; }
    Api api() const { return m_api; }
    Region region() const { return m_region; }
    const Result<HttpRequest> &request() const { return m_request; }
    const std::vector<Violation> &violations() const { return m_violations; }
    bool hasPlan() const { return m_validator != nullptr; }
    const Plan *plan() const { return m_plan ? &*m_plan : nullptr; }

    void setPlan(const Plan *plan); // nullptr: no plan, no verdict
    void setCall(const Call &call);
    void setApi(Api api);
    void setRegion(Region region);
    void setAll(const Call &call, Api api, Region region);

    // A request as received or stored: the surface its path names parses it back into the call.
    static Result<std::pair<Call, Api>> parseRequest(const HttpRequest &request);
    // The region a URL's host belongs to (EU hosts end in "-eu"); US otherwise.
    static Region regionOf(const std::string &url);

    // Body text indented for reading; bodies that are not JSON are returned as they are.
    static QString prettyBody(const std::string &body);
    // The request as the inspector shows it: request line, headers (secrets redacted), blank line, body.
    static QString displayText(const HttpRequest &request);

signals:
    void inspected();

private:
    void recompute();

    Call m_call;
    Api m_api = Api::TrackV1;
    Region m_region = Region::US;
    std::optional<Plan> m_plan;
    std::unique_ptr<Validator> m_validator;
    Result<HttpRequest> m_request;
    std::vector<Violation> m_violations;
};

} // namespace preflight::ui
