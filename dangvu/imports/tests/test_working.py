"""Background work that fails, runs out of time or memory, or is left behind by a dead
worker: the batch says FAILED with the reason, nothing is written, and the next task runs.
And a file of many bad rows lists the first problems and counts them all."""

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from conftest import TODAY, MakeUser, Tree
from dangvu.imports import tasks
from dangvu.imports.models import ImportBatch
from dangvu.imports.problems import Problem, Problems, problem_fields
from dangvu.imports.reconcile import reconcile
from dangvu.imports.tests.hostile import bad_rows, good_member_file
from dangvu.imports.working import CRASHED, OUT_OF_MEMORY, STALE
from dangvu.members.models import Member
from dangvu.organizations.access import Operator


def _upload(
    client: Client, content: bytes, route: str = "imports:upload", name: str = "ds.xlsx"
) -> ImportBatch:
    client.post(reverse(route), {"file": SimpleUploadedFile(name, content)})
    return ImportBatch.objects.latest("pk")


@pytest.mark.parametrize(
    ("error", "reason"), [(MemoryError, OUT_OF_MEMORY), (KeyError, CRASHED)], ids=["memory", "bug"]
)
def test_a_task_that_dies_fails_its_batch_and_the_next_task_runs(
    admin: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type, reason: str
) -> None:
    def dies(*_args: object, **_kwargs: object) -> None:
        raise error()

    with monkeypatch.context() as patch:
        patch.setattr(tasks, "batch_check", dies)
        failed = _upload(admin, good_member_file(tmp_path).read_bytes())
    page = admin.get(reverse("imports:detail", args=[failed.pk])).content.decode()
    after = _upload(admin, good_member_file(tmp_path).read_bytes())

    assert (failed.state, failed.failure, failed.working_since) == ("FAILED", reason, None)
    assert reason in page and "Kiểm tra lại" in page
    assert (after.state, after.problems, after.to_create) == ("CHECKED", [], 1)


def test_a_check_past_its_time_limit_fails_and_keeps_nothing(
    admin: Client, tmp_path: Path, settings: Settings
) -> None:
    settings.IMPORT_TASK_SECONDS = 0

    batch = _upload(admin, good_member_file(tmp_path).read_bytes())

    assert batch.state == "FAILED" and batch.failure.startswith("Quá thời gian xử lý")
    assert not ImportBatch.objects.filter(state="CHECKED").exists()
    assert not Member.objects.exists()


def test_the_organization_import_fails_like_the_members(
    admin: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "org_batch_check", lambda *_a, **_k: 1 / 0)

    batch = _upload(admin, good_member_file(tmp_path).read_bytes(), "imports:org_upload")
    page = admin.get(reverse("imports:org_detail", args=[batch.pk])).content.decode()

    assert (batch.state, batch.failure) == ("FAILED", CRASHED)
    assert CRASHED in page


@pytest.mark.parametrize("state", ["UPLOADED", "CHECKING", "COMMITTING"])
def test_a_batch_left_in_progress_is_failed_by_the_next_page(
    admin: Client, tmp_path: Path, settings: Settings, state: str
) -> None:
    batch = _upload(admin, good_member_file(tmp_path).read_bytes())
    since = timezone.now() - dt.timedelta(minutes=settings.IMPORT_STALE_MINUTES + 1)
    ImportBatch.objects.filter(pk=batch.pk).update(state=state, working_since=since)

    page = admin.get(reverse("imports:detail", args=[batch.pk])).content.decode()

    batch.refresh_from_db()
    assert (batch.state, batch.failure) == ("FAILED", STALE)
    assert STALE in page


def test_a_batch_at_work_is_left_alone_and_the_next_task_fails_a_stale_one(
    admin: Client, tmp_path: Path, settings: Settings
) -> None:
    good = good_member_file(tmp_path).read_bytes()
    working, stale = _upload(admin, good), _upload(admin, good)
    long_ago = timezone.now() - dt.timedelta(minutes=settings.IMPORT_STALE_MINUTES + 1)
    ImportBatch.objects.filter(pk=working.pk).update(state="CHECKING", working_since=timezone.now())
    ImportBatch.objects.filter(pk=stale.pk).update(state="COMMITTING", working_since=long_ago)

    _upload(admin, good_member_file(tmp_path).read_bytes())  # its task looks at the others first

    assert ImportBatch.objects.get(pk=working.pk).state == "CHECKING"
    assert ImportBatch.objects.get(pk=stale.pk).state == "FAILED"


def test_a_failed_batch_is_checked_again_and_a_late_task_leaves_it_alone(
    admin: Client, tmp_path: Path, make_user: MakeUser
) -> None:
    batch = _upload(admin, good_member_file(tmp_path).read_bytes())
    ImportBatch.objects.filter(pk=batch.pk).update(state="FAILED", failure=STALE)
    user = ImportBatch.objects.get(pk=batch.pk).created_by_id
    assert user is not None

    tasks.check_upload.enqueue(batch.pk, user, "2026-11-26")  # a task queued before it failed
    late = ImportBatch.objects.get(pk=batch.pk)
    admin.post(reverse("imports:remap", args=[batch.pk]), {"col-0": "full_name"})
    again = ImportBatch.objects.get(pk=batch.pk)

    assert late.state == "FAILED"
    assert again.state == "CHECKED" and again.failure == ""


def test_many_bad_rows_list_the_first_problems_and_count_them_all(
    admin: Client, tree: Tree, tmp_path: Path, settings: Settings
) -> None:
    settings.IMPORT_MAX_PROBLEMS = 50
    path = bad_rows(tmp_path / "sai.xlsx", 3000)  # 4 problems a row: 12,000

    batch = _upload(admin, path.read_bytes())
    page = admin.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "members", str(path), "--dry-run", stdout=out, stderr=err)

    assert (batch.problems_total, len(batch.problems)) == (12_000, 50)
    assert "12000 lỗi — chưa ghi gì" in page and "… và 11950 lỗi khác" in page
    assert exit_.value.code == 1
    assert len(out.getvalue().splitlines()) == 51
    assert out.getvalue().splitlines()[-1] == "… và 11.950 lỗi khác."
    assert err.getvalue().strip().endswith("Có 12.000 lỗi; không ghi gì.")


def test_the_reconciliation_lists_the_first_problems_and_counts_them_all(
    tree: Tree, tmp_path: Path, settings: Settings
) -> None:
    settings.IMPORT_MAX_PROBLEMS = 20
    path = tmp_path / "csdl.csv"
    lines = [f"Người {i},32/13/1985,03808500{i:04d}" for i in range(500)]
    path.write_text("Họ và tên,Ngày sinh,Số CCCD\n" + "\n".join(lines), encoding="utf-8")

    report = reconcile(path=path, user=Operator(), today=TODAY)

    assert (len(report.problems), report.problems.total, report.problems.more) == (20, 500, 480)


def test_the_reconciliation_runs_in_the_worker_within_its_time_limit(
    admin: Client, tmp_path: Path, settings: Settings
) -> None:
    settings.IMPORT_TASK_SECONDS = 0
    path = tmp_path / "csdl.csv"
    path.write_text("Họ và tên,Ngày sinh\nNgười Một,01/01/1985\n", encoding="utf-8")

    batch = _upload(admin, path.read_bytes(), "imports:reconcile", path.name)
    page = admin.get(reverse("imports:reconcile_report", args=[batch.pk]))

    assert batch.state == "FAILED" and batch.failure.startswith("Quá thời gian xử lý cho phép")
    assert batch.failure in page.content.decode()


def test_a_kept_problem_is_cut_to_size() -> None:
    long = "x" * 1000
    problems = Problems([Problem(5, "B", long, long, long)] * 3, keep=2)

    kept = problem_fields(problems)

    assert kept["problems_total"] == 3 and len(kept["problems"]) == 2
    assert len(json.dumps(kept, ensure_ascii=False)) < 2 * 1200
    assert kept["problems"][0]["value"] == "x" * 99 + "…"


_ALLOCATE = """
from dangvu.imports.limits import memory_limit
with memory_limit(64 << 20):
    try:
        bytearray(256 << 20)
    except MemoryError:
        print("refused")
print(len(bytearray(256 << 20)) >> 20)
"""


def test_a_tasks_memory_limit_refuses_an_allocation_beyond_it_and_is_lifted_after() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _ALLOCATE], capture_output=True, text=True, timeout=60, check=True
    )

    assert run.stdout.split() == ["refused", "256"]
