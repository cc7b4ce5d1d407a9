"""A small Confluent Schema Registry for tests and demos: the REST subset an Avro deserializer
uses, optional basic auth, and outages that can be switched on and off.

    with SchemaRegistry(credentials=("key", "secret")) as registry:
        schema_id = registry.register("orders-value", {"type": "record", ...})
        registry.fail("http503", path_prefix="/schemas/ids/")  # fetching a schema now fails
        registry.recover()
        assert registry.requests.count(("GET", "/schemas/ids/%d" % schema_id)) == 1

REST API (answers are `application/vnd.schemaregistry.v1+json`; errors are
{"error_code": N, "message": "..."} with Confluent's codes):

    POST /subjects/{subject}/versions   {"schema": "<text>"[, "schemaType": "AVRO"]} -> {"id": N}
    GET  /schemas/ids/{id}              -> {"schema": "<text as first registered>"}     40403
    GET  /subjects                      -> ["subject", ...] (sorted)
    GET  /subjects/{subject}/versions   -> [1, 2, ...]                                  40401
    GET  /subjects/{subject}/versions/{n|latest} -> {"subject", "version", "id", "schema"}
                                           40401 unknown subject, 40402 unknown version,
                                           42202 a version that is not a positive integer
    GET  /config                        -> {"compatibilityLevel": "BACKWARD"}

Ids are global and start at 1. Schemas are compared after JSON normalisation (keys sorted, no
spaces): registering a known schema returns its id, and adds a version only to a subject that did
not have it yet. A schema python3-avro cannot parse, or a schemaType other than AVRO, gets 422
with error_code 42201. No compatibility checks are made.

With credentials=(user, password), every request must carry that `Authorization: Basic` header
or gets 401 {"error_code": 401, "message": "Unauthorized"}.

Failures (fail(mode, path_prefix=None), undone by recover()) come before authentication, as an
outage of the server itself would:

    http500  500 {"error_code": 50001, "message": "Error in the backend data store"}
    http503  503 {"error_code": 50003, "message": "Service unavailable"}
    refuse   the listening socket is closed (connections are refused) and open connections are
             shut; recover() listens again on the same port with every schema kept. Not limited
             by path, and only from the Python API (nothing could tell the server to recover).
    close    the request is read, then the connection is closed with no answer
    hang     the request is read, then nothing is answered until recover() (the request is then
             served) or stop() (the connection is closed)

`requests` is every (method, path) received, failed ones included, in arrival order.

The server speaks HTTP/1.1 with keep-alive, serves each connection on a daemon thread, and never
waits for those threads, so stop() returns even while a request hangs.

As a script it serves until SIGTERM or SIGINT, and also accepts control requests, which are
never failed, authenticated nor recorded: `POST /_control/recover` and `POST /_control/fail`
{"mode": "http500", "path_prefix": "/schemas/"} (path_prefix optional; not "refuse").

    python3 tests/harness/schema_registry.py --port 8081 --register orders-value=orders.avsc \\
        [--host 127.0.0.1] [--credentials key:secret] [--port-file FILE]

It prints `url URL`, then `registered SUBJECT ID` for each --register, then `ready`; the port file
is written (atomically) just before `ready`.
"""
import argparse
import base64
import http.server
import json
import os
import signal
import socket
import socketserver
import sys
import threading
import urllib.parse
import warnings

import avro.schema  # noqa: F401 (python3-avro must be installed)

from avro_produce import parse_schema

CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"
FAILURE_MODES = ("http500", "http503", "refuse", "close", "hang")
CONTROL_PREFIX = "/_control/"


class InvalidSchema(ValueError):
    """A schema python3-avro cannot parse (the REST API answers 422, error_code 42201)."""


class _HttpError(Exception):
    def __init__(self, status, error_code, message):
        super().__init__(message)
        self.status = status
        self.error_code = error_code
        self.message = message


def normalise(schema_text):
    """The form two schemas are compared in: parsed JSON dumped with sorted keys, no spaces."""
    return json.dumps(json.loads(schema_text), sort_keys=True, separators=(",", ":"))


class SchemaRegistry:
    def __init__(self, port=0, host="127.0.0.1", credentials=None, control_api=False):
        """port 0 picks a free port at start(). credentials: (user, password) for basic auth.
        control_api: also serve /_control/fail and /_control/recover (the script does)."""
        self.host = host
        self.port = port
        self.credentials = credentials
        self.control_api = control_api
        self._expected_auth = None
        if credentials:
            token = base64.b64encode(("%s:%s" % credentials).encode()).decode()
            self._expected_auth = "Basic " + token
        # One lock guards the schemas, the failure, the request log and the connection set; the
        # condition wakes hanging requests on recover() and stop().
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._schemas = []        # schema text by id - 1
        self._ids = {}            # normalised text -> id
        self._subjects = {}       # subject -> [id of version 1, id of version 2, ...]
        self._failure = None      # (mode, path_prefix) or None
        self._stopping = False
        self._requests = []
        self._connections = set()
        # Serialises start/stop/fail/recover, which open and close the listener.
        self._lifecycle = threading.RLock()
        self._server = None
        self._thread = None

    # --- lifetime ----------------------------------------------------------------------------

    @property
    def url(self):
        return "http://%s:%d" % (self.host, self.port)

    @property
    def url_with_credentials(self):
        user, password = self.credentials
        return "http://%s:%s@%s:%d" % (urllib.parse.quote(user, safe=""),
                                       urllib.parse.quote(password, safe=""), self.host, self.port)

    def start(self):
        with self._lifecycle:
            with self._lock:
                self._stopping = False
            self._listen()
        return self

    def stop(self):
        """Stops listening, closes every open connection (hanging requests get no answer) and
        ends any failure. The schemas are kept for a later start()."""
        with self._lifecycle:
            with self._lock:
                self._stopping = True
                self._failure = None
                self._wake.notify_all()
            self._close_listener()
            self._shut_connections()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _listen(self):
        server = _Server((self.host, self.port), _Handler)
        server.registry = self
        self.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                  name="schema-registry-%d" % self.port, daemon=True)
        thread.start()
        self._server, self._thread = server, thread

    def _close_listener(self):
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
            self._thread.join()

    def _shut_connections(self):
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # --- failures ----------------------------------------------------------------------------

    def fail(self, mode, path_prefix=None):
        """Makes requests (those whose path starts with path_prefix, when given) fail as `mode`
        until recover()."""
        if mode not in FAILURE_MODES:
            raise ValueError("unknown failure mode %r; one of %s"
                             % (mode, ", ".join(FAILURE_MODES)))
        if mode == "refuse" and path_prefix is not None:
            raise ValueError("'refuse' closes the listener; it cannot be limited to a path")
        with self._lifecycle:
            self.recover()
            with self._lock:
                self._failure = (mode, path_prefix)
            if mode == "refuse":
                self._close_listener()
                self._shut_connections()

    def recover(self):
        """Ends the failure: listens again (same port) after 'refuse', answers hanging requests."""
        with self._lifecycle:
            with self._lock:
                failure, self._failure = self._failure, None
                self._wake.notify_all()
                stopping = self._stopping
            if failure and failure[0] == "refuse" and not stopping:
                self._listen()

    def _failure_for(self, path):
        """The failure mode for a request to `path`, or None. REQUIRES: self._lock held."""
        if self._failure is None:
            return None
        mode, prefix = self._failure
        if prefix is not None and not path.startswith(prefix):
            return None
        return mode

    # --- request log -------------------------------------------------------------------------

    @property
    def requests(self):
        """A copy of the (method, path) of every request received, in arrival order."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self):
        with self._lock:
            self._requests.clear()

    # --- schemas -----------------------------------------------------------------------------

    def register(self, subject, schema):
        """Registers `schema` (a dict or JSON text) under `subject`; returns its global id.
        Raises InvalidSchema when python3-avro cannot parse it."""
        text = schema if isinstance(schema, str) else json.dumps(schema)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unknown logical types are legal Avro
                parse_schema(text)  # lenient about enum symbols, see there
            key = normalise(text)
        except Exception as e:  # python3-avro raises several types for malformed input
            raise InvalidSchema("Invalid schema %s: %s" % (text, e)) from None
        with self._lock:
            schema_id = self._ids.get(key)
            if schema_id is None:
                self._schemas.append(text)
                schema_id = self._ids[key] = len(self._schemas)
            versions = self._subjects.setdefault(subject, [])
            if schema_id not in versions:
                versions.append(schema_id)
            return schema_id

    def schema(self, schema_id):
        """The text of schema `schema_id` as first registered; KeyError when unknown."""
        with self._lock:
            if not 1 <= schema_id <= len(self._schemas):
                raise KeyError(schema_id)
            return self._schemas[schema_id - 1]

    def _subject_versions(self, subject):
        with self._lock:
            if subject not in self._subjects:
                raise _HttpError(404, 40401, "Subject '%s' not found." % subject)
            return list(self._subjects[subject])

    # --- REST routes (paths already split and unquoted) ----------------------------------------

    def _route(self, method, parts, body):
        if method == "GET" and parts == ["config"]:
            return {"compatibilityLevel": "BACKWARD"}
        if method == "GET" and parts == ["subjects"]:
            with self._lock:
                return sorted(self._subjects)
        if method == "GET" and len(parts) == 3 and parts[:2] == ["schemas", "ids"]:
            try:
                return {"schema": self.schema(int(parts[2]))}
            except (KeyError, ValueError):
                raise _HttpError(404, 40403, "Schema %s not found" % parts[2]) from None
        if len(parts) >= 3 and parts[0] == "subjects" and parts[2] == "versions":
            subject = parts[1]
            if method == "POST" and len(parts) == 3:
                return {"id": self._register_request(subject, body)}
            if method == "GET" and len(parts) == 3:
                return list(range(1, len(self._subject_versions(subject)) + 1))
            if method == "GET" and len(parts) == 4:
                return self._version(subject, parts[3])
        raise _HttpError(404, 404, "HTTP 404 Not Found")

    def _register_request(self, subject, body):
        try:
            request = json.loads(body or b"{}")
        except ValueError as e:
            raise _HttpError(400, 400, "Unrecognized request body: %s" % e) from None
        if not isinstance(request, dict) or not isinstance(request.get("schema"), str):
            raise _HttpError(422, 42201, "Invalid schema: the body needs a \"schema\" string")
        schema_type = request.get("schemaType", "AVRO")
        if schema_type != "AVRO":
            raise _HttpError(422, 42201, "Invalid schema type %s: only AVRO is supported"
                             % schema_type)
        try:
            return self.register(subject, request["schema"])
        except InvalidSchema as e:
            raise _HttpError(422, 42201, str(e)) from None

    def _version(self, subject, version):
        versions = self._subject_versions(subject)
        if version == "latest":
            number = len(versions)
        else:
            try:
                number = int(version)
            except ValueError:
                number = 0
            if number <= 0:
                raise _HttpError(422, 42202, "The specified version '%s' is not a valid version "
                                 "id. Allowed values are between [1, 2^31-1] and the string "
                                 "\"latest\"" % version)
            if number > len(versions):
                raise _HttpError(404, 40402, "Version %d not found." % number)
        schema_id = versions[number - 1]
        return {"subject": subject, "version": number, "id": schema_id,
                "schema": self.schema(schema_id)}

    def _control(self, action, body):
        if action == "recover":
            self.recover()
            return {"recovered": True}
        if action == "fail":
            try:
                request = json.loads(body or b"{}")
                mode, prefix = request["mode"], request.get("path_prefix")
            except (ValueError, KeyError, TypeError):
                raise _HttpError(400, 400, "body must be {\"mode\": ..., \"path_prefix\": ...}") \
                    from None
            if mode == "refuse":
                raise _HttpError(400, 400, "'refuse' is only for the Python API: nothing could "
                                 "make a server that refuses connections recover")
            try:
                self.fail(mode, prefix)
            except ValueError as e:
                raise _HttpError(400, 400, str(e)) from None
            return {"mode": mode, "path_prefix": prefix}
        raise _HttpError(404, 404, "HTTP 404 Not Found")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for a connection that hangs
    allow_reuse_address = True  # recover() after 'refuse' binds the same port again

    def server_bind(self):
        # HTTPServer.server_bind resolves the host name, which can stall without DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], OSError):  # clients that went away are expected
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SchemaRegistry"
    sys_version = ""

    def setup(self):
        super().setup()
        registry = self.server.registry
        with registry._lock:
            registry._connections.add(self.connection)

    def finish(self):
        registry = self.server.registry
        with registry._lock:
            registry._connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self._serve()

    def do_POST(self):
        self._serve()

    def do_PUT(self):
        self._serve()

    def do_DELETE(self):
        self._serve()

    def _serve(self):
        registry = self.server.registry
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urllib.parse.urlsplit(self.path).path
        if registry.control_api and path.startswith(CONTROL_PREFIX):
            self._answer(lambda: registry._control(path[len(CONTROL_PREFIX):], body))
            return
        with registry._lock:
            registry._requests.append((self.command, self.path))
            mode = registry._failure_for(path)
            while mode == "hang" and not registry._stopping:
                registry._wake.wait()
                mode = registry._failure_for(path)
            stopping = registry._stopping
        if stopping or mode in ("close", "refuse"):
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:  # stop() or fail("refuse") shut it already
                pass
            return
        if mode == "http500":
            self._send(500, {"error_code": 50001, "message": "Error in the backend data store"})
            return
        if mode == "http503":
            self._send(503, {"error_code": 50003, "message": "Service unavailable"})
            return
        if registry._expected_auth and self.headers.get("Authorization") != registry._expected_auth:
            self._send(401, {"error_code": 401, "message": "Unauthorized"},
                       {"WWW-Authenticate": 'Basic realm="SchemaRegistry"'})
            return
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        self._answer(lambda: registry._route(self.command, parts, body))

    def _answer(self, route):
        try:
            self._send(200, route())
        except _HttpError as e:
            self._send(e.status, {"error_code": e.error_code, "message": e.message})

    def _send(self, status, payload, headers=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--register", action="append", default=[], metavar="SUBJECT=FILE",
                        help="registers the schema in FILE under SUBJECT (repeatable)")
    parser.add_argument("--credentials", metavar="USER:PASSWORD",
                        help="require this basic auth on every request")
    parser.add_argument("--port-file", help="write the port here once ready")
    args = parser.parse_args(argv)

    credentials = tuple(args.credentials.split(":", 1)) if args.credentials else None
    registry = SchemaRegistry(port=args.port, host=args.host, credentials=credentials,
                              control_api=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    registry.start()
    try:
        print("url %s" % registry.url, flush=True)
        for item in args.register:
            subject, sep, path = item.partition("=")
            if not sep:
                parser.error("--register takes SUBJECT=FILE, not %r" % item)
            with open(path) as f:
                schema_id = registry.register(subject, f.read().strip())
            print("registered %s %d" % (subject, schema_id), flush=True)
        if args.port_file:
            tmp = args.port_file + ".tmp"
            with open(tmp, "w") as f:
                f.write("%d\n" % registry.port)
            os.replace(tmp, args.port_file)
        print("ready", flush=True)
        while not done.wait(1):
            pass
    finally:
        registry.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
