#include "common/Spelling.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace preflight {

std::string normalizedName(std::string_view name)
{
    std::string result;
    for (const char c : name)
        if (c != '_' && c != ' ' && c != '-')
            result.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return result;
}

std::size_t editDistance(std::string_view a, std::string_view b)
{
    // Optimal string alignment: a swap of two neighbours ("snet" for "sent") is one slip, not two.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            row[j] =
                std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return previous[b.size()];
}

std::string closestName(std::string_view name, const std::vector<std::string> &candidates)
{
    const std::string normalized = normalizedName(name);
    for (const std::string &candidate : candidates)
        if (normalizedName(candidate) == normalized)
            return candidate;
    // Allow about one typo per four characters: close enough to be a slip, far enough to avoid noise.
    const std::size_t budget = std::max<std::size_t>(1, normalized.size() / 4);
    std::string best;
    std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
    for (const std::string &candidate : candidates) {
        const std::size_t distance = editDistance(normalized, normalizedName(candidate));
        if (distance <= budget && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace preflight
