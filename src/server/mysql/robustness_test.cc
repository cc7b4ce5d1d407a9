// Randomized robustness: random and mutated inputs to every parser never crash and never read out
// of bounds (each input sits in a heap buffer of exactly its size, so ASan builds catch any
// overread). Deterministic: a fixed seed, printed on failure.
#include <gtest/gtest.h>

#include <memory>
#include <random>

#include "server/mysql/auth.h"
#include "server/mysql/column_definition.h"
#include "server/mysql/command.h"
#include "server/mysql/fuzz/exercise_parsers.h"
#include "server/mysql/handshake.h"
#include "server/mysql/packet_framer.h"
#include "server/mysql/response.h"
#include "server/mysql/resultset.h"

namespace tributary::mysql {
namespace {

constexpr uint32_t kSeed = 20240611;
constexpr int kMutationsPerSample = 400;
constexpr int kRandomInputs = 5000;

// Well-formed payloads of every kind, the starting points for mutation.
std::vector<std::string> Samples() {
    std::vector<std::string> samples;
    InitialHandshake hs;
    hs.server_version = "5.1.0";
    hs.scramble = "abcdefghijklmnopqrst";
    samples.push_back(BuildInitialHandshake(hs));

    HandshakeResponse response;
    response.capabilities = kDefaultServerCapabilities;
    response.max_packet_size = 1 << 24;
    response.charset = kCharsetUtf8mb4GeneralCi;
    response.user = "root";
    response.auth_response = ComputeNativeToken(hs.scramble, "secret");
    response.database = "shop";
    response.auth_plugin = std::string(kNativePasswordPlugin);
    response.connect_attrs = {{"_os", "Linux"}, {"_client_name", "libmysql"}};
    samples.push_back(BuildHandshakeResponse(response));
    response.capabilities &= ~kClientPluginAuthLenencClientData;
    samples.push_back(BuildHandshakeResponse(response));

    for (const char* sql : {"select 1", "show databases"}) {
        Command c;
        c.type = CommandType::kQuery;
        c.text = sql;
        samples.push_back(BuildCommand(c));
    }
    Command field_list;
    field_list.type = CommandType::kFieldList;
    field_list.text = "orders";
    field_list.wildcard = "%";
    samples.push_back(BuildCommand(field_list));

    OkPacket ok;
    ok.affected_rows = 300;
    ok.info = "Rows matched: 1";
    samples.push_back(BuildOkPacket(ok, kClientProtocol41));
    samples.push_back(BuildErrPacket(ErrPacket{1064, "42000", "syntax error"}, kClientProtocol41));
    samples.push_back(BuildEofPacket(EofPacket{0, 2}, kClientProtocol41));
    samples.push_back(
        BuildColumnDefinition(ColumnDefinitionFor("id", TypeDesc::Of(LogicalType::kBigInt), true)));
    samples.push_back(BuildTextRow({"1", std::nullopt, std::string(300, 'x')}));
    samples.push_back(BuildAuthSwitchRequest(kNativePasswordPlugin, hs.scramble));
    return samples;
}

class Mutator {
  public:
    explicit Mutator(uint32_t seed) : rng_(seed) {}

    size_t Below(size_t n) {
        return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
    }

    std::string RandomBytes(size_t max_length) {
        std::string s(Below(max_length + 1), '\0');
        for (char& c : s) c = static_cast<char>(Below(256));
        return s;
    }

    // One to four random edits: bit flips, interesting bytes, truncation, insertion, duplication.
    std::string Mutate(std::string s) {
        static constexpr uint8_t kInteresting[] = {0x00, 0x01, 0x0c, 0xfa, 0xfb, 0xfc,
                                                   0xfd, 0xfe, 0xff, 0x7f, 0x80};
        const size_t edits = 1 + Below(4);
        for (size_t e = 0; e < edits; ++e) {
            switch (Below(6)) {
                case 0:
                    if (!s.empty()) s[Below(s.size())] ^= static_cast<char>(1 << Below(8));
                    break;
                case 1:
                    if (!s.empty()) {
                        s[Below(s.size())] =
                            static_cast<char>(kInteresting[Below(sizeof(kInteresting))]);
                    }
                    break;
                case 2:
                    s.resize(Below(s.size() + 1));
                    break;
                case 3:
                    s.insert(Below(s.size() + 1), RandomBytes(8));
                    break;
                case 4:
                    if (!s.empty()) {
                        const size_t from = Below(s.size());
                        s.insert(Below(s.size() + 1), s.substr(from, Below(16)));
                    }
                    break;
                default:
                    if (!s.empty()) s.erase(Below(s.size()), Below(8));
                    break;
            }
        }
        return s;
    }

  private:
    std::mt19937 rng_;
};

// Copies `s` into a heap block of exactly its size, so that any overread leaves the allocation.
class ExactBuffer {
  public:
    explicit ExactBuffer(const std::string& s) : data_(new char[s.size()]), size_(s.size()) {
        std::copy(s.begin(), s.end(), data_.get());
    }
    std::string_view view() const { return {data_.get(), size_}; }

  private:
    std::unique_ptr<char[]> data_;
    size_t size_;
};

TEST(ProtocolRobustnessTest, MutatedPayloadsNeverCrashAnyParser) {
    SCOPED_TRACE(::testing::Message() << "seed " << kSeed);
    Mutator mutator(kSeed);
    for (const std::string& sample : Samples()) {
        for (int i = 0; i < kMutationsPerSample; ++i) {
            ExactBuffer input(mutator.Mutate(sample));
            fuzz::ParsePayload(input.view());
        }
    }
}

TEST(ProtocolRobustnessTest, RandomPayloadsNeverCrashAnyParser) {
    SCOPED_TRACE(::testing::Message() << "seed " << kSeed);
    Mutator mutator(kSeed + 1);
    for (int i = 0; i < kRandomInputs; ++i) {
        ExactBuffer input(mutator.RandomBytes(96));
        fuzz::ParsePayload(input.view());
    }
}

TEST(ProtocolRobustnessTest, MutatedStreamsNeverCrashTheFramer) {
    SCOPED_TRACE(::testing::Message() << "seed " << kSeed);
    Mutator mutator(kSeed + 2);
    std::string stream;
    uint8_t seq = 0;
    for (const std::string& sample : Samples()) AppendPacket(&stream, seq, sample);
    for (int i = 0; i < 2000; ++i) {
        ExactBuffer input(mutator.Mutate(stream));
        fuzz::FrameAndParse(input.view(), static_cast<uint32_t>(i), /*check_sequence=*/i % 2 == 0);
    }
}

TEST(ProtocolRobustnessTest, RandomStreamsNeverCrashTheFramer) {
    SCOPED_TRACE(::testing::Message() << "seed " << kSeed);
    Mutator mutator(kSeed + 3);
    for (int i = 0; i < 2000; ++i) {
        ExactBuffer input(mutator.RandomBytes(256));
        fuzz::FrameAndParse(input.view(), static_cast<uint32_t>(i), /*check_sequence=*/i % 2 == 0);
    }
}

}  // namespace
}  // namespace tributary::mysql
