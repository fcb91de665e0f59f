#include "common/Time.h"

#include <QByteArray>

#include <QDateTime>
#include <QTimeZone>

#include <cctype>

namespace preflight {

std::string toIso8601(UnixMillis instant)
{
    // 1970..9999 is formatted here (timelines format millions of instants; QDateTime costs ~20k instructions
    // each); anything else keeps Qt's form. Same text as Qt::ISODate / Qt::ISODateWithMs in UTC.
    constexpr UnixMillis kYear10000 = 253'402'300'800'000;
    if (instant >= 0 && instant < kYear10000) {
        const std::int64_t days = instant / 86'400'000;
        const std::int64_t inDay = instant % 86'400'000;
        // Civil date from days since 1970-01-01 (the proleptic Gregorian calendar, as QDate uses).
        const std::int64_t z = days + 719'468;
        const std::int64_t era = z / 146'097;
        const std::int64_t dayOfEra = z - era * 146'097;
        const std::int64_t yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
        const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        const std::int64_t mp = (5 * dayOfYear + 2) / 153;
        const std::int64_t day = dayOfYear - (153 * mp + 2) / 5 + 1;
        const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
        const std::int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        char text[32];
        char *out = text;
        auto put = [&out](std::int64_t value, int width) {
            for (int i = width - 1; i >= 0; --i) {
                out[i] = static_cast<char>('0' + value % 10);
                value /= 10;
            }
            out += width;
        };
        put(year, 4);
        *out++ = '-';
        put(month, 2);
        *out++ = '-';
        put(day, 2);
        *out++ = 'T';
        put(inDay / 3'600'000, 2);
        *out++ = ':';
        put(inDay / 60'000 % 60, 2);
        *out++ = ':';
        put(inDay / 1000 % 60, 2);
        if (instant % 1000 != 0) {
            *out++ = '.';
            put(instant % 1000, 3);
        }
        *out++ = 'Z';
        return std::string(text, out);
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(instant, Qt::UTC);
    const Qt::DateFormat format = instant % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs;
    return time.toString(format).toStdString();
}

std::optional<UnixMillis> parseIso8601(std::string_view text)
{
    // A date-time needs a date, a 'T' and a time; a zone-less value would depend on the machine's zone.
    if (text.size() < 20 || text[10] != 'T')
        return std::nullopt;
    const QString value = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    const bool hasZone = value.endsWith(u'Z') || value.endsWith(u'z') || value.mid(19).contains(u'+') ||
                         value.mid(19).contains(u'-');
    if (!hasZone)
        return std::nullopt;
    QDateTime time = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

std::optional<std::int64_t> parseDurationMillis(std::string_view text)
{
    constexpr std::int64_t kLongestDurationMillis = 1000LL * 366 * 86'400'000; // about a thousand years
    std::size_t i = 0;
    int sign = 1;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        sign = text[i] == '-' ? -1 : 1;
        ++i;
    }
    if (i >= text.size())
        return std::nullopt;
    std::int64_t total = 0;
    while (i < text.size()) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return std::nullopt;
        std::int64_t number = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            number = number * 10 + (text[i] - '0');
            if (number > 1'000'000'000)
                return std::nullopt;
            ++i;
        }
        if (i >= text.size())
            return std::nullopt;
        std::int64_t unit = 0;
        if (text.substr(i, 2) == "ms") {
            unit = 1;
            i += 2;
        } else {
            switch (text[i]) {
            case 's': unit = 1000; break;
            case 'm': unit = 60'000; break;
            case 'h': unit = 3'600'000; break;
            case 'd': unit = 86'400'000; break;
            case 'w': unit = 7 * 86'400'000LL; break;
            default: return std::nullopt;
            }
            ++i;
        }
        total += number * unit;
        // Far beyond any journey or scenario, and far from where the sum could overflow.
        if (total > kLongestDurationMillis)
            return std::nullopt;
    }
    return sign * total;
}

std::string formatDurationMillis(std::int64_t millis)
{
    std::string out = millis < 0 ? "-" : "";
    std::int64_t rest = millis < 0 ? -millis : millis;
    if (rest == 0)
        return "0s";
    const std::pair<std::int64_t, const char *> units[] = {
        {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
    for (const auto &[size, name] : units) {
        if (rest >= size) {
            out += std::to_string(rest / size) + name;
            rest %= size;
        }
    }
    return out;
}

bool isTimeZoneName(std::string_view name)
{
    return !name.empty() && QTimeZone::isTimeZoneIdAvailable(QByteArray(name.data(), qsizetype(name.size())));
}

} // namespace preflight
