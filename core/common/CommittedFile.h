#pragma once

#include "common/Result.h"

#include <QString>

#include <string>

namespace preflight {

// The text `path` had at the last commit of the git repository it is in (`git show HEAD:<path>`), so a
// plan can be compared with what the team last agreed on. Error when git is missing, the folder is not
// a repository, or the file is not committed.
Result<std::string> committedFileText(const QString &path);
// The same at any revision git understands ("origin/main", a tag, a commit).
Result<std::string> committedFileText(const QString &path, const QString &revision);

} // namespace preflight
