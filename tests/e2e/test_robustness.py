"""Bad packets never crash the server or disturb other sessions; 200 concurrent connections."""
import random
import socket
import struct
import threading

import pymysql


def raw_connect(server):
    s = socket.create_connection(("127.0.0.1", server.query_port), timeout=10)
    header = s.recv(4)
    length = struct.unpack("<I", header[:3] + b"\0")[0]
    data = b""
    while len(data) < length:
        data += s.recv(length - len(data))
    return s


def drain(s):
    try:
        s.settimeout(2)
        while s.recv(65536):
            pass
    except OSError:
        pass
    s.close()


def assert_server_serves(server):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
    with conn.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)
    conn.close()


def test_garbage_truncated_and_oversized_packets(server):
    bystander = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
    rng = random.Random(7)
    payloads = [
        b"",                                           # connect and close
        b"\x01\x00\x00",                               # truncated header
        b"\x05\x00\x00\x01abc",                        # truncated payload
        b"\xff\xff\xff\x01" + b"x" * 100,              # announces a 16 MB packet, sends 100 bytes
        b"\x20\x00\x00\x01" + b"\x00" * 32,            # all-zero handshake response
        b"\x04\x00\x00\x05\x00\x00\x00\x00",           # wrong sequence id
    ]
    payloads += [bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))
                 for _ in range(50)]
    for p in payloads:
        s = raw_connect(server)
        try:
            s.sendall(p)
        except OSError:
            pass
        drain(s)
    # A logged-in session sending garbage commands gets errors and keeps working.
    with bystander.cursor() as cur:
        cur.execute("SELECT 2")
        assert cur.fetchone() == (2,)
    assert_server_serves(server)
    bystander.close()


def test_logged_in_session_survives_unknown_and_malformed_commands(server):
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
    for command, argument in [(0x60, b""), (0x17, b"\x01"), (0x04, b"no_nul_terminator")]:
        conn._execute_command(command, argument)
        try:
            conn._read_packet()
            assert False, "command %#x was accepted" % command
        except pymysql.MySQLError as e:
            assert e.args[0] in (1047, 1835, 1146, 1046), e
    with conn.cursor() as cur:
        cur.execute("SELECT 3")
        assert cur.fetchone() == (3,)
    conn.close()


def test_oversized_packet_is_refused_with_1153(server):
    admin = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
    with admin.cursor() as cur:
        cur.execute('ADMIN SET FRONTEND CONFIG ("max_allowed_packet" = "1048576")')
    try:
        conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT '" + "x" * (2 << 20) + "'")
            assert False, "a 2 MB packet was accepted with max_allowed_packet = 1 MB"
        except pymysql.MySQLError as e:
            assert e.args[0] == 1153, e
        finally:
            conn.close()
    finally:
        with admin.cursor() as cur:
            cur.execute('ADMIN SET FRONTEND CONFIG ("max_allowed_packet" = "67108864")')
        admin.close()
    assert_server_serves(server)


def test_two_hundred_concurrent_connections(server):
    n = 200
    barrier = threading.Barrier(n)
    errors = []
    conns = []
    lock = threading.Lock()

    def worker(i):
        try:
            c = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root",
                                connect_timeout=60)
            barrier.wait(timeout=120)  # all 200 are open at the same time
            with c.cursor() as cur:
                cur.execute("SELECT CONNECTION_ID(), %d" % i)
                row = cur.fetchone()
                assert row[1] == i
            with lock:
                conns.append(c)
        except Exception as e:  # noqa: BLE001
            with lock:
                errors.append(repr(e))
            barrier.abort()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    conn = pymysql.connect(host="127.0.0.1", port=server.query_port, user="root")
    with conn.cursor() as cur:
        cur.execute("SHOW PROCESSLIST")
        assert len(cur.fetchall()) >= n + 1
    conn.close()
    for c in conns:
        c.close()
