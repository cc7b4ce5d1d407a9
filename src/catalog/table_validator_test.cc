#include "catalog/table_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_test_util.h"

namespace tributary {
namespace {

using namespace tributary::testing;

std::vector<std::string> KeyNames(const TableInfo& table) {
    std::vector<std::string> keys;
    for (const ColumnInfo& c : table.columns) {
        if (c.is_key) keys.push_back(c.name);
    }
    return keys;
}

TableDefinition NoKeyClause(std::vector<ColumnDefinition> columns) {
    TableDefinition def;
    def.name = "t";
    def.columns = std::move(columns);
    def.distribution = Hash({def.columns[0].name}, 1);
    return def;
}

// --- names ----------------------------------------------------------------------------------

TEST(TableValidatorTest, AcceptsAWellFormedDuplicateKeyTable) {
    auto result = Validate(DuplicateTable());
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.model, KeyModel::kDuplicate);
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"k1", "k2"}));
    EXPECT_EQ(result->table.num_key_columns(), 2u);
}

TEST(TableValidatorTest, RejectsTableNameNotMatchingTheRule) {
    TableDefinition def = DuplicateTable("1abc");
    ExpectInvalid(Validate(def), "^[a-zA-Z][a-zA-Z0-9_]*$", ErrorCode::kWrongTableName);
    def.name = "a-b";
    ExpectInvalid(Validate(def), "Incorrect table name 'a-b'", ErrorCode::kWrongTableName);
}

TEST(TableValidatorTest, RejectsTableNameLongerThan256Characters) {
    ExpectInvalid(Validate(DuplicateTable(std::string(257, 'a'))), "at most 256",
                  ErrorCode::kWrongTableName);
    EXPECT_TRUE(Validate(DuplicateTable(std::string(256, 'a'))).ok());
}

TEST(TableValidatorTest, RejectsTableWithoutColumns) {
    TableDefinition def = DuplicateTable();
    def.columns.clear();
    ExpectInvalid(Validate(def), "at least 1 column");
}

TEST(TableValidatorTest, RejectsColumnNameStartingWithDoubleUnderscore) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("__op", Int()));
    ExpectInvalid(Validate(def), "system reserved name", ErrorCode::kWrongColumnName);
}

TEST(TableValidatorTest, RejectsEmptyAndOverlongColumnNames) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("", Int()));
    ExpectInvalid(Validate(def), "Incorrect column name", ErrorCode::kWrongColumnName);
    def.columns.back().name = std::string(1025, 'c');
    ExpectInvalid(Validate(def), "1 to 1024", ErrorCode::kWrongColumnName);
}

TEST(TableValidatorTest, RejectsDuplicateColumnNamesIgnoringCase) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("V", Int()));
    ExpectInvalid(Validate(def), "Duplicate column name 'V'", ErrorCode::kDupFieldName);
}

TEST(TableValidatorTest, RejectsCommentThatIsNotUtf8) {
    TableDefinition def = DuplicateTable();
    def.columns[2].comment = "\xff\xfe";
    ExpectInvalid(Validate(def), "not valid UTF-8");
}

// --- keys -----------------------------------------------------------------------------------

TEST(TableValidatorTest, WithoutKeyClauseUsesLeadingColumnsUpToThreeAsDuplicateKey) {
    auto result = Validate(
        NoKeyClause({Col("a", Int()), Col("b", Date()), Col("c", BigInt()), Col("d", Int())}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.model, KeyModel::kDuplicate);
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(TableValidatorTest, DefaultDuplicateKeyStopsAfterFirstVarchar) {
    auto result = Validate(NoKeyClause({Col("a", Int()), Col("b", Varchar(10)), Col("c", Int())}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"a", "b"}));
}

TEST(TableValidatorTest, DefaultDuplicateKeyStopsAt36Bytes) {
    auto result =
        Validate(NoKeyClause({Col("a", LargeInt()), Col("b", LargeInt()), Col("c", BigInt())}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"a", "b"}));
}

TEST(TableValidatorTest, DefaultDuplicateKeyTakesALongLeadingChar) {
    auto result = Validate(NoKeyClause({Col("a", TypeDesc::Char(50)), Col("b", Int())}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"a"}));
}

TEST(TableValidatorTest, DefaultDuplicateKeyStopsBeforeDouble) {
    auto result = Validate(NoKeyClause({Col("a", Int()), Col("b", Double()), Col("c", Int())}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"a"}));
}

TEST(TableValidatorTest, RejectsDoubleFirstColumnWithoutKeyClause) {
    ExpectInvalid(Validate(NoKeyClause({Col("a", Double()), Col("b", Int())})),
                  "Data type of first column cannot be DOUBLE");
}

TEST(TableValidatorTest, AggregatesWithoutKeyClauseMakeAnAggregateTable) {
    auto result = Validate(NoKeyClause(
        {Col("a", Int()), Col("b", Int()), Col("v", BigInt(), {}, AggregateFunction::kSum)}));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.model, KeyModel::kAggregate);
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"a", "b"}));
}

TEST(TableValidatorTest, RejectsKeyColumnsThatAreNotAnOrderedPrefix) {
    TableDefinition def = DuplicateTable();
    def.key_columns = {"k2", "k1"};
    ExpectInvalid(Validate(def), "Key columns should be a ordered prefix of the schema");
    def.key_columns = {"k1", "v"};
    ExpectInvalid(Validate(def), "KeyColumns[1] (starts from zero) is v");
}

TEST(TableValidatorTest, RejectsUnknownKeyColumn) {
    TableDefinition def = DuplicateTable();
    def.key_columns = {"k1", "nope"};
    ExpectInvalid(Validate(def), "Key column(nope) doesn't exist.", ErrorCode::kBadFieldError);
}

TEST(TableValidatorTest, RejectsStatedModelWithoutKeyColumns) {
    TableDefinition def = DuplicateTable();
    def.key_columns.clear();
    ExpectInvalid(Validate(def), "The number of key columns is 0.");
}

TEST(TableValidatorTest, RejectsMoreKeyColumnsThanColumns) {
    TableDefinition def = DuplicateTable();
    def.key_columns = {"k1", "k2", "v", "x"};
    ExpectInvalid(Validate(def), "should be less than the number of columns");
}

TEST(TableValidatorTest, KeyColumnNamesMatchIgnoringCase) {
    TableDefinition def = DuplicateTable();
    def.key_columns = {"K1", "K2"};
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(KeyNames(result->table), (std::vector<std::string>{"k1", "k2"}));
}

TEST(TableValidatorTest, RejectsFloatingPointKeyColumn) {
    TableDefinition def = DuplicateTable();
    def.columns[1].type = Double();
    ExpectInvalid(Validate(def), "Float or double can not used as a key");
}

TEST(TableValidatorTest, RejectsJsonKeyColumn) {
    TableDefinition def = DuplicateTable();
    def.columns[1].type = Json();
    ExpectInvalid(Validate(def), "Invalid data type of key column[k2]: JSON");
}

TEST(TableValidatorTest, RejectsAggregateOnKeyColumn) {
    TableDefinition def = DuplicateTable();
    def.columns[0].aggregate = AggregateFunction::kSum;
    ExpectInvalid(Validate(def), "Key column[k1] should not specify aggregate type.");
}

// --- value columns and aggregates -----------------------------------------------------------

TEST(TableValidatorTest, RejectsAggregateTableValueColumnWithoutAggregate) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kAggregate;
    ExpectInvalid(Validate(def),
                  "AGG_KEYS table should specify aggregate type for non-key "
                  "column[v]");
}

TEST(TableValidatorTest, AcceptsAggregateTableWithAggregatesOnValues) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kAggregate;
    def.columns[2].aggregate = AggregateFunction::kReplace;
    def.columns.push_back(Col("price", Double(), {}, AggregateFunction::kSum));
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.columns[3].aggregate, AggregateFunction::kSum);
}

TEST(TableValidatorTest, RejectsAggregateOnDuplicateTableValueColumn) {
    TableDefinition def = DuplicateTable();
    def.columns[2].aggregate = AggregateFunction::kMax;
    ExpectInvalid(Validate(def),
                  "DUP_KEYS table should not specify aggregate type for non-key "
                  "column[v]");
}

TEST(TableValidatorTest, AcceptsReplaceOnUniqueValueColumnAndDropsIt) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kUnique;
    def.columns[2].aggregate = AggregateFunction::kReplace;
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.columns[2].aggregate, AggregateFunction::kNone);
}

TEST(TableValidatorTest, RejectsSumOnVarchar) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kAggregate;
    def.columns[2].aggregate = AggregateFunction::kSum;
    ExpectInvalid(Validate(def), "Invalid aggregate function 'SUM' for 'v'");
}

TEST(TableValidatorTest, RejectsHllUnionWithoutAnHllType) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kAggregate;
    def.columns[2].aggregate = AggregateFunction::kHllUnion;
    ExpectInvalid(Validate(def), "Invalid aggregate function 'HLL_UNION'");
}

// --- nullability and primary keys -----------------------------------------------------------

TEST(TableValidatorTest, ColumnsAreNullableUnlessNotNullIsStated) {
    auto result = Validate(DuplicateTable());
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result->table.columns[0].nullable);
    EXPECT_TRUE(result->table.columns[2].nullable);
}

TEST(TableValidatorTest, PrimaryKeyColumnsDefaultToNotNull) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kPrimary;
    def.columns[0].nullable.reset();
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_FALSE(result->table.columns[0].nullable);
    EXPECT_TRUE(result->table.columns[2].nullable);
}

TEST(TableValidatorTest, RejectsPrimaryKeyColumnStatedNull) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kPrimary;
    def.columns[1].nullable = true;
    ExpectInvalid(Validate(def), "primary key column[k2] cannot be nullable");
}

TEST(TableValidatorTest, RejectsPrimaryKeyColumnOfUnsupportedType) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kPrimary;
    def.columns[1].type = TypeDesc::Decimal(10, 2);
    ExpectInvalid(Validate(def), "primary key column[k2] type not supported: decimal(10, 2)");
}

// --- AUTO_INCREMENT -------------------------------------------------------------------------

TEST(TableValidatorTest, AutoIncrementColumnIsNotNull) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("id", BigInt()));
    def.columns.back().auto_increment = true;
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_FALSE(result->table.columns.back().nullable);
}

TEST(TableValidatorTest, RejectsAutoIncrementOnNonBigint) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("id", Int()));
    def.columns.back().auto_increment = true;
    ExpectInvalid(Validate(def), "must be BIGINT");
}

TEST(TableValidatorTest, RejectsNullableAutoIncrement) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("id", BigInt(), true));
    def.columns.back().auto_increment = true;
    ExpectInvalid(Validate(def), "must be NOT NULL");
}

TEST(TableValidatorTest, RejectsTwoAutoIncrementColumns) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("id", BigInt()));
    def.columns.back().auto_increment = true;
    def.columns.push_back(Col("id2", BigInt()));
    def.columns.back().auto_increment = true;
    ExpectInvalid(Validate(def), "More than one AUTO_INCREMENT column");
}

TEST(TableValidatorTest, RejectsDefaultOnAutoIncrement) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("id", BigInt()));
    def.columns.back().auto_increment = true;
    def.columns.back().default_value = ColumnDefault::Literal("1");
    ExpectInvalid(Validate(def), "can not have a default value");
}

// --- DEFAULT values -------------------------------------------------------------------------

TableDefinition WithDefault(TypeDesc type, ColumnDefault value) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("d", type));
    def.columns.back().default_value = std::move(value);
    return def;
}

TEST(TableValidatorTest, AcceptsDefaultsThatFitTheirTypes) {
    EXPECT_TRUE(Validate(WithDefault(Int(), ColumnDefault::Literal("-2147483648"))).ok());
    EXPECT_TRUE(
        Validate(WithDefault(TypeDesc::Decimal(5, 2), ColumnDefault::Literal("-123.45"))).ok());
    EXPECT_TRUE(Validate(WithDefault(Date(), ColumnDefault::Literal("2024-02-29"))).ok());
    EXPECT_TRUE(
        Validate(WithDefault(DateTime(), ColumnDefault::Literal("2024-02-29 23:59:59"))).ok());
    EXPECT_TRUE(Validate(WithDefault(Bool(), ColumnDefault::Literal("true"))).ok());
    EXPECT_TRUE(Validate(WithDefault(Double(), ColumnDefault::Literal("1.5e3"))).ok());
    EXPECT_TRUE(Validate(WithDefault(Varchar(3), ColumnDefault::Literal("abc"))).ok());
    EXPECT_TRUE(Validate(WithDefault(DateTime(), ColumnDefault::CurrentTimestamp())).ok());
}

TEST(TableValidatorTest, RejectsIntegerDefaultOutOfRange) {
    ExpectInvalid(
        Validate(WithDefault(TypeDesc::Of(LogicalType::kTinyInt), ColumnDefault::Literal("128"))),
        "Invalid default value for 'd': '128' is out of range for TINYINT");
    ExpectInvalid(Validate(WithDefault(Int(), ColumnDefault::Literal("12x"))),
                  "'12x' is not a valid INT");
}

TEST(TableValidatorTest, RejectsDecimalDefaultBeyondPrecisionAndRoundsExtraScale) {
    ExpectInvalid(Validate(WithDefault(TypeDesc::Decimal(5, 2), ColumnDefault::Literal("1234.5"))),
                  "is out of range for DECIMAL(5, 2)");
    // Extra fractional digits round (half away from zero), as values loaded into the column do.
    EXPECT_TRUE(
        Validate(WithDefault(TypeDesc::Decimal(5, 2), ColumnDefault::Literal("1.234"))).ok());
}

TEST(TableValidatorTest, RejectsInvalidDateDefault) {
    ExpectInvalid(Validate(WithDefault(Date(), ColumnDefault::Literal("2023-02-29"))),
                  "day 29 is not valid in 2023-02");
    ExpectInvalid(Validate(WithDefault(Date(), ColumnDefault::Literal("yesterday"))),
                  "'yesterday' is not a valid DATE");
}

TEST(TableValidatorTest, RejectsInvalidDatetimeDefault) {
    ExpectInvalid(Validate(WithDefault(DateTime(), ColumnDefault::Literal("2024-01-01 24:00:00"))),
                  "hour 24 is out of range");
}

TEST(TableValidatorTest, RejectsNonBooleanDefaultForBoolean) {
    ExpectInvalid(Validate(WithDefault(Bool(), ColumnDefault::Literal("yes"))), "'yes' is not a valid BOOLEAN");
}

TEST(TableValidatorTest, RejectsDefaultLongerThanTheVarchar) {
    ExpectInvalid(Validate(WithDefault(Varchar(3), ColumnDefault::Literal("abcd"))),
                  "(4 bytes) is longer than VARCHAR(3)");
}

TEST(TableValidatorTest, RejectsCurrentTimestampDefaultOutsideDatetime) {
    ExpectInvalid(Validate(WithDefault(Date(), ColumnDefault::CurrentTimestamp())),
                  "Types other than DATETIME cannot use current_timestamp");
}

TEST(TableValidatorTest, RejectsDefaultOnJson) {
    ExpectInvalid(Validate(WithDefault(Json(), ColumnDefault::Literal("{}"))),
                  "JSON columns do not take a default value");
}

// --- distribution ---------------------------------------------------------------------------

TEST(TableValidatorTest, RejectsUnknownDistributionColumn) {
    TableDefinition def = DuplicateTable();
    def.distribution = Hash({"nope"});
    ExpectInvalid(Validate(def), "Distribution column(nope) doesn't exist.",
                  ErrorCode::kBadFieldError);
}

TEST(TableValidatorTest, RejectsRepeatedDistributionColumn) {
    TableDefinition def = DuplicateTable();
    def.distribution = Hash({"k1", "K1"});
    ExpectInvalid(Validate(def), "Duplicated distribution column K1");
}

TEST(TableValidatorTest, RejectsNonKeyDistributionColumnOnUniqueTable) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kUnique;
    def.distribution = Hash({"v"});
    ExpectInvalid(Validate(def), "Distribution column[v] is not key column");
}

TEST(TableValidatorTest, AcceptsNonKeyDistributionColumnOnDuplicateTable) {
    TableDefinition def = DuplicateTable();
    def.distribution = Hash({"V"});
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.distribution.columns, (std::vector<std::string>{"v"}));
}

TEST(TableValidatorTest, RejectsFloatingPointDistributionColumn) {
    TableDefinition def = DuplicateTable();
    def.columns.push_back(Col("f", Double()));
    def.distribution = Hash({"f"});
    ExpectInvalid(Validate(def), "Floating point type column can not be distribution column");
}

TEST(TableValidatorTest, RejectsBucketsOutsideOneTo1024) {
    TableDefinition def = DuplicateTable();
    def.distribution = Hash({"k1"}, 0);
    ExpectInvalid(Validate(def), "BUCKETS must be between 1 and 1024, got 0");
    def.distribution = Hash({"k1"}, 1025);
    ExpectInvalid(Validate(def), "BUCKETS must be between 1 and 1024, got 1025");
    def.distribution = Hash({"k1"}, 1024);
    EXPECT_TRUE(Validate(def).ok());
}

TEST(TableValidatorTest, OmittedBucketsAreChosenAutomatically) {
    TableDefinition def = DuplicateTable();
    def.distribution = Hash({"k1"});
    auto result = ValidateCreateTable(def, 7);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.distribution.buckets, 7);
    EXPECT_TRUE(result->table.distribution.buckets_auto);
    EXPECT_EQ(result->partitions[0].bucket_count, 7);
}

TEST(TableValidatorTest, DefaultAutoBucketCountIsBetweenOneAndSixteen) {
    EXPECT_GE(DefaultAutoBucketCount(), 1);
    EXPECT_LE(DefaultAutoBucketCount(), kMaxAutoBuckets);
}

TEST(TableValidatorTest, DuplicateTableWithoutDistributionIsRandom) {
    TableDefinition def = DuplicateTable();
    def.distribution.reset();
    auto result = Validate(def);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->table.distribution.kind, DistributionInfo::Kind::kRandom);
    EXPECT_TRUE(result->table.distribution.buckets_auto);
}

TEST(TableValidatorTest, RejectsMissingDistributionOnPrimaryKeyTable) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kPrimary;
    def.distribution.reset();
    ExpectInvalid(Validate(def), "Currently only support default distribution in DUP_KEYS");
}

TEST(TableValidatorTest, RejectsRandomDistributionOnUniqueTable) {
    TableDefinition def = DuplicateTable();
    def.model = KeyModel::kUnique;
    def.distribution = DistributionDefinition{DistributionDefinition::Kind::kRandom, {}, 2};
    ExpectInvalid(Validate(def), "UNIQUE KEY must use hash distribution");
}

}  // namespace
}  // namespace tributary
