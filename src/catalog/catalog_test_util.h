// Helpers shared by the catalog's tests (test-only; not part of tributary_catalog).
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/table_definition.h"
#include "catalog/table_validator.h"
#include "meta/meta_store.h"
#include "types/type_desc.h"

namespace tributary::testing {

inline TypeDesc Int() { return TypeDesc::Of(LogicalType::kInt); }
inline TypeDesc BigInt() { return TypeDesc::Of(LogicalType::kBigInt); }
inline TypeDesc LargeInt() { return TypeDesc::Of(LogicalType::kLargeInt); }
inline TypeDesc Double() { return TypeDesc::Of(LogicalType::kDouble); }
inline TypeDesc Date() { return TypeDesc::Of(LogicalType::kDate); }
inline TypeDesc DateTime() { return TypeDesc::Of(LogicalType::kDateTime); }
inline TypeDesc Json() { return TypeDesc::Of(LogicalType::kJson); }
inline TypeDesc Bool() { return TypeDesc::Of(LogicalType::kBoolean); }
inline TypeDesc Varchar(int32_t n) { return TypeDesc::Varchar(n); }

inline ColumnDefinition Col(std::string name, TypeDesc type,
                            std::optional<bool> nullable = std::nullopt,
                            AggregateFunction aggregate = AggregateFunction::kNone) {
    ColumnDefinition c;
    c.name = std::move(name);
    c.type = type;
    c.nullable = nullable;
    c.aggregate = aggregate;
    return c;
}

inline DistributionDefinition Hash(std::vector<std::string> columns,
                                   std::optional<int> buckets = std::nullopt) {
    return DistributionDefinition{DistributionDefinition::Kind::kHash, std::move(columns), buckets};
}

// DUPLICATE KEY(k1, k2) table: k1 BIGINT, k2 DATE, v VARCHAR(26); DISTRIBUTED BY HASH(k1)
// BUCKETS 3.
inline TableDefinition DuplicateTable(std::string name = "t") {
    TableDefinition def;
    def.name = std::move(name);
    def.columns = {Col("k1", BigInt(), false), Col("k2", Date(), false), Col("v", Varchar(26))};
    def.model = KeyModel::kDuplicate;
    def.model_stated = true;
    def.key_columns = {"k1", "k2"};
    def.distribution = Hash({"k1"}, 3);
    return def;
}

inline PartitionDefinition LessThan(std::string name, PartitionValues upper,
                                    std::optional<int> buckets = std::nullopt) {
    PartitionDefinition p;
    p.name = std::move(name);
    p.kind = PartitionDefinition::Kind::kLessThan;
    p.upper = std::move(upper);
    p.buckets = buckets;
    return p;
}

inline PartitionDefinition FixedRange(std::string name, PartitionValues lower,
                                      PartitionValues upper) {
    PartitionDefinition p;
    p.name = std::move(name);
    p.kind = PartitionDefinition::Kind::kFixedRange;
    p.lower = std::move(lower);
    p.upper = std::move(upper);
    return p;
}

// DuplicateTable() partitioned by RANGE(k2) with the given partitions.
inline TableDefinition DatePartitionedTable(std::vector<PartitionDefinition> partitions,
                                            std::string name = "t") {
    TableDefinition def = DuplicateTable(std::move(name));
    def.partitioning = RangePartitionDefinition{{"k2"}, std::move(partitions)};
    return def;
}

// Validates `def` with 4 automatic buckets.
inline StatusOr<ValidatedTable> Validate(const TableDefinition& def) {
    return ValidateCreateTable(def, /*auto_buckets=*/4);
}

// Expects `status` to have failed with `code` and a message containing `text`.
inline void ExpectError(const Status& status, ErrorCode code, std::string_view text) {
    ASSERT_FALSE(status.ok()) << "expected an error containing: " << text;
    EXPECT_EQ(status.error_code(), code) << status.ToString();
    EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr(std::string(text)));
}

template <typename T>
void ExpectError(const StatusOr<T>& result, ErrorCode code, std::string_view text) {
    ExpectError(result.status(), code, text);
}

// For validation errors, which mostly carry 1105.
template <typename T>
void ExpectInvalid(const StatusOr<T>& result, std::string_view text,
                   ErrorCode code = ErrorCode::kUnknownError) {
    ExpectError(result.status(), code, text);
}

// A fixture owning a MetaStore directory and a Catalog on it, with fixed auto buckets (4) and a
// fixed clock so that results do not depend on the machine.
class CatalogFixture : public ::testing::Test {
protected:
    static constexpr int64_t kNow = 1700000000;

    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("catalog_test_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        Reopen();
    }

    void TearDown() override {
        catalog_.reset();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    static CatalogOptions Options() {
        CatalogOptions options;
        options.auto_buckets = 4;
        options.clock = [] { return kNow; };
        return options;
    }

    // Destroys the catalog and the store and opens both again from the same directory.
    void Reopen() {
        catalog_.reset();
        store_.reset();
        auto store = MetaStore::Open(dir_.string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        auto catalog = Catalog::Open(store_.get(), Options());
        ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
        catalog_ = std::move(catalog).value();
    }

    // Every key and value in the store, for "nothing was written" checks.
    std::vector<std::pair<std::string, std::string>> DumpStore() {
        std::vector<std::pair<std::string, std::string>> out;
        EXPECT_TRUE(store_
                        ->Scan("",
                               [&](std::string_view k, std::string_view v) {
                                   out.emplace_back(std::string(k), std::string(v));
                                   return true;
                               })
                        .ok());
        return out;
    }

    std::shared_ptr<const TableInfo> MustCreateTable(const TableDefinition& def,
                                                     std::string_view db = "db") {
        auto table = catalog_->CreateTable(db, def, false);
        EXPECT_TRUE(table.ok()) << table.status().ToString();
        return table.ok() ? *table : nullptr;
    }

    std::filesystem::path dir_;
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<Catalog> catalog_;
};

}  // namespace tributary::testing
