#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "storage/segment/segment_reader.h"
#include "storage/segment/segment_test_util.h"
#include "storage/segment/segment_writer.h"

namespace tributary {
namespace {

using testing_util::ExpectSameRows;
using testing_util::MakeAllTypesChunk;
using testing_util::TempDir;

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Opens and reads everything; returns the status, and checks rows when it succeeds.
Status OpenAndReadAll(const std::string& path, const Chunk& expected) {
    ASSIGN_OR_RETURN(auto reader, SegmentReader::Open(path));
    std::vector<uint32_t> ids(expected.num_columns());
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<uint32_t>(i);
    ASSIGN_OR_RETURN(Chunk chunk, reader->ReadColumns(ids, {0, reader->num_rows()}));
    if (chunk.num_rows() != expected.num_rows()) return Status::Internal("row count changed");
    ExpectSameRows(expected, 0, chunk);
    return Status::OK();
}

class SegmentCorruption : public ::testing::Test {
protected:
    void SetUp() override {
        expected_ = MakeAllTypesChunk(true, 0, 40, false);
        path_ = dir_.File("small");
        auto writer = SegmentWriter::Create(path_, expected_.schema(), 1);
        ASSERT_TRUE(writer.ok());
        ASSERT_TRUE((*writer)->Append(expected_).ok());
        ASSERT_TRUE((*writer)->Finish().ok());
        original_ = ReadFile(path_);
    }

    TempDir dir_;
    Chunk expected_;
    std::string path_;
    std::string original_;
};

TEST_F(SegmentCorruption, EveryFlippedByteIsDetected) {
    std::string damaged_path = dir_.File("damaged");
    for (size_t i = 0; i < original_.size(); ++i) {
        std::string bytes = original_;
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
        WriteFile(damaged_path, bytes);
        Status st = OpenAndReadAll(damaged_path, expected_);
        ASSERT_EQ(st.code(), Status::Code::kCorruption) << "byte " << i << ": " << st.ToString();
        ASSERT_NE(st.message().find(damaged_path), std::string::npos) << st.ToString();
    }
}

TEST_F(SegmentCorruption, EveryTruncationIsDetected) {
    std::string damaged_path = dir_.File("truncated");
    for (size_t len = 0; len < original_.size(); ++len) {
        WriteFile(damaged_path, original_.substr(0, len));
        Status st = OpenAndReadAll(damaged_path, expected_);
        ASSERT_EQ(st.code(), Status::Code::kCorruption) << "length " << len << ": "
                                                        << st.ToString();
    }
}

TEST_F(SegmentCorruption, IntactFileReadsBack) {
    EXPECT_TRUE(OpenAndReadAll(path_, expected_).ok());
}

}  // namespace
}  // namespace tributary
