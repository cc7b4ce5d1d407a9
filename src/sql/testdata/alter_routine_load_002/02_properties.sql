ALTER ROUTINE LOAD FOR example_tbl_ordertest
PROPERTIES
(
    "desired_concurrent_number" = "5"
);
