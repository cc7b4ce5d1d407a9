// Runs every parser of the protocol codecs over untrusted bytes, for the libFuzzer target and the
// randomized robustness test. Nothing here may crash or read outside `data`, whatever it holds;
// results are checked only for invariants that hold for any input.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/mysql/auth.h"
#include "server/mysql/column_definition.h"
#include "server/mysql/command.h"
#include "server/mysql/constants.h"
#include "server/mysql/handshake.h"
#include "server/mysql/packet_framer.h"
#include "server/mysql/response.h"
#include "server/mysql/resultset.h"

namespace tributary::mysql::fuzz {

// Aborts (for the fuzzer and the test alike) when an invariant fails.
inline void Require(bool condition) {
    if (!condition) std::abort();
}

// Every payload parser over one payload.
inline void ParsePayload(std::string_view payload) {
    if (auto r = ParseHandshakeResponse(payload); r.ok()) {
        Require(r->user.size() + r->auth_response.size() + r->database.size() <= payload.size());
    }
    IgnoreError(ParseInitialHandshake(payload).status());
    if (auto c = ParseCommand(payload); c.ok()) {
        Require(c->text.size() + c->wildcard.size() < payload.size());
    }
    IgnoreError(ParseAuthSwitchRequest(payload).status());
    IgnoreError(ParseColumnDefinition(payload).status());
    for (uint32_t caps :
         {0u, kClientProtocol41, kClientTransactions, kClientProtocol41 | kClientSessionTrack}) {
        IgnoreError(ParseOkPacket(payload, caps).status());
        IgnoreError(ParseErrPacket(payload, caps).status());
        IgnoreError(ParseEofPacket(payload, caps).status());
    }
    for (size_t columns : {size_t{0}, size_t{1}, size_t{3}, payload.size() + 1}) {
        if (auto row = ParseTextRow(payload, columns); row.ok()) Require(row->size() == columns);
    }
    (void)IsSslRequest(payload);
    (void)IsOkPacket(payload);
    (void)IsErrPacket(payload);
    (void)IsEofPacket(payload);
}

// Feeds `stream` to a PacketFramer in chunks whose sizes come from `chunk_seed`, with a small
// maximum packet size and (when `check_sequence`) sequence checking, parsing every packet popped.
inline void FrameAndParse(std::string_view stream, uint32_t chunk_seed, bool check_sequence) {
    PacketFramer framer(/*max_packet_size=*/1 << 16);
    if (check_sequence) framer.ExpectSequenceId(0);
    size_t fed = 0;
    size_t returned = 0;
    uint32_t state = chunk_seed | 1;
    while (fed < stream.size()) {
        state = state * 1103515245u + 12345u;
        const size_t chunk = std::min<size_t>(stream.size() - fed, 1 + (state >> 16) % 64);
        framer.Append(stream.substr(fed, chunk));
        fed += chunk;
        while (true) {
            auto next = framer.Next();
            if (!next.ok() || !next->has_value()) break;
            returned += (*next)->payload.size();
            ParsePayload((*next)->payload);
        }
        Require(returned + framer.buffered_bytes() <= fed);
    }
}

}  // namespace tributary::mysql::fuzz
