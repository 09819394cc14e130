"""The báo cáo tổng kết công tác xây dựng Đảng of a year, as report parts filled from the
statistics pack: every number it states is one of the pack's (`dangvu stats --year`)."""

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.evaluation.models import Level
from dangvu.plans.rules import TargetStatus
from dangvu.reports.model import Chart, Part, Report, Table, Written, percent, vn_number
from dangvu.reports.models import Section
from dangvu.stats.printing import tree_change_lines

DONE_TARGETS = (TargetStatus.MET, TargetStatus.EXCEEDED)


def _count() -> tuple[str, int]:
    return (_("Số lượng"), 12)


def _share() -> tuple[str, int]:
    return (_("Tỷ lệ"), 10)


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _two_digits(n: int) -> str:
    """Counts under ten are written on two digits in Party reports: "07 nhiệm vụ"."""
    return f"{n:02d}"


def _breakdown(title: str, heading: str, rows: list[dict[str, Any]], total: int) -> Table:
    return Table(
        title,
        [(heading, 40), _count(), _share()],
        [[row["label"], row["count"], percent(row["count"], total)] for row in rows],
    )


def _organizations(pack: dict[str, Any], name: str) -> Part:
    orgs, members = pack["organizations"], pack["members"]
    status = members["status"]
    kinds = {row["code"]: row["count"] for row in orgs["by_kind"]}
    counted = f"{_day(pack['to']):%d/%m/%Y}"
    sentences = [
        _(
            "Đến ngày %(day)s, %(name)s có %(grassroots)s tổ chức cơ sở đảng (%(committees)s "
            "đảng bộ cơ sở, %(cells)s chi bộ cơ sở), %(sub)s đảng bộ bộ phận và %(units)s chi "
            "bộ trực thuộc, với %(total)s đảng viên (%(official)s đảng viên chính thức, "
            "%(probationary)s đảng viên dự bị)."
        )
        % {
            "day": counted,
            "name": name,
            "grassroots": vn_number(orgs["grassroots"]),
            "committees": vn_number(kinds["GR_COMMITTEE"]),
            "cells": vn_number(kinds["GR_CELL"]),
            "sub": vn_number(kinds["SUB_COMMITTEE"]),
            "units": vn_number(kinds["CELL"]),
            "total": vn_number(status["total"]),
            "official": vn_number(status["official"]),
            "probationary": vn_number(status["probationary"]),
        },
        _(
            "Đảng viên nữ %(women)s (%(women_share)s); đảng viên người dân tộc thiểu số "
            "%(minority)s; đảng viên có đạo %(religious)s."
        )
        % {
            "women": vn_number(members["women"]),
            "women_share": percent(members["women"], status["total"]),
            "minority": vn_number(members["ethnic_minority"]),
            "religious": vn_number(members["religious"]),
        },
    ]
    total = status["total"]
    return Part(
        _("I. TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN"),
        sentences,
        [
            Table(
                _("Số liệu chủ yếu"),
                [(_("Nội dung"), 40), _count()],
                [
                    [_("Tổ chức cơ sở đảng"), orgs["grassroots"]],
                    [_("Đảng viên"), status["total"]],
                    [_("Đảng viên chính thức"), status["official"]],
                    [_("Đảng viên dự bị"), status["probationary"]],
                    [_("Đảng viên nữ"), members["women"]],
                    [_("Đảng viên người dân tộc thiểu số"), members["ethnic_minority"]],
                    [_("Đảng viên có đạo"), members["religious"]],
                ],
            ),
            _breakdown(
                _("Tổ chức cơ sở đảng theo loại hình"),
                _("Loại hình"),
                orgs["grassroots_by_sector"],
                orgs["grassroots"],
            ),
            _breakdown(_("Đảng viên theo độ tuổi"), _("Độ tuổi"), members["age_band"], total),
            _breakdown(
                _("Đảng viên theo trình độ chuyên môn"),
                _("Trình độ"),
                members["professional_qualification"],
                total,
            ),
            _breakdown(
                _("Đảng viên theo trình độ lý luận chính trị"),
                _("Trình độ"),
                members["political_theory"],
                total,
            ),
        ],
        [
            Chart(
                _("Đảng viên theo độ tuổi"),
                [row["label"] for row in members["age_band"]],
                [row["count"] for row in members["age_band"]],
            )
        ],
    )


MOVEMENTS = (
    ("admitted", gettext_lazy("Kết nạp đảng viên mới")),
    ("recognized", gettext_lazy("Công nhận đảng viên chính thức")),
    ("transferred_in", gettext_lazy("Chuyển đến")),
    ("transferred_out", gettext_lazy("Chuyển đi")),
    ("removed", gettext_lazy("Xóa tên")),
    ("expelled", gettext_lazy("Khai trừ")),
    ("died", gettext_lazy("Từ trần")),
)


def _movements(pack: dict[str, Any]) -> Part:
    moves = pack["movements"]
    labels = [(key, str(label)) for key, label in MOVEMENTS]
    sentence = _(
        "Trong năm, kết nạp %(admitted)s đảng viên mới, công nhận %(recognized)s đảng viên "
        "chính thức; tiếp nhận %(transferred_in)s đảng viên chuyển đến, chuyển đi "
        "%(transferred_out)s; xóa tên %(removed)s, khai trừ %(expelled)s; %(died)s đảng viên "
        "từ trần."
    ) % {key: vn_number(moves[key]) for key, _label in MOVEMENTS}
    badges = pack["badges"]
    if badges["awarded"]:
        milestones = ", ".join(
            _("%(n)s huy hiệu %(years)s năm tuổi đảng") % {"n": n, "years": years}
            for years, n in badges["by_milestone"].items()
        )
        sentence += " " + _("Trao %(n)s Huy hiệu Đảng (%(milestones)s).") % {
            "n": vn_number(badges["awarded"]),
            "milestones": milestones,
        }
    tables = [
        Table(
            _("Biến động đảng viên trong năm"),
            [(_("Nội dung"), 40), _count()],
            [[label, moves[key]] for key, label in labels],
        )
    ]
    if moves["removed"]:
        tables.append(
            _breakdown(_("Xóa tên theo căn cứ"), _("Căn cứ"), moves["removed_by_reason"],
                       moves["removed"])
        )  # fmt: skip
    return Part(
        _("II. CÔNG TÁC PHÁT TRIỂN VÀ QUẢN LÝ ĐẢNG VIÊN"),
        [sentence, *tree_change_lines(moves["tree_changes"])],
        tables,
        [
            Chart(
                _("Biến động đảng viên"),
                [label for _key, label in labels],
                [moves[key] for key, _label in labels],
            )
        ],
    )


def _evaluation(pack: dict[str, Any]) -> Part:
    sentences, tables, charts = [], [], []
    for result in pack["evaluation"]:
        orgs, members = result["organizations"], result["members"]
        sentences.append(
            _(
                "Kết quả đánh giá, xếp loại chất lượng năm %(year)s: %(rated)s tổ chức cơ sở "
                "đảng được đánh giá, trong đó %(excellent)s hoàn thành xuất sắc nhiệm vụ "
                "(%(share)s), %(good)s hoàn thành tốt nhiệm vụ, %(done)s hoàn thành nhiệm vụ, "
                "%(failed)s không hoàn thành nhiệm vụ; %(commended)s tổ chức cơ sở đảng được "
                "khen thưởng. Đảng viên: %(members)s được đánh giá, %(m_excellent)s hoàn thành "
                "xuất sắc nhiệm vụ."
            )
            % {
                "year": result["year"],
                "rated": vn_number(orgs["rated"]),
                "excellent": vn_number(orgs["levels"][Level.EXCELLENT]),
                "share": percent(orgs["levels"][Level.EXCELLENT], orgs["rated"]),
                "good": vn_number(orgs["levels"][Level.GOOD]),
                "done": vn_number(orgs["levels"][Level.DONE]),
                "failed": vn_number(orgs["levels"][Level.FAILED]),
                "commended": vn_number(result["commended"]["organizations"]),
                "members": vn_number(members["rated"]),
                "m_excellent": vn_number(members["levels"][Level.EXCELLENT]),
            }
        )
        rows = [
            [str(level.label), orgs["levels"][level], percent(orgs["levels"][level], orgs["rated"]),
             members["levels"][level], percent(members["levels"][level], members["rated"])]
            for level in Level
        ]  # fmt: skip
        tables.append(
            Table(
                _("Kết quả đánh giá, xếp loại chất lượng"),
                [
                    (_("Mức xếp loại"), 34),
                    (_("Tổ chức cơ sở đảng"), 12),
                    _share(),
                    (_("Đảng viên"), 12),
                    _share(),
                ],
                rows,
            )
        )
        charts.append(
            Chart(
                _("Xếp loại tổ chức cơ sở đảng"),
                [str(level.value) for level in Level],
                [orgs["levels"][level] for level in Level],
            )
        )
    if not sentences:
        sentences.append(_("Chưa có đợt đánh giá, xếp loại chất lượng của năm."))
    return Part(_("III. ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG"), sentences, tables, charts)


def _discipline(pack: dict[str, Any]) -> Part:
    found = pack["discipline"]
    forms = ", ".join(f"{form} {n}" for form, n in found["members"].items())
    return Part(
        _("IV. CÔNG TÁC KIỂM TRA, GIÁM SÁT VÀ THI HÀNH KỶ LUẬT ĐẢNG"),
        [
            _(
                "Tiến hành %(inspections)s cuộc kiểm tra, %(supervisions)s cuộc giám sát; "
                "đảng viên bị kỷ luật: %(forms)s."
            )
            % {
                "inspections": vn_number(found["inspections"]),
                "supervisions": vn_number(found["supervisions"]),
                "forms": forms,
            }
        ],
    )


def _targets(pack: dict[str, Any]) -> Part:
    sentences, tables = [], []
    for plan in pack["plans"]["year"]:
        targets = plan["targets"]
        done = [t for t in targets if t["status"] in DONE_TARGETS]
        exceeded = [t["name"] for t in targets if t["status"] == TargetStatus.EXCEEDED]
        sentence = _("Thực hiện %(done)s/%(total)s chỉ tiêu chủ yếu đạt và vượt.") % {
            "done": _two_digits(len(done)),
            "total": _two_digits(len(targets)),
        }
        if exceeded:
            sentence += " " + _("Vượt chỉ tiêu: %(names)s.") % {"names": "; ".join(exceeded)}
        sentences.append(sentence)
        rows = [
            [t["name"], t["target"], t["actual"], str(TargetStatus(t["status"]).label)]
            for t in targets
        ]
        tables.append(
            Table(
                _("Kết quả thực hiện các chỉ tiêu chủ yếu"),
                [(_("Chỉ tiêu"), 50), (_("Mục tiêu"), 10), (_("Đạt"), 10), (_("Đánh giá"), 14)],
                rows,
            )
        )
    if not sentences:
        sentences.append(_("Chưa có kế hoạch năm với các chỉ tiêu."))
    return Part(_("V. THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU"), sentences, tables)


def _dues(pack: dict[str, Any]) -> Part:
    dues = pack["dues"]
    if not dues["members_paying"]:
        sentence = _("Chưa có số liệu thu đảng phí của năm trong phần mềm.")
    else:
        sentence = _("Thu đảng phí %(paid)s đồng của %(members)s đảng viên.") % {
            "paid": vn_number(dues["paid"]),
            "members": vn_number(dues["members_paying"]),
        }
    return Part(_("VI. CÔNG TÁC ĐẢNG PHÍ"), [sentence])


def _next_year(pack: dict[str, Any]) -> Part:
    year = pack["year"] + 1
    sentences: list[str] = []
    items: list[str] = []
    for plan in pack["plans"]["next_year"]:
        sentences.append(
            _("Năm %(year)s, tập trung thực hiện %(n)s nhiệm vụ trọng tâm:")
            % {"year": year, "n": _two_digits(len(plan["tasks"]))}
        )
        items.extend(task["title"] for task in plan["tasks"])
    if not sentences:
        sentences.append(_("Chưa có kế hoạch năm %(year)s.") % {"year": year})
    return Part(
        _("VII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM %(year)s") % {"year": year}, sentences, items=items
    )


def annual_report(pack: dict[str, Any], name: str,
                  written: Mapping[str, Written] | None = None) -> Report:  # fmt: skip
    """The report of the committee NAME from its year PACK (`stats.pack.year_pack`), each
    part with what staff WRITTEN for its section (`reports.selectors.written_sections`)."""
    parts = [
        _organizations(pack, name),
        _movements(pack),
        _evaluation(pack),
        _discipline(pack),
        _targets(pack),
        _dues(pack),
        _next_year(pack),
    ]
    written = written or {}
    return Report(
        title=_("Báo cáo"),
        summary=_("tổng kết công tác xây dựng Đảng năm %(year)s") % {"year": pack["year"]},
        committee_name=name,
        counted_on=_day(pack["to"]),
        as_of=_day(pack["as_of"]),
        parts=[
            dataclasses.replace(part, section=section, written=written.get(section))
            for part, section in zip(parts, Section.values, strict=True)
        ],
    )
