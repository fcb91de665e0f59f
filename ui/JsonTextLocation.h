#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace preflight::ui {

// Where an error's location ("file:12:5" or "file#/steps/0/at") falls in the file's text, so an editor
// can put the cursor on it. Lines and columns count from 1; columns in bytes, as core reports them.
struct JsonTextLocation {
    int line = 1;
    int column = 1;
    std::size_t offset = 0; // byte offset into the text

    // The member (or array element) a JSON pointer names, or the deepest part of it the text has.
    static JsonTextLocation ofPointer(std::string_view text, std::string_view pointer);
    // From an Error's `where`: "origin:line:column" or "origin#/pointer"; the start of the text otherwise.
    static JsonTextLocation ofWhere(std::string_view text, const std::string &where);
};

} // namespace preflight::ui
