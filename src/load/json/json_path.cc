#include "load/json/json_path.h"

#include <fmt/format.h>

namespace tributary::json_internal {

Status ParsePath(std::string_view what, std::string_view path, std::vector<PathStep>* steps) {
    steps->clear();
    auto invalid = [&](const std::string& problem) {
        return Status::InvalidArgument(fmt::format("invalid {} '{}': {}", what, path, problem));
    };
    if (path.empty()) return invalid("it is empty");
    if (path[0] != '$') {  // a plain key
        steps->push_back(PathStep{std::string(path)});
        return Status::OK();
    }
    size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            const size_t start = ++i;
            while (i < path.size() && path[i] != '.' && path[i] != '[') ++i;
            if (i == start) return invalid(fmt::format("empty key at position {}", start));
            steps->push_back(PathStep{std::string(path.substr(start, i - start))});
            continue;
        }
        if (path[i] != '[') return invalid(fmt::format("expected '.' or '[' at position {}", i));
        ++i;
        if (i < path.size() && (path[i] == '\'' || path[i] == '"')) {
            const char quote = path[i++];
            const size_t close = path.find(quote, i);
            if (close == std::string_view::npos) return invalid("unterminated quoted key");
            steps->push_back(PathStep{std::string(path.substr(i, close - i))});
            i = close + 1;
        } else {
            const size_t start = i;
            int64_t index = 0;
            while (i < path.size() && i - start < 18 && path[i] >= '0' && path[i] <= '9') {
                index = index * 10 + (path[i++] - '0');
            }
            if (i == start) return invalid("an array index must be a non-negative integer");
            steps->push_back(PathStep{{}, index});
        }
        if (i >= path.size() || path[i] != ']') {
            return invalid(fmt::format("expected ']' at position {}", i));
        }
        ++i;
    }
    return Status::OK();
}

}  // namespace tributary::json_internal
