"""Users, passwords and privileges, checked with pymysql."""
import pymysql
import pytest


def connect(server, user="root", password="", database=None):
    return pymysql.connect(host="127.0.0.1", port=server.query_port, user=user,
                           password=password, database=database, autocommit=True)


def error_of(cur, sql):
    with pytest.raises(pymysql.MySQLError) as info:
        cur.execute(sql)
    return info.value.args[0], info.value.args[1]


def test_wrong_password_is_refused_with_1045(server):
    root = connect(server)
    root.cursor().execute("CREATE USER 'alice'@'%' IDENTIFIED BY 'right'")
    root.close()
    with pytest.raises(pymysql.err.OperationalError) as info:
        connect(server, "alice", "wrong")
    assert info.value.args[0] == 1045
    assert "Access denied for user 'alice'" in info.value.args[1]
    with pytest.raises(pymysql.err.OperationalError) as info:
        connect(server, "nobody", "")
    assert info.value.args[0] == 1045
    connect(server, "alice", "right").close()


def test_user_without_privilege_is_refused_and_sees_only_granted_objects(server):
    root = connect(server)
    cur = root.cursor()
    cur.execute("CREATE DATABASE shop")
    cur.execute("CREATE DATABASE secret")
    cur.execute("CREATE TABLE shop.orders (id BIGINT NOT NULL) DUPLICATE KEY(id) "
                "DISTRIBUTED BY HASH(id)")
    cur.execute("CREATE USER bob IDENTIFIED BY 'pw'")
    cur.execute("GRANT SELECT ON shop.orders TO bob")

    bob = connect(server, "bob", "pw").cursor()
    bob.execute("SHOW DATABASES")
    databases = [r[0] for r in bob.fetchall()]
    assert "shop" in databases and "secret" not in databases
    code, msg = error_of(bob, "CREATE TABLE shop.t2 (id INT) DISTRIBUTED BY HASH(id)")
    assert code == 1142 and "CREATE command denied to user 'bob'@'%'" in msg
    code, msg = error_of(bob, "DROP TABLE shop.orders")
    assert code == 1142 and "DROP command denied" in msg
    code, msg = error_of(bob, "USE secret")
    assert code == 1044
    code, msg = error_of(bob, "CREATE USER eve")
    assert code == 1227
    # The seed's rule: managing a Routine Load job needs INSERT on its table.
    code, msg = error_of(bob, "CREATE ROUTINE LOAD shop.job1 ON orders "
                              "FROM KAFKA (\"kafka_broker_list\" = \"h:9092\", "
                              "\"kafka_topic\" = \"t\")")
    assert code == 1142 and "INSERT command denied" in msg
    bob.execute("DESC shop.orders")  # SELECT is enough to describe

    cur.execute("GRANT INSERT ON shop.* TO bob")
    bob.execute("CREATE ROUTINE LOAD shop.job1 ON orders "
                "FROM KAFKA (\"kafka_broker_list\" = \"h:9092\", \"kafka_topic\" = \"t\")")
    bob.execute("STOP ROUTINE LOAD FOR shop.job1")

    cur.execute("SHOW GRANTS FOR bob")
    grants = "\n".join(str(r) for r in cur.fetchall())
    assert "GRANT SELECT ON `shop`.`orders` TO 'bob'@'%'" in grants

    cur.execute("REVOKE SELECT ON shop.orders FROM bob")
    cur.execute("REVOKE INSERT ON shop.* FROM bob")
    code, msg = error_of(bob, "DESC shop.orders")
    assert code == 1142


def test_set_password_changes_login(server):
    root = connect(server)
    root.cursor().execute("CREATE USER carol IDENTIFIED BY 'one'")
    carol = connect(server, "carol", "one")
    carol.cursor().execute("SET PASSWORD = PASSWORD('two')")
    carol.close()
    with pytest.raises(pymysql.err.OperationalError):
        connect(server, "carol", "one")
    connect(server, "carol", "two").close()
