#pragma once

#include "common/Json.h"

#include <string>
#include <vector>

// A SARIF 2.1.0 log of one run of one command (lint, validate, diff, run), for code-scanning tools: rule
// ids are the stable codes, locations a file with line and column (and the JSON pointer as the logical
// location). See docs/ci.md.
class SarifLog
{
public:
    enum class Level { Error, Warning, Note };

    struct Result {
        std::string ruleId;
        Level level = Level::Warning;
        std::string message;
        std::string file; // as the user named it; relative paths stay relative
        int line = 0;     // 1-based; 0: the whole file
        int column = 0;
        std::string pointer; // JSON pointer inside the file, if any
    };

    void add(Result result);
    preflight::OrderedJson toJson() const;

private:
    std::vector<std::string> m_rules; // in order of first use: results refer to them by index
    std::vector<Result> m_results;
};

// Where a JSON pointer is in a file's text, as a result's line and column (1, 1 when not found).
void locateInText(SarifLog::Result &result, const std::string &text);

// The same finding as a GitHub Actions workflow command (::error / ::warning / ::notice file=…,line=…),
// which GitHub shows on the pull request's line.
std::string githubAnnotation(const SarifLog::Result &result);
