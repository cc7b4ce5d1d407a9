#include "storage/storage_layout.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/string_util.h"

namespace tributary {

namespace {

constexpr int64_t kShards = 256;

Status SyncDir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Status::IOError(
            fmt::format("cannot open directory {}: {}", dir, std::strerror(errno)));
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) {
        return Status::IOError(
            fmt::format("cannot fsync directory {}: {}", dir, std::strerror(saved)));
    }
    return Status::OK();
}

}  // namespace

std::string StorageDataRoot(std::string_view data_dir) {
    return fmt::format("{}/storage/data", data_dir);
}

std::string TabletDir(std::string_view data_dir, int64_t tablet_id) {
    return fmt::format("{}/{:03}/{}", StorageDataRoot(data_dir), tablet_id % kShards, tablet_id);
}

std::string SegmentPath(std::string_view data_dir, int64_t tablet_id, int64_t rowset_id,
                        size_t segment_no) {
    return fmt::format("{}/{}_{}.dat", TabletDir(data_dir, tablet_id), rowset_id, segment_no);
}

std::optional<int64_t> ParseSegmentFileName(std::string_view file_name) {
    constexpr std::string_view kSuffix = ".dat";
    if (!file_name.ends_with(kSuffix)) return std::nullopt;
    file_name.remove_suffix(kSuffix.size());
    size_t underscore = file_name.find('_');
    if (underscore == std::string_view::npos) return std::nullopt;
    int64_t rowset_id = 0;
    int64_t segment_no = 0;
    if (!ParseInt64(file_name.substr(0, underscore), &rowset_id) ||
        !ParseInt64(file_name.substr(underscore + 1), &segment_no) || rowset_id <= 0 ||
        segment_no < 0) {
        return std::nullopt;
    }
    return rowset_id;
}

Status CreateDirDurably(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return Status::OK();
    fs::path path(dir);
    const std::string parent = path.parent_path().string();
    if (!parent.empty() && parent != dir) RETURN_IF_ERROR(CreateDirDurably(parent));
    if (!fs::create_directory(path, ec) && ec) {
        return Status::IOError(fmt::format("cannot create directory {}: {}", dir, ec.message()));
    }
    return parent.empty() ? Status::OK() : SyncDir(parent);
}

}  // namespace tributary
