SHOW ROUTINE LOAD TASK WHERE JobName = "example_tbl2_ordertest2"
