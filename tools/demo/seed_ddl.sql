-- The DDL of the StarRocks "Continuously load data from Apache Kafka" page, verbatim.
CREATE DATABASE IF NOT EXISTS example_db;
USE example_db;

CREATE TABLE example_db.example_tbl1 ( 
    `order_id` bigint NOT NULL COMMENT "Order ID",
    `pay_dt` date NOT NULL COMMENT "Payment date", 
    `customer_name` varchar(26) NULL COMMENT "Customer name", 
    `nationality` varchar(26) NULL COMMENT "Nationality", 
    `price`double NULL COMMENT "Price"
) 
ENGINE=OLAP 
DUPLICATE KEY (order_id,pay_dt) 
DISTRIBUTED BY HASH(`order_id`); 

CREATE TABLE `example_tbl2` ( 
    `commodity_id` varchar(26) NULL COMMENT "Commodity ID", 
    `customer_name` varchar(26) NULL COMMENT "Customer name", 
    `country` varchar(26) NULL COMMENT "Country", 
    `pay_time` bigint(20) NULL COMMENT "Payment time", 
    `pay_dt` date NULL COMMENT "Payment date", 
    `price`double SUM NULL COMMENT "Price"
) 
ENGINE=OLAP
AGGREGATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`) 
DISTRIBUTED BY HASH(`commodity_id`); 

CREATE TABLE example_db.sensor_log ( 
    `id` bigint NOT NULL COMMENT "sensor id",
    `name` varchar(26) NOT NULL COMMENT "sensor name", 
    `checked` boolean NOT NULL COMMENT "checked", 
    `data` double NULL COMMENT "sensor data", 
    `sensor_type` varchar(26) NOT NULL COMMENT "sensor type"
) 
ENGINE=OLAP 
DUPLICATE KEY (id) 
DISTRIBUTED BY HASH(`id`); 

-- The page's CSV example rows (without the gender column the table leaves out), loaded with
-- INSERT until Routine Load consumes them from Kafka.
INSERT INTO example_tbl1 VALUES
    (2020050802, '2020-05-08', 'Johann Georg Faust', 'Deutschland', 895),
    (2020050802, '2020-05-08', 'Julien Sorel', 'France', 893),
    (2020050803, '2020-05-08', 'Dorian Grey', 'UK', 1262),
    (2020050901, '2020-05-09', 'Anna Karenina"', 'Russia', 175),
    (2020051001, '2020-05-10', 'Tess Durbeyfield', 'US', 986),
    (2020051101, '2020-05-11', 'Edogawa Conan', 'japan', 8924);
SELECT * FROM example_tbl1 ORDER BY order_id, customer_name;

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
