import hashlib
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dangvu.members.models import AdmissionCase, Member
from dangvu.organizations.models import Membership, OrgEvent


def _fingerprint() -> str:
    rows = Member.objects.order_by("national_id").values_list(
        "national_id", "full_name", "birth_date", "admission_date", "exit_reason"
    )
    periods = Membership.objects.order_by("member__national_id", "valid_from").values_list(
        "member__national_id", "org__code", "valid_from", "valid_to"
    )
    events = OrgEvent.objects.order_by("org__code", "effective_date", "kind").values_list(
        "org__code", "kind", "effective_date"
    )
    return hashlib.sha256(repr((list(rows), list(periods), list(events))).encode()).hexdigest()


@pytest.mark.django_db
@pytest.mark.timeout(900)  # two builds at a fifth of the scale
def test_demo_is_deterministic_and_rebuilt_identically_with_reset() -> None:
    # A fifth of the scale runs every step of the full demo (the story, the cases, the
    # imports) on both databases; the full scale is built in the test below.
    call_command("demo", "--scale", "0.2", stdout=StringIO())
    first = _fingerprint()

    with pytest.raises(CommandError, match="Dùng --reset"):
        call_command("demo", stdout=StringIO())
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "bỏ qua" in out.getvalue()

    call_command("demo", "--reset", "--scale", "0.2", stdout=StringIO())

    assert _fingerprint() == first


def _build_in_a_fresh_process(migrated: Path, hash_seed: str) -> str:
    database = migrated.with_name(f"demo-{hash_seed}.sqlite3")
    shutil.copyfile(migrated, database)
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "DATABASE_URL": f"sqlite:///{database}"}
    dangvu = [sys.executable, "-m", "dangvu"]
    subprocess.run([*dangvu, "demo", "--scale", "0.2"], env=env, check=True, capture_output=True)
    commands = [["orgs", "--as-of", day, "--json"] for day in ("2021-12-31", "2026-01-01")]
    commands += [["evaluation", "results", "--year", "2025", "--org", "DBUBND", "--json"]]
    figures = [
        subprocess.run([*dangvu, *command], env=env, check=True, capture_output=True,
                       text=True).stdout
        for command in commands
    ]  # fmt: skip
    return hashlib.sha256("".join(figures).encode()).hexdigest()


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="builds its own SQLite databases, so `make test` runs it once, with SQLite",
)
# A fifth of the scale takes every step of the full demo (see above) in a fifth of the time;
# two full builds took three minutes of the suite.
@pytest.mark.timeout(900)
def test_the_demo_is_the_same_in_every_process(tmp_path: Path) -> None:
    """Python randomizes string hashing per process; nothing in the demo may depend on it."""
    # Migrated once and copied: a migration takes half a minute, and does not hash strings
    # into anything the demo reads.
    migrated = tmp_path / "migrated.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{migrated}"}
    subprocess.run([sys.executable, "-m", "dangvu", "migrate", "-v", "0"], env=env, check=True)
    assert _build_in_a_fresh_process(migrated, "1") == _build_in_a_fresh_process(migrated, "2")


@pytest.mark.django_db
def test_a_small_demo_builds_even_where_a_cell_has_no_official_member_yet() -> None:
    call_command("demo", "--scale", "0.1", stdout=StringIO())

    # Every organization keeps a few members, so a tenth of the scale is more than a tenth.
    assert 1000 < Member.objects.count() < 3000
    assert AdmissionCase.objects.filter(introducer_1__isnull=False).exists()
