"""The production preset serves pages and static files with DEBUG off, once its start-up
step (collectstatic, run by the service before it starts) has run: the way an operator
would, in a separate process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SERVE = """
import re, django
django.setup()
from django.conf import settings
from django.test import Client
assert settings.DEBUG is False
client = Client(HTTP_HOST="dangvu.example.vn")
page = client.get("/app/login/", secure=True)
css = re.search(r'href="(/static/css/dangvu\\.[0-9a-f]{12}\\.css)"', page.content.decode())
asset = client.get(css.group(1), secure=True, HTTP_ACCEPT_ENCODING="gzip")
print(page.status_code, asset.status_code, asset["Cache-Control"], asset["Content-Encoding"],
      sep="|")
"""


def test_the_production_preset_serves_a_page_and_a_hashed_static_file(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "x" * 20 + "-production-secret-of-sufficient-length-0123456789",
        "ALLOWED_HOSTS": "dangvu.example.vn",
        "STATIC_ROOT": str(tmp_path / "static"),
        "UPLOAD_ROOT": str(tmp_path / "uploads"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    def run(*args: str) -> str:
        result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                                text=True, check=False, timeout=120)  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run("-m", "django", "collectstatic", "--no-input", "-v", "0")
    page, asset, cache, encoding = run("-c", SERVE).strip().split("|")

    assert (page, asset, encoding) == ("200", "200", "gzip")
    assert "immutable" in cache  # a hashed name: browsers keep it
