"""The hostile-file corpus (`hostile.py`) through every door: the reader, the member and
organization import pages (their checks run as tasks), the reconciliation page and the CLI.
Each file ends in one Vietnamese line, in bounded memory, with nothing written, and the web
server and the worker answer the next request and the next task."""

import io
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from conftest import Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.imports.limits import MB, ReadLimits
from dangvu.imports.models import ImportBatch
from dangvu.imports.tests.hostile import CORPUS, CORPUS_MEMORY_MB, good_member_file
from dangvu.members.models import Member
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion

VIETNAMESE_MARKS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
# The process that asks to read a file, and the reader's own child, may not grow beyond
# these (the child is limited to CORPUS_MEMORY_MB by construction; this measures it).
PARENT_MB, CHILD_MB = 160, CORPUS_MEMORY_MB


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (build, _fragment) in CORPUS.items():
        build(folder / name)
    return {name: folder / name for name in CORPUS}


@pytest.fixture(autouse=True)
def _reader_memory(settings: Settings) -> None:
    settings.IMPORT_READER_MEMORY_MB = CORPUS_MEMORY_MB


def _assert_one_vietnamese_line(message: str) -> None:
    assert "\n" not in message and "Traceback" not in message, message
    assert VIETNAMESE_MARKS & set(message.lower()), message


# The reader alone, in a process of its own whose memory is measured (and limited: if
# reading a file were unbounded, it would fail there rather than take the machine).
_MEASURE = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, resource.RLIM_INFINITY))
from dangvu.imports.columns import match_header
from dangvu.imports.limits import ReadLimits
from dangvu.imports.reading import UnreadableFile, find_header, open_rows
limits = ReadLimits(**json.loads(sys.argv[1]))
outcome = {}
for name in sys.argv[2:]:
    try:
        _sheet, rows = open_rows(Path(name), limits=limits)
        outcome[name] = sum(1 for _ in find_header(rows, known=match_header)[2])
    except UnreadableFile as error:
        outcome[name] = str(error)
# The peak resident size of this process (getrusage would count the test process it was
# started from), and the largest of the reader's children.
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"outcome": outcome, "self_mb": int(peak.split()[1]) // 1024,
                  "children_mb": children // 1024}))
"""


def test_each_file_ends_in_one_vietnamese_line_within_bounded_memory(
    corpus: dict[str, Path],
) -> None:
    limits = ReadLimits(memory=CORPUS_MEMORY_MB * MB)

    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(limits.as_json()), *map(str, corpus.values())],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    report = json.loads(run.stdout)
    for name, path in corpus.items():
        message = report["outcome"][str(path)]
        assert isinstance(message, str), f"{name} was read: {message} rows"
        assert CORPUS[name][1] in message, (name, message)
        assert message.startswith("Không"), message
        _assert_one_vietnamese_line(message)
    assert report["self_mb"] < PARENT_MB, report
    assert report["children_mb"] < CHILD_MB, report


def _registry() -> tuple[int, ...]:
    """What an import could write: none of it may change (the upload itself is audited)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    stages = sum(1 for table in tables if table.startswith("imports_stage_"))
    counts = (model.objects.count() for model in (Member, Membership, OrgUnit, OrgVersion))
    entries = AuditEntry.objects.exclude(action=Event.IMPORT_UPLOADED).count()
    return (*counts, entries, stages)


def _upload(client: Client, route: str, path: Path, name: str | None = None) -> ImportBatch:
    upload = SimpleUploadedFile(name or path.name, path.read_bytes())
    response = client.post(reverse(route), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    return ImportBatch.objects.latest("pk")


def test_the_member_import_refuses_each_file_and_the_next_upload_is_checked(
    admin: Client, corpus: dict[str, Path], tmp_path: Path
) -> None:
    before = _registry()

    for name, path in corpus.items():
        batch = _upload(admin, "imports:upload", path)
        page = admin.get(reverse("imports:detail", args=[batch.pk])).content.decode()

        assert (batch.state, batch.problems_total) == ("CHECKED", 1), name
        message = batch.problems[0]["message"]
        assert CORPUS[name][1] in message and message in page, (name, message)
        _assert_one_vietnamese_line(message)
        assert _registry() == before, name

    # The web server and the worker (the task of the next upload) still answer.
    assert admin.get(reverse("imports:upload")).status_code == 200
    batch = _upload(admin, "imports:upload", good_member_file(tmp_path))
    assert (batch.state, batch.problems, batch.to_create) == ("CHECKED", [], 1)


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_outlives_the_bomb_and_runs_the_next_task(
    admin: Client, corpus: dict[str, Path], tmp_path: Path, settings: Settings
) -> None:
    """With the real queue and worker (`dangvu db_worker`), not tasks run in the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    bomb = _upload(admin, "imports:upload", corpus["bom-kich-thuoc.xlsx"])
    good = _upload(admin, "imports:upload", good_member_file(tmp_path))
    assert {bomb.state, good.state} == {"UPLOADED"}  # queued, not run in the request
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    bomb.refresh_from_db()
    good.refresh_from_db()
    assert bomb.state == "CHECKED" and "XFD1048576" in bomb.problems[0]["message"]
    assert (good.state, good.problems, good.to_create) == ("CHECKED", [], 1)
    statuses = DBTaskResult.objects.values_list("status", flat=True)
    assert list(statuses) == ["SUCCESSFUL", "SUCCESSFUL"]


def test_the_organization_import_refuses_each_file(admin: Client, corpus: dict[str, Path]) -> None:
    before = _registry()

    for name, path in corpus.items():
        batch = _upload(admin, "imports:org_upload", path)
        page = admin.get(reverse("imports:org_detail", args=[batch.pk])).content.decode()

        assert (batch.state, batch.problems_total) == ("CHECKED", 1), name
        message = batch.problems[0]["message"]
        assert message in page, name
        _assert_one_vietnamese_line(message)
        assert _registry() == before, name
    assert admin.get(reverse("imports:org_upload")).status_code == 200


def test_the_reconciliation_refuses_each_file_in_the_worker(
    admin: Client, corpus: dict[str, Path]
) -> None:
    before = _registry()
    for name, path in corpus.items():
        batch = _upload(admin, "imports:reconcile", path)
        report = admin.get(reverse("imports:reconcile_report", args=[batch.pk]))

        assert batch.state == "FAILED", name
        _assert_one_vietnamese_line(batch.failure)
        assert batch.failure in report.content.decode(), name
        assert _registry() == before, name
    assert admin.get(reverse("imports:reconcile")).status_code == 200


def _cli(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("what", ["members", "organizations"])
def test_the_cli_exits_2_with_one_line_for_each_file(
    tree: Tree, corpus: dict[str, Path], what: str
) -> None:
    before = _registry()

    for name, path in corpus.items():
        code, text = _cli(what, str(path))

        assert code == 2, (name, text)
        _assert_one_vietnamese_line(text.strip())
        assert _registry() == before, name


def test_a_long_file_name_is_kept_for_display_and_never_in_a_path(
    admin: Client, tmp_path: Path
) -> None:
    name = "Danh sách đảng viên " * 20 + ".xlsx"  # 405 characters, 585 bytes in UTF-8

    batch = _upload(admin, "imports:upload", good_member_file(tmp_path), name=name)

    # Django keeps 255 characters of it (765 bytes: too long for a file system's name).
    assert len(batch.file_name) == 255 and batch.file_name.endswith(".xlsx")
    assert batch.file_name.startswith("Danh sách đảng viên Danh sách")
    assert len(batch.file.name) < 60 and batch.file.name.endswith(".xlsx")
    assert "Danh" not in batch.file.name
    assert (batch.state, batch.problems, batch.to_create) == ("CHECKED", [], 1)


def test_a_file_over_the_upload_limit_is_refused_by_the_form_and_the_cli(
    admin: Client, tree: Tree, settings: Settings, tmp_path: Path
) -> None:
    settings.IMPORT_MAX_UPLOAD_MB = 1
    path = tmp_path / "lon.csv"
    path.write_bytes(b"x" * (MB + 1))

    response = admin.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    code, text = _cli("members", str(path))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp “lon.csv” nặng 2 MB, quá giới hạn 1 MB. Hãy chia nhỏ tệp." in page
    assert not ImportBatch.objects.exists()
    assert code == 2 and "tệp nặng 2 MB, quá giới hạn 1 MB." in text
