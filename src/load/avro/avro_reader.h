// AvroReader: Kafka messages in the Confluent wire format to SourceBatch rows, decoded with avro-c
// (DESIGN §6; docs/avro.md).
//
// A message is magic byte 0, a 4-byte big-endian schema id, then one Avro binary record written
// with that schema. Each message is decoded with its own writer schema, fetched once per id from
// an AvroSchemaSource (the Schema Registry) and kept for the reader's life, so a topic whose
// producers moved to a newer schema keeps loading: fields are found by name in whichever schema
// wrote the message, and a field the writer schema lacks is NULL.
//
// Each message gives one row, or one rejected row whose reason says what failed and where:
//   - not the wire format: "not in the Confluent Avro wire format: magic byte 0x7b (a JSON
//     message?), expected 0x00" / "... 3 bytes, shorter than the 5-byte header";
//   - an id the registry does not know: "schema id 7 is not in the Schema Registry: ...";
//   - a schema that cannot be used: "schema id 7: unknown type 'strin'";
//   - a body that is not exactly one encoding of the schema: "schema id 3: field data at byte
//     9: double needs 8 bytes, 4 are left" (checked before avro-c sees it, so avro-c only
//     decodes well-formed input; see avro_schema.h).
// A registry that cannot be asked (down, HTTP 5xx, credentials refused) is not a bad message:
// Read returns that error and the caller fails the whole load, to be retried - nothing is
// counted or skipped.
//
// Fields. `field_paths` gives one path per field of the batch, with the JSON reader's syntax
// (json_path.h): a plain name is a top-level field of the record (simple mode: the caller passes
// column names), "$.data.data_y" a nested one, "$.a[0]" an array element, "$.m.k" a map value,
// "$" the whole record. A union on the way resolves to its active branch; a missing field, key
// or element, or a null, gives NULL. Values become field text:
//   null NULL; boolean "1" / "0"; int, long, float, double their decimal text (floats shortest
//   round-trip); string, bytes, fixed their bytes; enum its symbol; record, map and array their
//   JSON text (unions as their active branch, enums as strings, bytes as strings); logical types
//   date "2024-05-01", time-millis / time-micros "10:11:12.345000", timestamp-millis / -micros a
//   DATETIME in `time_zone` (they are UTC instants), local-timestamp-* the DATETIME as written,
//   decimal its exact decimal text with `scale` digits.
//
// Performance: no tree is built per record. avro-c decodes into one generic value per schema id
// that is reset and reused (its strings and bytes are the only allocations per record); field
// paths are resolved to child indexes once per schema; text goes straight into the batch.
//
// Raw text. A row's raw text (for the error log) is `origin` - the caller's description of where
// the message came from, e.g. "partition 2, offset 17" - with the schema id; a rejected
// message's adds its first bytes in hex. These views stay valid until ReleaseRaw().
//
// Thread safety: none; one reader per load.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "load/source_batch.h"
#include "types/time_zone.h"

namespace tributary {

// Where writer schemas come from.
class AvroSchemaSource {
public:
    virtual ~AvroSchemaSource() = default;
    // The JSON text of schema `id`. NotFound when the source does not know the id (the message
    // becomes an error row); any other error means the source could not be asked.
    virtual StatusOr<std::string> SchemaText(int32_t id) = 0;
};

struct AvroOptions {
    std::vector<std::string> field_paths;  // one per batch field (see above)
    // Zone of DATETIMEs made from timestamp-millis / -micros; UTC when null.
    std::shared_ptr<const TimeZone> time_zone;

    // InvalidArgument naming a path that cannot be parsed.
    Status Validate() const;
};

class AvroReader {
public:
    // REQUIRES: options.Validate() is OK; `schemas` outlives the reader.
    AvroReader(AvroOptions options, AvroSchemaSource* schemas);
    ~AvroReader();

    // Decodes one message into one row of `batch` or one rejected row. Fails only when the
    // schema source fails for another reason than NotFound, or on misuse (a batch whose field
    // count differs from the paths).
    Status Read(std::string_view message, std::string_view origin, SourceBatch* batch);

    // Frees the raw texts of rows read so far. REQUIRES: no batch still refers to them.
    void ReleaseRaw();

private:
    struct Impl;  // avro-c stays in avro_reader.cc
    std::unique_ptr<Impl> impl_;
};

}  // namespace tributary
