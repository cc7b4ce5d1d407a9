// Status and StatusOr<T>: errors as values.
//
// Every function that can fail returns a Status (or StatusOr<T> when it also produces a value).
// Both are [[nodiscard]]: ignoring one is a compile error under -Werror, and discarding one on
// purpose is written `IgnoreError(expr)` so that it can be searched for.
//
// A non-OK Status carries:
//   - a Code, the broad kind of failure, for callers that branch on it;
//   - an ErrorCode, the MySQL error number the client will see (base/error_code.h);
//   - a message for humans, which names what was wrong and where;
//   - a context trail of "file:line" frames appended by RETURN_IF_ERROR / ASSIGN_OR_RETURN as the
//     error travels up. The trail shows in ToString() (logs) but not in message() (clients).
//
// An OK Status holds no allocation; copying an error copies its state.
// Thread safety: a Status is a value; distinct objects may be used from distinct threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/error_code.h"

namespace tributary {

class [[nodiscard]] Status {
public:
    enum class Code : uint8_t {
        kOk = 0,
        kInvalidArgument,   // the request is malformed or names something invalid
        kNotFound,          // a named object does not exist
        kAlreadyExists,     // a named object exists already
        kPermissionDenied,  // the user lacks a privilege or gave wrong credentials
        kNotSupported,      // valid, but not implemented (yet)
        kCorruption,        // stored bytes fail a check
        kIOError,           // the operating system or a library refused an operation
        kAborted,           // the operation was cancelled or refused by a fence
        kTimedOut,          // a deadline passed
        kOutOfRange,        // a position outside what exists (a Kafka offset no longer in the log)
        kInternal,          // a bug or broken invariant
    };

    Status() = default;  // OK

    static Status OK() { return Status(); }
    static Status InvalidArgument(std::string msg, ErrorCode ec = ErrorCode::kUnknownError) {
        return Status(Code::kInvalidArgument, ec, std::move(msg));
    }
    static Status NotFound(std::string msg, ErrorCode ec = ErrorCode::kUnknownError) {
        return Status(Code::kNotFound, ec, std::move(msg));
    }
    static Status AlreadyExists(std::string msg, ErrorCode ec = ErrorCode::kUnknownError) {
        return Status(Code::kAlreadyExists, ec, std::move(msg));
    }
    static Status PermissionDenied(std::string msg, ErrorCode ec = ErrorCode::kAccessDenied) {
        return Status(Code::kPermissionDenied, ec, std::move(msg));
    }
    static Status NotSupported(std::string msg, ErrorCode ec = ErrorCode::kNotSupportedYet) {
        return Status(Code::kNotSupported, ec, std::move(msg));
    }
    static Status Corruption(std::string msg) {
        return Status(Code::kCorruption, ErrorCode::kUnknownError, std::move(msg));
    }
    static Status IOError(std::string msg) {
        return Status(Code::kIOError, ErrorCode::kUnknownError, std::move(msg));
    }
    static Status Aborted(std::string msg, ErrorCode ec = ErrorCode::kUnknownError) {
        return Status(Code::kAborted, ec, std::move(msg));
    }
    static Status TimedOut(std::string msg) {
        return Status(Code::kTimedOut, ErrorCode::kUnknownError, std::move(msg));
    }
    static Status OutOfRange(std::string msg) {
        return Status(Code::kOutOfRange, ErrorCode::kUnknownError, std::move(msg));
    }
    static Status Internal(std::string msg) {
        return Status(Code::kInternal, ErrorCode::kUnknownError, std::move(msg));
    }
    // A SQL syntax error (1064); `msg` should name the line, column and what was expected.
    static Status SyntaxError(std::string msg) {
        return Status(Code::kInvalidArgument, ErrorCode::kParseError, std::move(msg));
    }

    Status(const Status& other)
        : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
    Status& operator=(const Status& other) {
        if (this != &other) {
            state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
        }
        return *this;
    }
    Status(Status&&) noexcept = default;
    Status& operator=(Status&&) noexcept = default;

    bool ok() const { return state_ == nullptr; }
    Code code() const { return state_ ? state_->code : Code::kOk; }
    ErrorCode error_code() const { return state_ ? state_->error_code : ErrorCode::kNone; }
    // The message for the client; empty when OK.
    std::string_view message() const { return state_ ? std::string_view(state_->message) : ""; }

    bool IsNotFound() const { return code() == Code::kNotFound; }
    bool IsAlreadyExists() const { return code() == Code::kAlreadyExists; }

    // "OK", or "<Code>: <message> [at file:line <- file:line ...]" for logs.
    std::string ToString() const;

    // Returns a copy whose message starts with `prefix: `. Use to say which object an error
    // concerns ("segment 12.dat: checksum mismatch").
    Status Prefixed(std::string_view prefix) const;

    // Appends a "file:line" frame to the context trail. Used by RETURN_IF_ERROR.
    Status&& AddFrame(const char* file, int line) &&;

private:
    struct State {
        Code code;
        ErrorCode error_code;
        std::string message;
        std::string frames;
    };

    Status(Code code, ErrorCode ec, std::string msg)
        : state_(std::make_unique<State>(State{code, ec, std::move(msg), {}})) {}

    std::unique_ptr<State> state_;
};

// Discards a Status on purpose. Write why beside the call.
inline void IgnoreError(const Status&) {}

std::string_view CodeName(Status::Code code);

// Holds either a value of T or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
public:
    StatusOr(const T& value) : value_(value) {}
    StatusOr(T&& value) : value_(std::move(value)) {}
    // REQUIRES: !status.ok(); an OK status without a value is a bug and becomes kInternal.
    StatusOr(Status status) : value_(std::move(status)) {
        if (std::get<Status>(value_).ok()) {
            value_ = Status::Internal("StatusOr constructed from an OK Status without a value");
        }
    }

    bool ok() const { return std::holds_alternative<T>(value_); }
    const Status& status() const {
        static const Status kOk;
        return ok() ? kOk : std::get<Status>(value_);
    }
    Status TakeStatus() && { return ok() ? Status::OK() : std::move(std::get<Status>(value_)); }

    // REQUIRES: ok().
    const T& value() const& { return std::get<T>(value_); }
    T& value() & { return std::get<T>(value_); }
    T&& value() && { return std::get<T>(std::move(value_)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

private:
    std::variant<Status, T> value_;
};

}  // namespace tributary

#define TRIBUTARY_CONCAT_INNER(a, b) a##b
#define TRIBUTARY_CONCAT(a, b) TRIBUTARY_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define RETURN_IF_ERROR(expr)                                                  \
    do {                                                                       \
        ::tributary::Status _st = (expr);                                      \
        if (!_st.ok()) return std::move(_st).AddFrame(__FILE__, __LINE__);     \
    } while (0)

// `ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a StatusOr, or returns its error.
#define ASSIGN_OR_RETURN(lhs, expr) \
    ASSIGN_OR_RETURN_IMPL(TRIBUTARY_CONCAT(_status_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                                          \
    auto tmp = (expr);                                                                 \
    if (!tmp.ok()) return std::move(tmp).TakeStatus().AddFrame(__FILE__, __LINE__);   \
    lhs = std::move(tmp).value()
