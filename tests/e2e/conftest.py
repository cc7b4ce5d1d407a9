"""Fixtures for end-to-end tests: a real tributary server and real MySQL clients."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))

from tributary_server import TributaryServer  # noqa: E402


@pytest.fixture(scope="module")
def server():
    srv = TributaryServer()
    srv.start()
    yield srv
    srv.cleanup()


@pytest.fixture
def fresh_server():
    srv = TributaryServer()
    srv.start()
    yield srv
    srv.cleanup()
