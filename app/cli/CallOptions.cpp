#include "CallOptions.h"

#include "api/TimestampInput.h"
#include "common/Json.h"

using namespace preflight;

namespace {

struct Flag {
    const char *name;
    const char *valueName;
    const char *help;
};

constexpr Flag kFlags[] = {
    {"api", "api", "track-v1 (default), track-v2 or pipelines."},
    {"call", "kind",
     "identify, track, page, screen, merge, delete, suppress, unsuppress, add-device, delete-device, alias, "
     "group, object-identify, object-delete, add-relationships, delete-relationships, manual-segment-add, "
     "manual-segment-remove or batch."},
    {"region", "region", "us (default) or eu."},
    {"id", "id", "The person's id (Pipelines: userId)."},
    {"email", "email", "The person's email (Track path identifier when there is no --id)."},
    {"phone", "phone", "The person's phone (Track v2 identifier)."},
    {"cio-id", "cio-id", "The person's cio_id."},
    {"anonymous-id", "anonymous-id", "The anonymous id (anonymous events; identify attaches it)."},
    {"secondary-id", "id", "merge: the id of the person merged away."},
    {"secondary-email", "email", "merge: the email of the person merged away."},
    {"secondary-cio-id", "cio-id", "merge: the cio_id of the person merged away."},
    {"previous-id", "id", "alias: the previous id."},
    {"name", "name", "Event name, page URL or name, screen name."},
    {"data", "json", "Event data, attributes or traits: inline JSON or @file."},
    {"timestamp", "time", "When it happened: unix seconds or ISO-8601 (see --timestamp-format)."},
    {"timestamp-format", "format", "auto (default), unix-seconds, unix-millis or iso8601."},
    {"event-id", "id", "Dedupe id: Track event id (ULID), Pipelines messageId."},
    {"group-id", "id", "group: the group id."},
    {"context", "json", "Pipelines context: inline JSON or @file."},
    {"device-token", "token", "add-device/delete-device: the device token."},
    {"platform", "platform", "add-device: ios or android."},
    {"last-used", "seconds", "add-device: when the device was last used (unix seconds)."},
    {"object-type", "type-id", "Object calls: the object type id (\"1\")."},
    {"object-id", "id", "Object calls: the object's id."},
    {"relationships", "json",
     "identify and relationship calls: a JSON array of [{\"object\": {\"type_id\", \"id\"}} | "
     "{\"identity\": {...}}, \"attributes\"], inline or @file."},
    {"segment", "id", "manual-segment-add/remove: the manual segment's id."},
    {"batch", "json", "batch: a JSON array of calls in the canonical Call form, inline or @file."},
};

std::string value(const QCommandLineParser &parser, const char *name)
{
    return parser.value(QString::fromLatin1(name)).toStdString();
}

Error flagError(const std::string &flag, const std::string &message)
{
    return Error{"bad_argument", message, "--" + flag};
}

} // namespace

void addCallOptions(QCommandLineParser &parser)
{
    for (const Flag &flag : kFlags)
        parser.addOption(QCommandLineOption(QString::fromLatin1(flag.name), QString::fromUtf8(flag.help),
                                            QString::fromLatin1(flag.valueName)));
}

Result<Json> jsonArgument(const QString &value, const std::string &flag)
{
    std::string text = value.toStdString();
    std::string origin = "--" + flag;
    if (!text.empty() && text.front() == '@') {
        auto file = readTextFile(text.substr(1));
        if (!file)
            return Error{"bad_argument", file.error().message, origin};
        origin = text.substr(1);
        text = std::move(*file);
    }
    auto json = parseJson(text, origin);
    if (!json)
        return json.error();
    return std::move(*json);
}

Result<CallOptions> callOptionsFrom(const QCommandLineParser &parser)
{
    CallOptions options;
    if (parser.isSet("api")) {
        const auto api = apiFromString(value(parser, "api"));
        if (!api || *api == Api::App)
            return flagError("api", "expected track-v1, track-v2 or pipelines, got \"" +
                                        value(parser, "api") + "\"");
        options.api = *api;
    }
    if (parser.isSet("region")) {
        const auto region = regionFromString(value(parser, "region"));
        if (!region)
            return flagError("region", "expected us or eu, got \"" + value(parser, "region") + "\"");
        options.region = *region;
    }
    if (!parser.isSet("call"))
        return flagError("call", "which call? --call identify|track|page|screen|merge|delete|...");
    std::string kindName = value(parser, "call");
    for (char &c : kindName) {
        if (c == '-')
            c = '_';
    }
    const auto kind = callKindFromString(kindName);
    if (!kind)
        return flagError("call", "unknown call \"" + value(parser, "call") + "\"");
    Call &call = options.call;
    call.kind = *kind;
    call.identity = Identity{value(parser, "id"), value(parser, "email"), value(parser, "phone"),
                             value(parser, "cio-id"), value(parser, "anonymous-id")};
    call.secondary = Identity{value(parser, "secondary-id"),
                              value(parser, "secondary-email"),
                              {},
                              value(parser, "secondary-cio-id"),
                              {}};
    if (parser.isSet("previous-id"))
        call.secondary.id = value(parser, "previous-id");
    call.name = value(parser, "name");
    call.dedupeId = value(parser, "event-id");
    call.groupId = value(parser, "group-id");
    Json data = Json::object();
    if (parser.isSet("data")) {
        auto json = jsonArgument(parser.value("data"), "data");
        if (!json)
            return json.error();
        if (!json->is_object())
            return flagError("data", "must be a JSON object, got " + jsonTypeName(*json));
        data = std::move(*json);
    }
    if (parser.isSet("context")) {
        auto json = jsonArgument(parser.value("context"), "context");
        if (!json)
            return json.error();
        if (!json->is_object())
            return flagError("context", "must be a JSON object, got " + jsonTypeName(*json));
        call.context = std::move(*json);
    }
    TimestampInputFormat format = TimestampInputFormat::Auto;
    if (parser.isSet("timestamp-format")) {
        const auto declared = timestampInputFormatFromString(value(parser, "timestamp-format"));
        if (!declared)
            return flagError("timestamp-format", "expected auto, unix-seconds, unix-millis or iso8601");
        format = *declared;
    }
    if (parser.isSet("timestamp")) {
        auto instant = parseTimestampInput(value(parser, "timestamp"), format, "--timestamp");
        if (!instant)
            return instant.error();
        call.occurredAt = *instant;
    }
    if (call.kind == CallKind::AddDevice || call.kind == CallKind::DeleteDevice ||
        parser.isSet("device-token")) {
        Device device;
        device.token = value(parser, "device-token");
        device.platform = value(parser, "platform");
        if (parser.isSet("last-used")) {
            auto seconds = parseTimestampInput(value(parser, "last-used"), TimestampInputFormat::UnixSeconds,
                                               "--last-used");
            if (!seconds)
                return seconds.error();
            device.lastUsed = *seconds / 1000;
        }
        // On a device call --data holds the device's attributes.
        device.attributes = std::move(data);
        data = Json::object();
        call.device = std::move(device);
    }
    call.properties = std::move(data);
    if (parser.isSet("object-type") || parser.isSet("object-id"))
        call.object = ObjectRef{value(parser, "object-type"), value(parser, "object-id")};
    if (parser.isSet("relationships")) {
        auto json = jsonArgument(parser.value("relationships"), "relationships");
        if (!json)
            return json.error();
        if (!json->is_array())
            return flagError("relationships",
                             "must be a JSON array of relationships, got " + jsonTypeName(*json));
        for (std::size_t i = 0; i < json->size(); ++i) {
            auto relationship = relationshipFromJson((*json)[i], "--relationships/" + std::to_string(i));
            if (!relationship)
                return relationship.error();
            call.relationships.push_back(std::move(*relationship));
        }
    }
    if (isManualSegmentChange(call.kind)) {
        call.name = parser.isSet("segment") ? value(parser, "segment") : call.name;
        if (!isManualSegmentId(call.name))
            return flagError("segment", "a manual segment is named by its numeric id (--segment 7), not \"" +
                                            call.name + "\"");
    }
    if (call.kind == CallKind::Batch) {
        if (!parser.isSet("batch"))
            return flagError("batch", "--call batch needs --batch with a JSON array of calls");
        auto json = jsonArgument(parser.value("batch"), "batch");
        if (!json)
            return json.error();
        if (!json->is_array())
            return flagError("batch", "must be a JSON array of calls, got " + jsonTypeName(*json));
        for (std::size_t i = 0; i < json->size(); ++i) {
            auto item = callFromJson((*json)[i], "--batch/" + std::to_string(i));
            if (!item)
                return item.error();
            call.batch.push_back(std::move(*item));
        }
    }
    return options;
}
