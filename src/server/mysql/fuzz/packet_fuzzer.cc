// libFuzzer target for the MySQL protocol codecs: the input is treated both as a byte stream
// (framed by PacketFramer, each packet parsed) and as a single packet payload.
//   build:  make fuzz
//   run:    build-fuzz/src/server/mysql/mysql_packet_fuzzer -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/mysql/fuzz/exercise_parsers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    tributary::mysql::fuzz::ParsePayload(bytes);
    const uint32_t chunk_seed = size > 0 ? data[0] : 0;
    tributary::mysql::fuzz::FrameAndParse(bytes, chunk_seed, /*check_sequence=*/false);
    tributary::mysql::fuzz::FrameAndParse(bytes, chunk_seed + 1, /*check_sequence=*/true);
    return 0;
}
