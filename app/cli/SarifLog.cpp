#include "SarifLog.h"

#include "common/JsonLocation.h"

#include <preflight/Version.h>

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QUrl>

#include <algorithm>

using preflight::OrderedJson;

namespace {

const char *levelName(SarifLog::Level level)
{
    switch (level) {
    case SarifLog::Level::Error: return "error";
    case SarifLog::Level::Warning: return "warning";
    case SarifLog::Level::Note: return "note";
    }
    return "warning";
}

// SARIF wants URIs: a relative path stays a relative reference (resolved against the checkout by the
// code-scanning service), an absolute one becomes a file:// URI.
std::string artifactUri(const std::string &file)
{
    const QString path = QString::fromStdString(file);
    if (QFileInfo(path).isAbsolute())
        return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded).toStdString();
    // Set as a path, so '#', '?' and spaces in a file name are encoded, not read as URL parts; a first
    // segment with ':' would read as a scheme, so it goes behind "./".
    QString relative = QDir::fromNativeSeparators(path);
    if (relative.section(u'/', 0, 0).contains(u':'))
        relative.prepend(QStringLiteral("./"));
    QUrl url;
    url.setPath(relative, QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded).toStdString();
}

} // namespace

void SarifLog::add(Result result)
{
    if (std::find(m_rules.begin(), m_rules.end(), result.ruleId) == m_rules.end())
        m_rules.push_back(result.ruleId);
    m_results.push_back(std::move(result));
}

preflight::OrderedJson SarifLog::toJson() const
{
    OrderedJson rules = OrderedJson::array();
    for (const std::string &rule : m_rules)
        rules.push_back({{"id", rule}, {"shortDescription", {{"text", rule}}}});
    OrderedJson results = OrderedJson::array();
    for (const Result &result : m_results) {
        OrderedJson region = OrderedJson::object();
        if (result.line > 0) {
            region["startLine"] = result.line;
            if (result.column > 0)
                region["startColumn"] = result.column;
        }
        OrderedJson physical = {{"artifactLocation", {{"uri", artifactUri(result.file)}}}};
        if (!region.empty())
            physical["region"] = std::move(region);
        OrderedJson location = {{"physicalLocation", std::move(physical)}};
        if (!result.pointer.empty())
            location["logicalLocations"] = OrderedJson::array({{{"fullyQualifiedName", result.pointer}}});
        const auto index = std::find(m_rules.begin(), m_rules.end(), result.ruleId) - m_rules.begin();
        results.push_back({{"ruleId", result.ruleId},
                           {"ruleIndex", index},
                           {"level", levelName(result.level)},
                           {"message", {{"text", result.message}}},
                           {"locations", OrderedJson::array({std::move(location)})}});
    }
    OrderedJson driver = {
        {"name", "preflight"}, {"semanticVersion", preflight::kVersion}, {"rules", std::move(rules)}};
    return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", OrderedJson::array(
                         {{{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}}})}};
}

void locateInText(SarifLog::Result &result, const std::string &text)
{
    const std::size_t offset = preflight::offsetOfPointer(text, result.pointer);
    const auto [line, byteColumn] = preflight::lineColumnAt(text, offset);
    result.line = line;
    // SARIF counts columns in UTF-16 code units (its default columnKind), as editors do; core counts bytes.
    const std::size_t lineStart = offset - std::size_t(byteColumn - 1);
    result.column = int(QString::fromUtf8(text.data() + lineStart, qsizetype(offset - lineStart)).size()) + 1;
}

namespace {

// Workflow commands end at the line: newlines and % are escaped, and in properties also ':' and ','.
std::string githubEscape(const std::string &text, bool property)
{
    std::string out;
    for (char c : text) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else if (property && c == ':')
            out += "%3A";
        else if (property && c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

} // namespace

std::string githubAnnotation(const SarifLog::Result &result)
{
    const char *command = result.level == SarifLog::Level::Error     ? "::error"
                          : result.level == SarifLog::Level::Warning ? "::warning"
                                                                     : "::notice";
    std::string out = std::string(command) + " file=" + githubEscape(result.file, true);
    if (result.line > 0)
        out += ",line=" + std::to_string(result.line);
    if (result.column > 0)
        out += ",col=" + std::to_string(result.column);
    return out + ",title=" + githubEscape(result.ruleId, true) + "::" + githubEscape(result.message, false) +
           "\n";
}
