#include "txn/label.h"

#include <gtest/gtest.h>

#include <set>

namespace tributary {
namespace {

TEST(LabelTest, AcceptsStarRocksLabelCharacters) {
    EXPECT_TRUE(ValidateLabel("job1-10042-3f2a:ab_C").ok());
    EXPECT_TRUE(ValidateLabel(std::string(128, 'a')).ok());
}

TEST(LabelTest, RejectsEmptyTooLongAndForeignCharacters) {
    for (const std::string& bad : {std::string(), std::string(129, 'a'), std::string("a b"),
                                   std::string("a.b"), std::string("l\xc3\xa9")}) {
        Status st = ValidateLabel(bad);
        EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << bad;
        EXPECT_EQ(st.message(),
                  "Label format error. regex: ^[-_A-Za-z0-9:]{1,128}$, label: " + bad);
    }
}

TEST(LabelTest, GeneratedLabelsAreValidDistinctAndCarryThePrefix) {
    std::set<std::string> labels;
    for (int i = 0; i < 1000; ++i) {
        std::string label = GenerateLabel("insert");
        EXPECT_TRUE(label.starts_with("insert_")) << label;
        EXPECT_EQ(label.size(), std::string("insert_").size() + 36) << label;
        EXPECT_TRUE(ValidateLabel(label).ok()) << label;
        labels.insert(label);
    }
    EXPECT_EQ(labels.size(), 1000u);
}

}  // namespace
}  // namespace tributary
