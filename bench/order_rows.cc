#include "bench/order_rows.h"

#include <array>
#include <cmath>
#include <cstring>
#include <random>
#include <string_view>

#include "base/check.h"
#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "types/date_time.h"

namespace tributary::bench {
namespace {

constexpr std::array<std::string_view, 48> kFirstNames = {
    "Johann",    "Maria",   "Wei",    "Aiko",   "Olga",   "Pierre", "Sofia",  "Ahmed",
    "Lucia",     "Hiroshi", "Fatima", "Liam",   "Emma",   "Noah",   "Chloe",  "Mateo",
    "Ingrid",    "Raj",     "Priya",  "Carlos", "Ana",    "Ivan",   "Yuki",   "Min-jun",
    "Elif",      "Omar",    "Zanele", "Lars",   "Freya",  "Diego",  "Camila", "Tomasz",
    "Agnieszka", "Kofi",    "Amara",  "Sven",   "Hannah", "Jakub",  "Mei",    "Arjun",
    "Leila",     "Marco",   "Giulia", "Nikos",  "Eleni",  "Pablo",  "Isabel", "Tariq"};

constexpr std::array<std::string_view, 48> kLastNames = {
    "Faust",  "Schmidt",      "Wang",      "Tanaka",   "Ivanova", "Dubois",  "Rossi",
    "Hassan", "Garcia",       "Suzuki",    "Khan",     "Smith",   "Johnson", "Brown",
    "Martin", "Lopez",        "Andersson", "Patel",    "Sharma",  "Silva",   "Santos",
    "Petrov", "Sato",         "Kim",       "Yilmaz",   "Haddad",  "Dlamini", "Nielsen",
    "Larsen", "Fernandez",    "Gomez",     "Kowalski", "Nowak",   "Mensah",  "Okafor",
    "Berg",   "Muller",       "Novak",     "Chen",     "Reddy",   "Karimi",  "Bianchi",
    "Romano", "Papadopoulos", "Georgiou",  "Ruiz",     "Moreno",  "Aziz"};

// About twenty nationalities; the first few dominate, as in a real customer base.
constexpr std::array<std::string_view, 20> kNationalities = {
    "China",          "United States", "Germany", "Japan",  "India",       "France", "Brazil",
    "United Kingdom", "Italy",         "Spain",   "Canada", "South Korea", "Mexico", "Russia",
    "Australia",      "Netherlands",   "Turkey",  "Poland", "Nigeria",     "Sweden"};
constexpr std::array<double, 20> kNationalityWeights = {18, 15, 9, 8, 8, 6, 5, 5, 4, 4,
                                                        3,  3,  2, 2, 2, 2, 1, 1, 1, 1};

constexpr size_t kNamePool = 3000;

std::vector<std::string> MakeNamePool(std::mt19937_64& rng) {
    std::uniform_int_distribution<size_t> first(0, kFirstNames.size() - 1);
    std::uniform_int_distribution<size_t> last(0, kLastNames.size() - 1);
    std::vector<std::string> pool;
    pool.reserve(kNamePool);
    while (pool.size() < kNamePool) {
        std::string name = std::string(kFirstNames[first(rng)]) + " ";
        // One name in four has a middle initial, like "Johann G. Faust".
        if (rng() % 4 == 0) name += std::string(1, static_cast<char>('A' + rng() % 26)) + ". ";
        name += kLastNames[last(rng)];
        if (name.size() <= 26) pool.push_back(std::move(name));
    }
    return pool;
}

template <typename T>
void AppendFixed(Column* column, T value) {
    static_cast<FixedColumn<T>*>(column)->Append(value);
}

void AppendNullableString(Column* column, std::string_view value, bool is_null) {
    auto* nullable = static_cast<NullableColumn*>(column);
    if (is_null) {
        nullable->AppendNull();
        return;
    }
    static_cast<BinaryColumn*>(nullable->data())->Append(value);
    nullable->AppendNotNullMark();
}

void AppendNullableDouble(Column* column, double value, bool is_null) {
    auto* nullable = static_cast<NullableColumn*>(column);
    if (is_null) {
        nullable->AppendNull();
        return;
    }
    AppendFixed<double>(nullable->data(), value);
    nullable->AppendNotNullMark();
}

// The column's values as the segment's plain encoding lays them out, appended to `out`.
void AppendPlain(const Column& column, std::string* out) {
    const Column* data = &column;
    if (column.is_nullable()) data = static_cast<const NullableColumn&>(column).data();
    if (const auto* strings = dynamic_cast<const BinaryColumn*>(data)) {
        for (size_t row = 0; row < strings->size(); ++row) {
            uint32_t length = static_cast<uint32_t>(strings->value(row).size());
            out->append(reinterpret_cast<const char*>(&length), sizeof(length));
        }
        out->append(strings->bytes().data(), strings->bytes().size());
    } else if (const auto* ints = dynamic_cast<const Int64Column*>(data)) {
        out->append(reinterpret_cast<const char*>(ints->data().data()), ints->size() * 8);
    } else if (const auto* dates = dynamic_cast<const Int32Column*>(data)) {
        out->append(reinterpret_cast<const char*>(dates->data().data()), dates->size() * 4);
    } else if (const auto* doubles = dynamic_cast<const DoubleColumn*>(data)) {
        out->append(reinterpret_cast<const char*>(doubles->data().data()), doubles->size() * 8);
    } else {
        TRIBUTARY_CHECK(false, "order rows hold only BIGINT, DATE, VARCHAR and DOUBLE columns");
    }
}

uint64_t PlainSizeOf(const Column& column) {
    const Column* data = &column;
    if (column.is_nullable()) data = static_cast<const NullableColumn&>(column).data();
    if (const auto* strings = dynamic_cast<const BinaryColumn*>(data)) {
        return strings->size() * sizeof(uint32_t) + strings->bytes().size();
    }
    if (dynamic_cast<const Int32Column*>(data) != nullptr) return data->size() * 4;
    return data->size() * 8;
}

}  // namespace

ChunkSchema OrderSchema() {
    return ChunkSchema{{
        {"order_id", TypeDesc::Of(LogicalType::kBigInt), false},
        {"pay_dt", TypeDesc::Of(LogicalType::kDate), false},
        {"customer_name", TypeDesc::Varchar(26), true},
        {"nationality", TypeDesc::Varchar(26), true},
        {"price", TypeDesc::Of(LogicalType::kDouble), true},
    }};
}

std::vector<Chunk> MakeOrderChunks(const OrderRowsOptions& options) {
    TRIBUTARY_CHECK(options.chunk_rows > 0, "chunk_rows must be positive");
    std::mt19937_64 rng(options.seed);
    const std::vector<std::string> names = MakeNamePool(rng);
    std::uniform_int_distribution<size_t> pick_name(0, names.size() - 1);
    std::discrete_distribution<size_t> pick_nationality(kNationalityWeights.begin(),
                                                        kNationalityWeights.end());
    std::uniform_int_distribution<int64_t> id_gap(1, 3);
    std::lognormal_distribution<double> price_dist(3.6, 1.0);  // median about 37
    std::uniform_int_distribution<int> percent(0, 999);
    const int32_t first_day = DaysFromCivil(CivilDate{2020, 5, 8});

    const ChunkSchema schema = OrderSchema();
    std::vector<Chunk> chunks;
    chunks.reserve(options.rows / options.chunk_rows + 1);
    int64_t order_id = 2020050800000;
    for (uint64_t done = 0; done < options.rows;) {
        size_t n = static_cast<size_t>(std::min<uint64_t>(options.chunk_rows, options.rows - done));
        Chunk chunk(schema);
        for (size_t c = 0; c < chunk.num_columns(); ++c) chunk.column(c)->Reserve(n);
        for (size_t i = 0; i < n; ++i, ++done) {
            order_id += id_gap(rng);
            // The feed's day advances with the ids; one order in ten is paid a day late.
            int32_t day = first_day + static_cast<int32_t>(done * options.days / options.rows);
            if (percent(rng) < 100) day += 1;
            double price = std::min(std::round(price_dist(rng) * 100.0) / 100.0, 99999.99);
            if (price < 0.01) price = 0.01;
            AppendFixed<int64_t>(chunk.column(0), order_id);
            AppendFixed<int32_t>(chunk.column(1), day);
            AppendNullableString(chunk.column(2), names[pick_name(rng)], false);
            AppendNullableString(chunk.column(3), kNationalities[pick_nationality(rng)],
                                 percent(rng) < 10);
            AppendNullableDouble(chunk.column(4), price, percent(rng) < 5);
        }
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

std::string PlainBytes(const std::vector<Chunk>& chunks) {
    if (chunks.empty()) return {};
    uint64_t total = 0;
    for (uint32_t c = 0; c < chunks[0].num_columns(); ++c) total += PlainSize(chunks, c);
    std::string out;
    out.reserve(total);
    for (size_t c = 0; c < chunks[0].num_columns(); ++c) {
        for (const Chunk& chunk : chunks) AppendPlain(*chunk.column(c), &out);
    }
    return out;
}

uint64_t PlainSize(const std::vector<Chunk>& chunks, uint32_t column) {
    uint64_t size = 0;
    for (const Chunk& chunk : chunks) size += PlainSizeOf(*chunk.column(column));
    return size;
}

}  // namespace tributary::bench
