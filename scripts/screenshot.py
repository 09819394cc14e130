"""Take the README's screenshot: start the dev server on the demo database, log in as the
demo admin in headless Chromium, and capture the organization tree.

Usage: .venv/bin/python scripts/screenshot.py docs/screenshot.png
"""

import socket
import subprocess
import sys
import time
import urllib.request

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(target: str) -> None:
    port = free_port()
    server = subprocess.Popen([".venv/bin/dangvu", "runserver", f"127.0.0.1:{port}", "--noreload"])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"{base}/app/login/")
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
            page.goto(f"{base}/app/login/")
            page.fill("#id_username", "admin")
            page.fill("#id_password", "dangvu-demo")
            page.click("button[type=submit]")
            page.goto(f"{base}/app/?as_of=2021-12-31")
            page.screenshot(path=target)
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main(sys.argv[1])
