#include "sim/SendingWindow.h"

#include <QDateTime>

#include <array>

namespace preflight {

namespace {

// 24:00 is the next day's midnight.
QDateTime localAt(const QDate &date, int minute, const QTimeZone &zone)
{
    return QDateTime(date.addDays(minute / 1440), QTime(0, 0).addSecs((minute % 1440) * 60), zone);
}

} // namespace

UnixMillis nextWindowOpening(const Step &window, UnixMillis now, const QTimeZone &zone)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(now, zone).date();
    const int start = window.windowStartMinute;
    const int end = window.windowEndMinute;
    // From yesterday's window (one that runs past midnight may still be open) on, in order: the first that
    // holds `now` or opens after it. A week and a day always contains one, since the days are not empty.
    for (int day = -1; day <= 8; ++day) {
        const QDate date = today.addDays(day);
        if (!(window.windowDays & (1u << (date.dayOfWeek() - 1))))
            continue;
        const UnixMillis opens = localAt(date, start, zone).toMSecsSinceEpoch();
        const UnixMillis closes =
            localAt(end > start ? date : date.addDays(1), end, zone).toMSecsSinceEpoch();
        if (now >= opens && now < closes)
            return now;
        if (opens >= now)
            return opens;
    }
    return now; // unreachable with a non-empty set of days
}

std::string describeWindow(const Step &window)
{
    static constexpr std::array<const char *, 7> kNames = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const auto clock = [](int minute) {
        return QStringLiteral("%1:%2")
            .arg(minute / 60, 2, 10, QLatin1Char('0'))
            .arg(minute % 60, 2, 10, QLatin1Char('0'))
            .toStdString();
    };
    std::string days;
    if (window.windowDays == kEveryDay) {
        days = "every day";
    } else if (window.windowDays == 0x1f) {
        days = "Mon–Fri";
    } else {
        for (std::size_t d = 0; d < kNames.size(); ++d) {
            if (!(window.windowDays & (1u << d)))
                continue;
            if (!days.empty())
                days += ',';
            days += kNames[d];
        }
    }
    return days + " " + clock(window.windowStartMinute) + "–" + clock(window.windowEndMinute);
}

const QTimeZone &TimeZones::zone(std::string_view name)
{
    const std::string key(name);
    auto found = m_zones.find(key);
    if (found == m_zones.end())
        found = m_zones.emplace(key, QTimeZone(QByteArray(name.data(), qsizetype(name.size())))).first;
    return found->second;
}

} // namespace preflight
