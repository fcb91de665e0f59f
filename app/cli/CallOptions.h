#pragma once

#include "api/Api.h"
#include "call/Call.h"
#include "common/Result.h"

#include <QCommandLineParser>

#include <string>

// The flags that describe one call, shared by `request` (print) and `send`:
//   --api track-v1|track-v2|pipelines   --call identify|track|page|screen|merge|delete|suppress|
//   unsuppress|add-device|delete-device|alias|group|batch   --region us|eu
//   --id --email --phone --cio-id --anonymous-id             who the call is about
//   --secondary-id --secondary-email --secondary-cio-id      merge: the person merged away
//   --previous-id                                            alias: the previous id
//   --name  --data JSON|@file  --timestamp T  --timestamp-format auto|unix-seconds|unix-millis|iso8601
//   --event-id  --group-id  --context JSON|@file
//   --device-token  --platform ios|android  --last-used SECONDS
//   --batch @file|JSON   (--call batch: a JSON array of calls in the canonical Call form)
struct CallOptions {
    preflight::Api api = preflight::Api::TrackV1;
    preflight::Region region = preflight::Region::US;
    preflight::Call call;
};

// Adds the flags above to a parser (the command adds its own, e.g. --format).
void addCallOptions(QCommandLineParser &parser);
// Reads them; errors name the flag ("--timestamp: ...") and are bad input (exit code 2).
preflight::Result<CallOptions> callOptionsFrom(const QCommandLineParser &parser);
// "--data" style values: inline JSON, or @path to read it from a file.
preflight::Result<preflight::Json> jsonArgument(const QString &value, const std::string &flag);
