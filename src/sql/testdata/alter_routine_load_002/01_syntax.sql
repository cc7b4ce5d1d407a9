ALTER ROUTINE LOAD FOR example_db.example_tbl_ordertest
COLUMNS TERMINATED BY ",",
ROWS TERMINATED BY "\n",
COLUMNS (order_id, pay_dt, customer_name, nationality, temp_gender, price),
WHERE price > 100,
PARTITION (p202306, p202307)
TEMPORARY PARTITION (tp1, tp2)
PROPERTIES ("desired_concurrent_number" = "5", "max_error_number" = "10")
FROM KAFKA ("kafka_partitions" = "0, 1, 2", "kafka_offsets" = "100, 200, 100")
