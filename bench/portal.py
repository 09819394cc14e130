"""The public portal's cached article page through the production server, against a static
file of the same size served by the same server in the same run.

Goal (ours): a cached article at half the static file's rate or better (ratio >= 0.5). The
reference is the cheapest answer that server can give: WhiteNoise sends a file from its
middleware, second in the chain; a page from the portal's cache (dangvu/portal/cache.py)
goes through every other middleware and the URL resolver to the view, and reads its file
from the cache directory. Below half, the cache's hit path costs more than serving the page
does, and is the part to look at.

How: the demo's article "Hội nghị tổng kết công tác xây dựng Đảng năm 2021" (demo_portal()),
gunicorn started as scripts/run-server starts it (config.settings.prod with the settings
scripts/production-env writes, WEB_WORKERS sync workers, its flags; static files collected
by the production storage), on 127.0.0.1; one request warms the cache; the article's exact
bytes are written into STATIC_ROOT and the server started again, so that WhiteNoise, which
lists its files at start-up, serves them. Then ROUNDS rounds of the two, each for SECONDS
from THREADS client threads (bench/http_load.py), which goes first alternating; the median
of each, and their ratio. Gunicorn's sync workers close every connection after its
response, so every request, the static file's included, opens a TCP connection. The client
runs on the same machine and takes CPU from the server: the figures are noisy, the ratio
less so. Import only after `django.setup()` (see `bench.run`)."""

import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

from django.conf import settings

from bench.http_load import Load, load
from bench.measure import log
from bench.run import ROOT
from dangvu.portal.models import ArticlePage

ARTICLE = "Hội nghị tổng kết công tác xây dựng Đảng năm 2021"
HOST = "127.0.0.1"
ROUNDS = 3
SECONDS = 3.0
WARM_SECONDS = 0.5
GOAL_RATIO = 0.5
STATIC_NAME = "bench-article.html"
# The flags of scripts/run-server (tests/test_bench_portal.py holds them to it).
GUNICORN_FLAGS = ["--access-logfile", "-", "--error-logfile", "-", "--timeout", "120"]


class PortalResult(TypedDict):
    path: str
    bytes: int
    workers: int
    threads: int
    seconds: float
    load_average: float
    article: list[Load]
    static: list[Load]
    article_rps: float
    static_rps: float
    ratio: float


def production_env(workdir: Path) -> dict[str, str]:
    """The environment of `make run`: what scripts/production-env writes (a fresh secret,
    plain HTTP), this run's database and uploads, and this run's own directories for the
    static files, the portal's cache and its renditions."""
    env_file = workdir / "production.env"
    subprocess.run(
        [str(ROOT / "scripts" / "production-env"), str(env_file), HOST],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    written = {}
    for line in env_file.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            written[key] = value
    return {
        **os.environ,
        **written,
        "SECRET_KEY": written.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "UPLOAD_ROOT": str(settings.UPLOAD_ROOT),
        "STATIC_ROOT": str(workdir / "static"),
        "PORTAL_CACHE_DIR": str(workdir / "cache"),
        "PORTAL_MEDIA_ROOT": str(workdir / "media"),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=60) as response:
        body: bytes = response.read()
        return body


@contextmanager
def gunicorn(env: dict[str, str], log_file: Path) -> Iterator[int]:
    """The production server on a free port of 127.0.0.1, stopped on leaving."""
    port = _free_port()
    bind = ["--bind", f"{HOST}:{port}", "--workers", env["WEB_WORKERS"]]
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", *bind, *GUNICORN_FLAGS]
    with log_file.open("ab") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit {server.returncode}): {log_file}")
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not answer in 60 s: {log_file}")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _rounds(port: int, paths: tuple[str, str], size: int, threads: int) -> list[list[Load]]:
    """ROUNDS loads of each path, which goes first alternating, after an untimed warm-up of
    each (every worker has then loaded what the first request loads)."""
    for path in paths:
        load(HOST, port, path, size=size, threads=threads, seconds=WARM_SECONDS)
    results: list[list[Load]] = [[], []]
    for number in range(ROUNDS):
        order = (0, 1) if number % 2 == 0 else (1, 0)
        for which in order:
            result = load(HOST, port, paths[which], size=size, threads=threads, seconds=SECONDS)
            if result["errors"]:
                raise RuntimeError(f"{result['errors']} failed requests to {paths[which]}")
            results[which].append(result)
    return results


def measure_portal() -> PortalResult:
    """The article and its static copy, as the module's docstring says; the demo's portal
    content must be in the database."""
    path = ArticlePage.objects.get(title=ARTICLE).url
    with tempfile.TemporaryDirectory(prefix="dangvu-bench-portal-") as name:
        workdir = Path(name)
        env = production_env(workdir)
        server_log = workdir / "gunicorn.log"
        log("collecting static files (production storage)")
        subprocess.run([sys.executable, "-m", "django", "collectstatic", "--no-input", "-v", "0"],
                       cwd=ROOT, env=env, check=True)  # fmt: skip
        with gunicorn(env, server_log) as port:
            article = _get(port, path)  # renders it, and the cache keeps it
            cached = list((workdir / "cache").glob("*.djcache"))
            if _get(port, path) != article or len(cached) != 1:
                raise RuntimeError(f"{path} was not cached")
        (workdir / "static" / STATIC_NAME).write_bytes(article)
        static_path = f"{settings.STATIC_URL}{STATIC_NAME}"
        workers = int(env["WEB_WORKERS"])
        threads = 2 * workers
        load_average = os.getloadavg()[0]
        with gunicorn(env, server_log) as port:
            if _get(port, static_path) != article:
                raise RuntimeError(f"{static_path} is not the article's copy")
            article_loads, static_loads = _rounds(port, (path, static_path), len(article), threads)
    article_rps = statistics.median(r["requests_per_second"] for r in article_loads)
    static_rps = statistics.median(r["requests_per_second"] for r in static_loads)
    ratio = article_rps / static_rps
    log(f"portal: {path} ({len(article):,} bytes, cached) {article_rps:,.0f} req/s; the same "
        f"bytes as a static file {static_rps:,.0f} req/s; ratio {ratio:.2f}")  # fmt: skip
    return PortalResult(
        path=path,
        bytes=len(article),
        workers=workers,
        threads=threads,
        seconds=SECONDS,
        load_average=round(load_average, 2),
        article=article_loads,
        static=static_loads,
        article_rps=article_rps,
        static_rps=static_rps,
        ratio=round(ratio, 2),
    )
