#include "CliCommand.h"

#include <preflight/Version.h>

#include <string>

int runVersionCommand(const QStringList &)
{
    printOut(std::string("preflight-cli ") + preflight::kVersionString + "\n");
    return ExitCode::Ok;
}
