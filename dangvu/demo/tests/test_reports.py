"""The demo's 2021 annual report and the figures across the 2025 restructuring.
`ReportChecks` runs inside `test_demo.DemoStoryTests`, on the demo that class builds once."""

import datetime as dt
import json
import subprocess
import tempfile
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
from django.contrib.auth import get_user_model
from django.core.management import call_command

from conftest import TODAY
from dangvu.demo.builder import BLOC, GOVERNMENT, demo_users
from dangvu.documents.pdf import docx_to_pdf
from dangvu.organizations.access import Operator
from dangvu.organizations.models import OrgUnit
from dangvu.plans.rules import TargetStatus
from dangvu.reports.model import vn_number
from dangvu.stats.pack import stats_pack
from dangvu.stats.scope import Scope

if TYPE_CHECKING:
    from django.test import TestCase as _Base
else:
    _Base = object


def _stats(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def _pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _scope(start: dt.date, end: dt.date, root: str | None = None) -> Scope:
    org = OrgUnit.objects.get(code=root) if root else None
    return Scope(user=Operator(), root=org, start=start, end=end, as_of=end)


class ReportChecks(_Base):
    def test_the_2021_report_states_the_figures_dangvu_stats_gives(self) -> None:
        stats = _stats("--year", "2021", "--org", BLOC[0])
        with tempfile.TemporaryDirectory() as tmp:
            docx, xlsx = Path(tmp) / "bc.docx", Path(tmp) / "bc.xlsx"
            args = ["annual", "--year", "2021", "--org", BLOC[0], "--date", "14/01/2022"]
            for path in (docx, xlsx):
                call_command("report", *args, "-o", str(path), stdout=StringIO())
            text = _pdf_text(docx_to_pdf(docx.read_bytes()))
            workbook = openpyxl.load_workbook(xlsx, read_only=True)
            cells = [c for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)
                     for c in row]  # fmt: skip
        demo_users(TODAY)
        self.client.force_login(get_user_model().objects.get(username="tochuc"))
        page = self.client.get("/app/reports/", {"year": "2021", "org": BLOC[0]}).content.decode()
        grassroots = stats["organizations"]["grassroots"]
        members = stats["members"]["status"]["total"]
        [evaluation] = stats["evaluation"]
        excellent = evaluation["organizations"]["levels"]["HTXSNV"]
        commended = evaluation["commended"]["organizations"]
        [plan] = stats["plans"]["year"]
        [next_plan] = stats["plans"]["next_year"]
        [admissions] = [t for t in plan["targets"] if t["measure"] == "admissions"]

        self.assertEqual(grassroots, 161)
        self.assertGreater(members, 8600)
        self.assertEqual((excellent, commended), (17, 17))
        self.assertEqual(len(plan["targets"]), 5)
        self.assertTrue(all(t["status"] in ("MET", "EXCEEDED") for t in plan["targets"]))
        self.assertEqual(admissions["status"], TargetStatus.EXCEEDED)
        self.assertEqual(len(next_plan["tasks"]), 7)
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", text)
        self.assertIn("ngày 14 tháng 01 năm 2022", text)
        self.assertIn("tổ chức và đảng viên tính đến ngày 31/12/2021", text)
        self.assertIn(f"có {grassroots} tổ chức cơ sở đảng", text)
        self.assertIn(f"với {vn_number(members)} đảng viên", text)
        self.assertIn(f"trong đó {excellent} hoàn thành xuất sắc nhiệm vụ", text)
        self.assertIn(f"{commended} tổ chức cơ sở đảng được khen thưởng", text)
        self.assertIn("Thực hiện 05/05 chỉ tiêu chủ yếu đạt và vượt", text)
        self.assertIn(f"Vượt chỉ tiêu: {admissions['name']}", text)
        self.assertIn("Năm 2022, tập trung thực hiện 07 nhiệm vụ trọng tâm", text)
        self.assertIn(next_plan["tasks"][6]["title"][:40], text)
        self.assertIn("Hoàn thành xuất sắc nhiệm vụ", cells)
        self.assertIn(members, cells)
        self.assertIn(f"có {grassroots} tổ chức cơ sở đảng", page)
        self.assertIn(f"với {vn_number(members)} đảng viên", page)
        self.assertIn(f"trong đó {excellent} hoàn thành xuất sắc nhiệm vụ", page)
        self.assertIn(f"{commended} tổ chức cơ sở đảng được khen thưởng", page)
        self.assertIn("Thực hiện 05/05 chỉ tiêu chủ yếu đạt và vượt", page)
        self.assertIn("Năm 2022, tập trung thực hiện 07 nhiệm vụ trọng tâm", page)

    def test_figures_before_across_and_after_the_2025_restructuring(self) -> None:
        before = stats_pack(_scope(dt.date(2025, 1, 1), dt.date(2025, 1, 31)))
        across = stats_pack(_scope(dt.date(2025, 1, 1), dt.date(2025, 2, 1)))
        after = stats_pack(_scope(dt.date(2025, 3, 1), dt.date(2025, 12, 31), GOVERNMENT[0]))
        bloc_before = stats_pack(_scope(dt.date(2025, 1, 1), dt.date(2025, 1, 31), BLOC[0]))
        changes = across["movements"]["tree_changes"]

        self.assertFalse(before["movements"]["tree_changes"]["changed"])
        self.assertEqual(changes["dates"], ["2025-02-01"])
        self.assertIn({"on": "2025-02-01", "kind": "DISSOLVED", "code": BLOC[0],
                       "name": "Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh"},
                      changes["committees"])  # fmt: skip
        self.assertGreater(changes["grassroots_affected"], 140)
        self.assertFalse(after["movements"]["tree_changes"]["changed"])
        self.assertEqual(bloc_before["organizations"]["grassroots"],
                         before["organizations"]["grassroots"])  # fmt: skip
        self.assertLess(
            after["organizations"]["grassroots"], bloc_before["organizations"]["grassroots"]
        )
