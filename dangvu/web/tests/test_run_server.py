"""`make run` serves the product as an office installs it: gunicorn, DEBUG off, hashed static
files through WhiteNoise, its own secret key in a var/ file, the house's error pages."""

import os
import re
import signal
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs the server on its own SQLite database, so `make test` runs it once",
)
@pytest.mark.timeout(600)
def test_make_run_serves_with_gunicorn_and_debug_off(tmp_path: Path) -> None:
    port, env_file = _free_port(), tmp_path / "production.env"
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}", "DANGVU_DEMO": "0",
            "DANGVU_ENV_FILE": str(env_file), "UPLOAD_ROOT": str(tmp_path / "uploads")}  # fmt: skip
    server = subprocess.Popen(
        ["scripts/run-server", "127.0.0.1", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 400
        while True:
            try:
                status, login = _get(f"{base}/app/login/")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(1)
        stylesheet = re.search(r'href="(/static/css/dangvu\.[0-9a-f]{12}\.css)"', login)
        served = _get(f"{base}{stylesheet[1]}")[0] if stylesheet else None
        missing, page = _get(f"{base}/app/khong-co-trang-nay/")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode("utf-8", "replace")

    assert status == 200
    assert served == 200, "static files under hashed names, served by WhiteNoise"
    assert "gunicorn" in output.lower() and "DEBUG tắt" in output
    assert missing == 404
    assert "Không tìm thấy" in page and "Django tried" not in page and "Traceback" not in page
    written = env_file.read_text()
    key = re.search(r"^SECRET_KEY=(\S+)$", written, re.MULTILINE)
    assert key is not None and len(key[1]) >= 50
    assert "DJANGO_SETTINGS_MODULE=config.settings.prod" in written
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
