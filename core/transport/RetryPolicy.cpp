#include "transport/RetryPolicy.h"

#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QTimeZone>

#include <algorithm>
#include <cctype>

namespace preflight {

std::string HttpResponse::header(std::string_view name) const
{
    for (const auto &[key, value] : headers) {
        if (key.size() == name.size() && std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return value;
    }
    return {};
}

RetryDecision RetryPolicy::classify(const HttpResponse &response)
{
    if (response.status == 0)
        return RetryDecision::Retry;
    if (response.isSuccess())
        return RetryDecision::Done;
    if (response.status == 408 || response.status == 429 || response.status >= 500)
        return RetryDecision::Retry;
    return RetryDecision::DeadLetter;
}

std::int64_t RetryPolicy::delayMs(int attempt, const HttpResponse &response, std::int64_t nowMs,
                                  std::mt19937_64 &random) const
{
    if (response.status == 429 || response.status == 503) {
        if (auto asked = parseRetryAfterMs(response.header("Retry-After"), nowMs)) {
            // A little jitter on top so many clients told the same second do not return together.
            std::uniform_int_distribution<std::int64_t> spread(0, std::max<std::int64_t>(1, baseDelayMs / 4));
            return std::min(*asked, maxRetryAfterMs) + spread(random);
        }
    }
    const int exponent = std::clamp(attempt - 1, 0, 30);
    const std::int64_t ceiling = std::min(maxDelayMs, baseDelayMs << std::min(exponent, 20));
    // Full jitter: uniform in [ceiling/2, ceiling] keeps a floor so a storm backs off for real.
    std::uniform_int_distribution<std::int64_t> pick(ceiling / 2, ceiling);
    return pick(random);
}

std::optional<std::int64_t> RetryPolicy::parseRetryAfterMs(std::string_view value, std::int64_t nowMs)
{
    const QString text = QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size())).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<std::int64_t>(seconds * 1000);
    // IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"; the obsolete forms are not sent by Customer.io.
    QDateTime when = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return std::max<std::int64_t>(0, when.toMSecsSinceEpoch() - nowMs);
}

} // namespace preflight
