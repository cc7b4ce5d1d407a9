RESUME ROUTINE LOAD FOR example_tbl2_ordertest2;
