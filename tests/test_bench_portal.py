"""The portal's part of `make bench`: the server it measures is started as `make run`
starts it, and its client counts only complete, expected answers."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.http_load import load
from bench.portal import GUNICORN_FLAGS
from bench.run import ROOT

BODY = "<p>Hội nghị tổng kết</p>".encode().ljust(4096, b" ")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_server_runs_with_the_flags_of_scripts_run_server() -> None:
    command = (ROOT / "scripts" / "run-server").read_text(encoding="utf-8").split("gunicorn ")[-1]
    assert " ".join(GUNICORN_FLAGS) in " ".join(command.replace("\\\n", " ").split())
    assert '--workers "${WEB_WORKERS:-2}"' in command


def test_the_client_counts_only_answers_of_the_expected_status_and_size(port: int) -> None:
    right = load("127.0.0.1", port, "/ok", size=len(BODY), threads=2, seconds=0.3)
    short = load("127.0.0.1", port, "/ok", size=len(BODY) + 1, threads=2, seconds=0.3)
    missing = load("127.0.0.1", port, "/missing", size=len(BODY), threads=2, seconds=0.3)

    assert right["requests"] > 0 and right["errors"] == 0
    assert right["requests_per_second"] == pytest.approx(right["requests"] / right["seconds"], 0.05)
    assert short["requests"] == 0 and short["errors"] > 0
    assert missing["requests"] == 0 and missing["errors"] > 0
