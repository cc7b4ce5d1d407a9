// Specification of the error log: every error row counted, the first kMaxKeptRows kept as
// "Error: <reason>. Row: <raw>", files named so no path escapes the directory, and files older
// than the reserve time removed.
#include "load/load_error_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace tributary {
namespace {

namespace fs = std::filesystem;

class ErrorLogStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("error_log_test_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path dir_;
};

TEST(LoadErrorLogTest, CountsEveryRowAndKeepsTheFirstOnes) {
    LoadErrorLog log;
    EXPECT_TRUE(log.empty());
    for (size_t i = 0; i < LoadErrorLog::kMaxKeptRows + 5; ++i) {
        log.Add("reason " + std::to_string(i), "raw " + std::to_string(i));
    }
    EXPECT_EQ(log.count(), LoadErrorLog::kMaxKeptRows + 5);
    EXPECT_EQ(log.lines().size(), LoadErrorLog::kMaxKeptRows);
    EXPECT_EQ(log.lines()[0], "Error: reason 0. Row: raw 0");
    EXPECT_EQ(log.first_reason(), "reason 0");
}

TEST(LoadErrorLogTest, CutsHugeRawRows) {
    LoadErrorLog log;
    log.Add("too long", std::string(LoadErrorLog::kMaxRawBytes + 100, 'x'));
    EXPECT_LT(log.lines()[0].size(), LoadErrorLog::kMaxRawBytes + 50);
    EXPECT_TRUE(log.lines()[0].ends_with("..."));
}

TEST_F(ErrorLogStoreTest, WritesAndReadsBackAFile) {
    auto store = ErrorLogStore::Open(dir_.string(), 48).value();
    LoadErrorLog log;
    log.Add("column 'k': 'x' is not a valid INT", "x,1");
    log.Add("Value count does not match column count. Expect 2, but got 1", "7");
    const std::string name = store->Write(log).value();
    EXPECT_TRUE(name.starts_with("error_log_"));
    EXPECT_EQ(store->Read(name).value(),
              "Error: column 'k': 'x' is not a valid INT. Row: x,1\n"
              "Error: Value count does not match column count. Expect 2, but got 1. Row: 7\n");
    EXPECT_EQ(ErrorLogStore::Url("h:8030", name), "http://h:8030/api/_load_error_log?file=" + name);
}

TEST_F(ErrorLogStoreTest, SaysHowManyRowsWereNotKept) {
    auto store = ErrorLogStore::Open(dir_.string(), 48).value();
    LoadErrorLog log;
    for (size_t i = 0; i < LoadErrorLog::kMaxKeptRows + 3; ++i) log.Add("bad", "r");
    const std::string content = store->Read(store->Write(log).value()).value();
    EXPECT_TRUE(content.ends_with("(3 more error rows not kept)\n")) << content.substr(content.size() - 60);
}

TEST_F(ErrorLogStoreTest, RefusesNamesThatAreNotErrorLogs) {
    auto store = ErrorLogStore::Open(dir_.string(), 48).value();
    EXPECT_EQ(store->Read("../meta").status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(store->Read("error_log_../../etc").status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(store->Read("error_log_00ff").status().code(), Status::Code::kNotFound);
}

TEST_F(ErrorLogStoreTest, RemovesFilesOlderThanTheReserveTime) {
    auto store = ErrorLogStore::Open(dir_.string(), 48).value();
    LoadErrorLog log;
    log.Add("bad", "r");
    const std::string old_name = store->Write(log).value();
    const std::string new_name = store->Write(log).value();
    fs::last_write_time(dir_ / old_name,
                        fs::file_time_type::clock::now() - std::chrono::hours(49));
    EXPECT_EQ(store->PurgeExpired(), 1);
    EXPECT_EQ(store->Read(old_name).status().code(), Status::Code::kNotFound);
    EXPECT_TRUE(store->Read(new_name).ok());
}

}  // namespace
}  // namespace tributary
