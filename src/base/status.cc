#include "base/status.h"

#include <cstring>

namespace tributary {

std::string_view CodeName(Status::Code code) {
    switch (code) {
        case Status::Code::kOk: return "OK";
        case Status::Code::kInvalidArgument: return "InvalidArgument";
        case Status::Code::kNotFound: return "NotFound";
        case Status::Code::kAlreadyExists: return "AlreadyExists";
        case Status::Code::kPermissionDenied: return "PermissionDenied";
        case Status::Code::kNotSupported: return "NotSupported";
        case Status::Code::kCorruption: return "Corruption";
        case Status::Code::kIOError: return "IOError";
        case Status::Code::kAborted: return "Aborted";
        case Status::Code::kTimedOut: return "TimedOut";
        case Status::Code::kOutOfRange: return "OutOfRange";
        case Status::Code::kInternal: return "Internal";
    }
    return "Unknown";
}

std::string Status::ToString() const {
    if (ok()) return "OK";
    std::string out(CodeName(state_->code));
    out += ": ";
    out += state_->message;
    if (!state_->frames.empty()) {
        out += " [at ";
        out += state_->frames;
        out += "]";
    }
    return out;
}

Status Status::Prefixed(std::string_view prefix) const {
    if (ok()) return Status();
    Status copy(*this);
    copy.state_->message = std::string(prefix) + ": " + copy.state_->message;
    return copy;
}

Status&& Status::AddFrame(const char* file, int line) && {
    if (state_) {
        const char* slash = std::strrchr(file, '/');
        std::string frame = std::string(slash ? slash + 1 : file) + ":" + std::to_string(line);
        if (!state_->frames.empty()) state_->frames += " <- ";
        state_->frames += frame;
    }
    return std::move(*this);
}

}  // namespace tributary
