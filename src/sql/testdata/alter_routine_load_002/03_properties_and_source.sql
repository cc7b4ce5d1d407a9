ALTER ROUTINE LOAD FOR example_tbl_ordertest
PROPERTIES
(
    "desired_concurrent_number" = "5"
)
FROM kafka
(
    "kafka_partitions" = "0, 1, 2",
    "kafka_offsets" = "100, 200, 100",
    "property.group.id" = "new_group"
);
