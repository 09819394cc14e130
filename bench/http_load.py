"""A small HTTP load client with no Django dependency: THREADS threads, each with its own
connection (`http.client`, HTTP/1.1, kept open while the server keeps it: gunicorn's sync
workers close it after every response, so each request then opens a new one), requesting
one path for a fixed time. Every response is checked (status 200, the expected length)."""

import http.client
import threading
import time
from typing import TypedDict


class Load(TypedDict):
    path: str
    seconds: float
    requests: int
    errors: int
    requests_per_second: float
    # CPU the client itself took, in cores (this process's CPU time over the wall time):
    # near 1.0 the client, not the server, may be what limits the rate.
    client_cores: float


def load(host: str, port: int, path: str, *, size: int, threads: int, seconds: float) -> Load:
    """GET PATH on HOST:PORT from THREADS threads for SECONDS; a response counts when it is
    a 200 of SIZE bytes, anything else (or a connection error) is an error."""
    counts = [(0, 0)] * threads
    start = threading.Event()
    deadline = 0.0

    def worker(index: int) -> None:
        done = failed = 0
        connection = http.client.HTTPConnection(host, port, timeout=30)
        start.wait()
        while time.perf_counter() < deadline:
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
                continue
            if response.status == 200 and len(body) == size:
                done += 1
            else:
                failed += 1
        connection.close()
        counts[index] = (done, failed)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    cpu, began = time.process_time(), time.perf_counter()
    deadline = began + seconds
    start.set()
    for thread in workers:
        thread.join()
    wall = time.perf_counter() - began
    cpu = time.process_time() - cpu
    requests = sum(done for done, _ in counts)
    return Load(
        path=path,
        seconds=round(wall, 2),
        requests=requests,
        errors=sum(failed for _, failed in counts),
        requests_per_second=round(requests / wall, 1),
        client_cores=round(cpu / wall, 2),
    )
