"""The audit trail as people read it: the event's label, changed fields by their Vietnamese
names, related records by name, dates as dd/mm/yyyy, codes by their labels, and no
"change" that changed nothing. The audit pages and the member timeline show entries
through this module, never the codes, ids and ISO dates the trail keeps for the machine."""

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.models import AuditEntry

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

# The facts services record under `data`, by key, and the label each is shown with; None
# for what is kept for the machine only (versions, ids of rows the entry names already).
# A key that is not here is not shown: a test fails for any key a service writes without
# a label.
DATA_LABELS: dict[str, Promise | None] = {
    "on": gettext_lazy("Ngày"),
    "backup_taken": gettext_lazy("Thời điểm sao lưu"),
    "backup_files": gettext_lazy("Số tệp đính kèm"),
    "icu_version": gettext_lazy("Phiên bản ICU"),
    "meeting_kind": gettext_lazy("Loại hội nghị"),
    "target_kind": gettext_lazy("Cách tính chỉ tiêu"),
    "measure": gettext_lazy("Phép đo"),
    "value": gettext_lazy("Kết quả"),
    "task_result": gettext_lazy("Kết quả nhiệm vụ"),
    "deadline": gettext_lazy("Hạn hoàn thành"),
    "percent": gettext_lazy("Tiến độ (%)"),
    "present": gettext_lazy("Số người có mặt"),
    "tasks": gettext_lazy("Số nhiệm vụ tạo từ kết luận"),
    "holder": gettext_lazy("Chủ thể"),
    "activity": gettext_lazy("Hoạt động"),
    "check_kind": gettext_lazy("Loại kiểm tra, giám sát"),
    "form": gettext_lazy("Hình thức kỷ luật"),
    "recommendations": gettext_lazy("Số kiến nghị"),
    "outcome": gettext_lazy("Kết quả"),
    "effective_date": gettext_lazy("Ngày hiệu lực"),
    "decided_on": gettext_lazy("Ngày quyết định"),
    "decision": gettext_lazy("Quyết định"),
    "number": gettext_lazy("Số văn bản"),
    "extension_days": gettext_lazy("Số ngày gia hạn"),
    "ceremony": gettext_lazy("Ngày lễ kết nạp"),
    "official_date": gettext_lazy("Ngày chính thức"),
    "name": gettext_lazy("Tên"),
    "old_name": gettext_lazy("Tên cũ"),
    "new_name": gettext_lazy("Tên mới"),
    "kind_code": gettext_lazy("Loại tổ chức"),
    "old_kind": gettext_lazy("Loại cũ"),
    "new_kind": gettext_lazy("Loại mới"),
    "parent": gettext_lazy("Trực thuộc"),
    "old_parent": gettext_lazy("Trực thuộc cũ"),
    "new_parent": gettext_lazy("Trực thuộc mới"),
    "into": gettext_lazy("Vào"),
    "received_from": gettext_lazy("Tiếp nhận từ"),
    "events": gettext_lazy("Thay đổi được hủy"),
    "authorities": gettext_lazy("Số ủy quyền kết nạp được hủy"),
    "cell": gettext_lazy("Chi bộ"),
    "sub_committee": gettext_lazy("Đảng bộ bộ phận thẩm định"),
    "start": gettext_lazy("Hình thức"),
    "joined_on": gettext_lazy("Ngày bắt đầu sinh hoạt"),
    "full_name": gettext_lazy("Họ và tên"),
    "case": gettext_lazy("Hồ sơ kết nạp"),
    "reason": gettext_lazy("Lý do"),
    "detail": gettext_lazy("Căn cứ"),
    "gap_reason": gettext_lazy("Lý do không tham gia sinh hoạt đảng"),
    # A correction request: the field asked about (its name), the value asked for, and
    # the record edit an accepted one made.
    "correction_field": gettext_lazy("Mục cần điều chỉnh"),
    "current_value": gettext_lazy("Đang ghi"),
    "proposed_value": gettext_lazy("Đề nghị sửa thành"),
    "member_edit": gettext_lazy("Lần sửa hồ sơ"),
    "from": gettext_lazy("Từ"),
    "to": gettext_lazy("Đến"),
    "kind": gettext_lazy("Loại"),
    # The admission list's download: the step, and the step whose dates it was narrowed by.
    "step": gettext_lazy("Bước"),
    "dated_by": gettext_lazy("Lọc theo"),
    "milestone": gettext_lazy("Mốc tuổi đảng (năm)"),
    "title": gettext_lazy("Văn bản"),
    "label": gettext_lazy("Nội dung"),
    "count": gettext_lazy("Số hồ sơ"),
    "rows": gettext_lazy("Số dòng"),
    "size": gettext_lazy("Dung lượng (byte)"),
    "file": gettext_lazy("Tệp"),
    "mapping": gettext_lazy("Cách ghép cột"),
    "row_kinds": gettext_lazy("Cách đọc các dòng (trang, dòng, loại)"),
    "printed": gettext_lazy("Mẫu in"),
    "created": gettext_lazy("Tạo mới"),
    "updated": gettext_lazy("Cập nhật"),
    "skipped": gettext_lazy("Bỏ qua (không đổi)"),
    "deleted": gettext_lazy("Đã xóa"),
    "restored": gettext_lazy("Đã khôi phục"),
    "codes": gettext_lazy("Mã tổ chức"),
    "format": gettext_lazy("Định dạng"),
    "as_of": gettext_lazy("Tính đến ngày"),
    "occasion": gettext_lazy("Đợt trao"),
    "year": gettext_lazy("Năm đánh giá"),
    "stage": gettext_lazy("Bước"),
    "organizations": gettext_lazy("Số tổ chức"),
    "members": gettext_lazy("Số đảng viên"),
    "early": gettext_lazy("Xét tặng sớm"),
    "dues_paid_until": gettext_lazy("Đã đóng đảng phí đến hết tháng"),
    "month": gettext_lazy("Tháng"),
    "months": gettext_lazy("Các tháng"),
    "amount": gettext_lazy("Số tiền (đồng)"),
    "relief": gettext_lazy("Miễn, giảm đảng phí"),
    "enclosures": gettext_lazy("Hồ sơ kèm theo"),
    "posthumous": gettext_lazy("Truy tặng"),
    "org": gettext_lazy("Tổ chức"),
    "query": gettext_lazy("Tìm kiếm"),
    "status": gettext_lazy("Tình trạng"),
    "gender": gettext_lazy("Giới tính"),
    "age_band": gettext_lazy("Nhóm tuổi"),
    "user": gettext_lazy("Tài khoản"),
    "role": gettext_lazy("Vai trò"),
    "position": gettext_lazy("Chức vụ"),
    "member": gettext_lazy("Đảng viên"),
    "valid_from": gettext_lazy("Từ ngày"),
    "valid_to": gettext_lazy("Đến trước ngày"),
    "email": gettext_lazy("Thư điện tử"),
    "devices": gettext_lazy("Số thiết bị xác thực đã gỡ"),
    "attempts": gettext_lazy("Số lần đăng nhập sai đã xóa"),
    "username": gettext_lazy("Tên đăng nhập"),
    "address": gettext_lazy("Địa chỉ truy cập"),
    "expires_at": gettext_lazy("Hết hạn lúc"),
    "report_year": gettext_lazy("Năm báo cáo"),
    "section": gettext_lazy("Phần báo cáo"),
    "text_version": gettext_lazy("Phiên bản"),
    "restored_from": gettext_lazy("Khôi phục từ phiên bản"),
    # Kept for the machine: the record's version, the entry a revert undoes, the transfer
    # the entry's member is on, the document's file name, what an import was of and the
    # two-factor enrolment link used.
    "version": None,
    "reverts": None,
    "transfer": None,
    "document": None,
    "what": None,
    "link": None,
}

# How the value under a key reads, for keys whose values are codes: registered at start-up
# (AppConfig.ready) by the app that owns the codes, as revert handlers are.
_shown: dict[str, Callable[[Any], str]] = {}
_labels: dict[str, dict[str, str | Promise]] = {}


def audit_value_register(key: str, show: Callable[[Any], str]) -> None:
    """SHOW(value) is how values under KEY (in `data` or `changes`) read."""
    _shown[key] = show


def audit_choices_register(key: str, *choices: type[models.Choices]) -> None:
    """Values under KEY are codes of CHOICES, shown by their labels."""
    labels = _labels.setdefault(key, {})
    for kind in choices:
        labels.update(dict(kind.choices))
    audit_value_register(key, lambda code: str(labels.get(code, code)))


@dataclass(frozen=True)
class Line:
    """One line of an entry: a changed field (BEFORE → AFTER) or a fact (BEFORE is None)."""

    label: str
    after: str
    before: str | None = None


def shown(value: Any, key: str = "", field: Any = None) -> str:
    """VALUE as the trail stored it (see `stored_value`), as people read it."""
    if isinstance(value, list):
        return ", ".join(shown(item, key, field) for item in value)
    if value is None or value == "":
        return "—"
    if key in _shown:
        return _shown[key](value)
    if isinstance(value, dict):
        return str(value.get("label", ""))
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, str) and _ISO_DATE.match(value):
        return f"{dt.date.fromisoformat(value):%d/%m/%Y}"
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        return f"{dt.datetime.fromisoformat(value):%d/%m/%Y %H:%M}"
    return str(value)


def _model(entry: AuditEntry) -> type[models.Model] | None:
    try:
        return apps.get_model(entry.object_type)
    except (LookupError, ValueError):  # "list": an entry about no single record
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _capital(text: object) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _field_label(field: Any, name: str) -> object:
    """FIELD's Vietnamese name; a field left with Django's default name (its own, spaced)
    reads as the trail's vocabulary names it."""
    verbose = getattr(field, "verbose_name", None)
    if verbose and str(verbose) != name.replace("_", " "):
        return verbose
    return DATA_LABELS.get(name) or name


def entry_changes(entry: AuditEntry) -> list[Line]:
    """The fields ENTRY changed, by their Vietnamese names; none that kept its value."""
    return changes_shown(_model(entry), entry.changes)


def changes_shown(model: type[models.Model] | None, changes: dict[str, Any]) -> list[Line]:
    """CHANGES ({field: [before, after]}, as the trail keeps them) of a MODEL record."""
    lines = []
    for name, (before, after) in changes.items():
        field = _field(model, name)
        old, new = shown(before, name, field), shown(after, name, field)
        if before == after or old == new:
            continue
        lines.append(Line(_capital(_field_label(field, name)), new, old))
    return lines


def entry_facts(entry: AuditEntry) -> list[Line]:
    """The facts ENTRY records, labelled; empty ones and those kept for the machine left
    out."""
    return [
        Line(_capital(label), shown(value, key))
        for key, value in entry.data.items()
        if (label := DATA_LABELS.get(key)) is not None and value not in (None, "", [], {})
    ]


def unlabelled_keys(entries: Iterable[AuditEntry]) -> set[str]:
    """The keys of ENTRIES' facts that `DATA_LABELS` does not name (so are not shown)."""
    return {key for entry in entries for key in entry.data if key not in DATA_LABELS}


def actor_name(entry: AuditEntry) -> str:
    """Who acted: the user's full name, or their user name; a dash for the console's
    operator and for the unknown person of a failed login."""
    if entry.actor is None:
        return "—"
    return entry.actor.get_full_name() or entry.actor.get_username()


# The facts that say when a change takes effect, in the order an entry's own date is
# looked for: a structure change's or decision's day, then the dates a workflow records.
EFFECTIVE_KEYS = ("effective_date", "on", "decided_on", "official_date", "ceremony", "joined_on")


def effective_on(entry: AuditEntry) -> dt.date | None:
    """The day ENTRY's change took effect, when its facts record one (entries of edits
    take effect when recorded)."""
    for key in EFFECTIVE_KEYS:
        value = entry.data.get(key)
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                continue
    return None
