-- What the demo's Routine Load jobs put in the seed's tables, and the query engine over them.
USE example_db;
SELECT * FROM example_tbl1 ORDER BY order_id, customer_name;
SELECT * FROM example_tbl2 ORDER BY commodity_id;
SELECT * FROM sensor_log ORDER BY id;
SELECT sensor_type, count(*) AS sensors, avg(data) AS average FROM sensor_log
    GROUP BY sensor_type ORDER BY sensor_type;

-- The query engine over the loaded rows: aggregation, top-N, and the date function the seed's
-- COLUMNS mapping uses (pay_dt=from_unixtime(pay_time, '%Y%m%d')).
SELECT nationality, count(*) AS orders, sum(price) AS revenue FROM example_tbl1
    GROUP BY nationality ORDER BY revenue DESC LIMIT 3;
SELECT from_unixtime(1589191587, '%Y%m%d') AS pay_dt;
EXPLAIN SELECT nationality, sum(price) FROM example_tbl1 WHERE pay_dt >= '2020-05-09'
    GROUP BY nationality;

SHOW TABLES;
DESC example_tbl1;
SHOW CREATE TABLE example_tbl2\G
