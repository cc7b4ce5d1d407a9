// Specification of the Routine Load job state machine (reference §2): every move, allowed or
// refused, and the names SHOW prints and jobs persist.
#include "load/routine/routine_load_state.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace tributary {
namespace {

using S = RoutineLoadState;

const S kAll[] = {S::kNeedSchedule, S::kRunning, S::kPaused, S::kStopped, S::kCancelled};

TEST(RoutineLoadStateTest, ExactlyTheseMovesAreAllowed) {
    const std::set<std::pair<S, S>> allowed = {
        {S::kNeedSchedule, S::kRunning},   {S::kNeedSchedule, S::kPaused},
        {S::kNeedSchedule, S::kStopped},   {S::kNeedSchedule, S::kCancelled},
        {S::kRunning, S::kNeedSchedule},   {S::kRunning, S::kPaused},
        {S::kRunning, S::kStopped},        {S::kRunning, S::kCancelled},
        {S::kPaused, S::kNeedSchedule},    {S::kPaused, S::kStopped},
        {S::kPaused, S::kCancelled},
    };
    for (S from : kAll) {
        for (S to : kAll) {
            SCOPED_TRACE(std::string(RoutineLoadStateName(from)) + " -> " +
                         std::string(RoutineLoadStateName(to)));
            EXPECT_EQ(CheckTransition(from, to).ok(), allowed.contains({from, to}));
        }
    }
}

TEST(RoutineLoadStateTest, RefusalsUseStarRocksText) {
    EXPECT_EQ(CheckTransition(S::kStopped, S::kNeedSchedule).message(),
              "Could not transform STOPPED to NEED_SCHEDULE");
    EXPECT_EQ(CheckTransition(S::kPaused, S::kPaused).message(),
              "Could not transform PAUSED to PAUSED");
}

TEST(RoutineLoadStateTest, FinalStates) {
    EXPECT_TRUE(IsFinal(S::kStopped));
    EXPECT_TRUE(IsFinal(S::kCancelled));
    EXPECT_FALSE(IsFinal(S::kPaused));
    EXPECT_FALSE(IsFinal(S::kRunning));
    EXPECT_FALSE(IsFinal(S::kNeedSchedule));
}

TEST(RoutineLoadStateTest, NamesRoundTrip) {
    for (S s : kAll) EXPECT_EQ(ParseRoutineLoadState(RoutineLoadStateName(s)), s);
    EXPECT_EQ(ParseRoutineLoadState("need_schedule"), S::kNeedSchedule);
    EXPECT_EQ(ParseRoutineLoadState("UNSTABLE"), std::nullopt);  // a substate, not a state
}

}  // namespace
}  // namespace tributary
