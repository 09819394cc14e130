"""The pack as lines of Vietnamese text, for `dangvu stats --year` and `--from/--to`."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from dangvu.organizations.models import OrgEvent


def _day(iso: str) -> str:
    return f"{dt.date.fromisoformat(iso):%d/%m/%Y}"


def _rows(rows: list[dict[str, Any]]) -> str:
    return "; ".join(f"{row['label']} {row['count']}" for row in rows) or "0"


def tree_change_lines(changes: dict[str, Any]) -> list[str]:
    """What a period across a restructuring says about it: the figures at its start and
    end count under different trees."""
    if not changes["changed"]:
        return []
    lines = [
        _(
            "Trong kỳ có sắp xếp tổ chức: số liệu đầu kỳ tính theo cây tổ chức đầu kỳ, "
            "số liệu cuối kỳ theo cây tổ chức cuối kỳ; %(count)s TCCSĐ thay đổi nơi trực thuộc."
        )
        % {"count": changes["grassroots_affected"]}
    ]
    for event in changes["committees"]:
        kind = OrgEvent.Kind(event["kind"]).label
        lines.append(f"  {_day(event['on'])}: {kind} {event['code']} {event['name']}")
    return lines


def pack_lines(pack: dict[str, Any]) -> list[str]:
    """Every section of PACK, one or a few lines each."""
    members, orgs, moves = pack["members"], pack["organizations"], pack["movements"]
    status = members["status"]
    lines = [
        _("Số liệu từ %(start)s đến %(end)s; kết quả tính đến %(as_of)s")
        % {"start": _day(pack["from"]), "end": _day(pack["to"]), "as_of": _day(pack["as_of"])},
        _("Tổ chức cơ sở đảng: %(n)s (%(sectors)s)")
        % {"n": orgs["grassroots"], "sectors": _rows(orgs["grassroots_by_sector"])},
        _(
            "Đảng viên: %(total)s (chính thức %(official)s, dự bị %(probationary)s); nữ %(women)s, "
            "dân tộc thiểu số %(minority)s, có đạo %(religious)s"
        )
        % {
            **status,
            "women": members["women"],
            "minority": members["ethnic_minority"],
            "religious": members["religious"],
        },
        _("Độ tuổi: %(rows)s") % {"rows": _rows(members["age_band"])},
        _("Chuyên môn: %(rows)s") % {"rows": _rows(members["professional_qualification"])},
        _("Lý luận chính trị: %(rows)s") % {"rows": _rows(members["political_theory"])},
        _(
            "Kết nạp %(admitted)s, công nhận chính thức %(recognized)s, "
            "chuyển đến %(transferred_in)s, chuyển đi %(transferred_out)s, "
            "xóa tên %(removed)s, khai trừ %(expelled)s, từ trần %(died)s"
        )
        % moves,
        _("Xóa tên theo căn cứ: %(rows)s") % {"rows": _rows(moves["removed_by_reason"])},
        *tree_change_lines(moves["tree_changes"]),
        _("Huy hiệu Đảng: %(n)s") % {"n": pack["badges"]["awarded"]},
    ]
    for result in pack["evaluation"]:
        levels = result["organizations"]["levels"]
        lines.append(
            _(
                "Đánh giá %(committee)s: %(rated)s TCCSĐ, HTXSNV %(excellent)s, "
                "khen thưởng %(commended)s"
            )
            % {
                "committee": result["committee"],
                "rated": result["organizations"]["rated"],
                "excellent": levels["HTXSNV"],
                "commended": result["commended"]["organizations"],
            }
        )
    for plan in pack["plans"]["year"]:
        met = [t for t in plan["targets"] if t["status"] in ("MET", "EXCEEDED")]
        lines.append(
            _("Chỉ tiêu %(org)s: đạt %(met)s/%(total)s")
            % {"org": plan["org"], "met": len(met), "total": len(plan["targets"])}
        )
    for plan in pack["plans"]["next_year"]:
        lines.append(
            _("Nhiệm vụ trọng tâm năm %(year)s của %(org)s: %(n)s")
            % {"year": plan["year"], "org": plan["org"], "n": len(plan["tasks"])}
        )
    lines.append(_("Đảng phí đã nộp: %(paid)s đồng") % pack["dues"])
    return lines
