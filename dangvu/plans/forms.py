"""The forms of the plans pages, one per service. Organizations are picked, never typed as
ids; guests and the tasks of conclusions are typed one a line."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField, VersionField
from dangvu.common.uploads import CappedFileField
from dangvu.organizations.forms import OrgField, ScopedFormMixin
from dangvu.plans.models import Attendance, Guest, Meeting, Target, Task
from dangvu.plans.rules import TaskStatus


class PlanForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    committee = OrgField(purpose="plans", label=_("Cấp ủy"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)


class TargetForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Chỉ tiêu"), max_length=500)
    kind = forms.ChoiceField(label=_("Cách tính"), choices=Target.Kind.choices)
    measure = forms.ChoiceField(label=_("Phép đo"), required=False)
    goal = forms.DecimalField(label=_("Mục tiêu"), max_digits=9, decimal_places=2, min_value=0)

    def __init__(self, *args: Any, measures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", "—"), *measures]  # type: ignore[attr-defined]


class TargetRecordForm(BootstrapFormMixin, forms.Form):
    value = forms.DecimalField(label=_("Kết quả"), max_digits=9, decimal_places=2, min_value=0)
    on = DateField(Fact.EVENT, label=_("Ngày ghi kết quả"))
    evidence_note = forms.CharField(label=_("Minh chứng"), max_length=1000, required=False)
    evidence_file = CappedFileField(
        label=_("Tệp minh chứng"), required=False, limit="ATTACHMENT_MAX_UPLOAD_MB"
    )


class TaskForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=1000)
    owner_board = forms.ChoiceField(
        label=_("Ban chủ trì"), choices=[("", "—"), *Task.Board.choices], required=False
    )
    owner_org = OrgField(purpose="plans", label=_("Hoặc tổ chức chủ trì"), required=False)
    deadline = DateField(Fact.PLANNED_END, label=_("Hạn hoàn thành"))


class ProgressForm(BootstrapFormMixin, forms.Form):
    on = DateField(Fact.EVENT, label=_("Ngày"))
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Nội dung đã thực hiện"), max_length=2000)
    evidence_file = CappedFileField(
        label=_("Tệp minh chứng"), required=False, limit="ATTACHMENT_MAX_UPLOAD_MB"
    )


class TaskCloseForm(BootstrapFormMixin, forms.Form):
    result = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[(s.value, s.label) for s in (TaskStatus.DONE, TaskStatus.EXCEEDED,
                                              TaskStatus.NOT_DONE)],
    )  # fmt: skip
    on = DateField(Fact.EVENT, label=_("Ngày kết thúc"))
    version = VersionField()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class MeetingForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    org = OrgField(purpose="plans", label=_("Tổ chức"))
    kind = forms.ChoiceField(label=_("Loại"), choices=Meeting.Kind.choices)
    held_on = DateField(Fact.SCHEDULED, label=_("Ngày họp"))
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chair = forms.CharField(label=_("Chủ trì"), max_length=300, required=False)
    secretary = forms.CharField(label=_("Thư ký"), max_length=300, required=False)
    agenda = forms.CharField(label=_("Chương trình, nội dung"), max_length=10000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    guests = forms.CharField(
        label=_("Khách mời"), max_length=10000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một khách mời: họ và tên | chức vụ, ghi như trên giấy mời; "
                    "đại biểu của một tổ chức trực thuộc thêm | mã tổ chức."),
    )  # fmt: skip

    def clean_guests(self) -> list[tuple[str, ...]]:
        found = []
        for number, line in enumerate(_lines(self.cleaned_data["guests"]), start=1):
            parts = tuple(part.strip() for part in line.split("|"))
            if len(parts) not in (2, 3):
                raise forms.ValidationError(
                    _("Dòng %(row)s: ghi họ tên và chức vụ (và mã tổ chức của đại biểu), "
                      "cách nhau bằng dấu |.") % {"row": number}
                )  # fmt: skip
            found.append(parts)
        return found


class AttendanceForm(BootstrapFormMixin, forms.Form):
    """One status and reason per member of the cell on the meeting's date."""

    version = VersionField()

    def __init__(self, *args: Any, members: list[Any], initial_rows: dict[int, Attendance],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            row = initial_rows.get(member.pk)
            self.fields[f"status_{member.pk}"] = forms.ChoiceField(
                label=member.full_name, choices=Attendance.Status.choices,
                initial=row.status if row else Attendance.Status.PRESENT,
            )  # fmt: skip
            self.fields[f"reason_{member.pk}"] = forms.CharField(
                label=_("Lý do vắng"), max_length=300, required=False,
                initial=row.reason if row else "",
            )  # fmt: skip

    def statuses(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {m.pk: (data[f"status_{m.pk}"], data[f"reason_{m.pk}"]) for m in self.members}


class GuestAttendanceForm(BootstrapFormMixin, forms.Form):
    """One status and reason per invited guest or delegate."""

    version = VersionField()

    def __init__(self, *args: Any, guests: list[Guest], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guests = guests
        for guest in guests:
            self.fields[f"guest_status_{guest.pk}"] = forms.ChoiceField(
                label=f"{guest.name}, {guest.title}", choices=Attendance.Status.choices,
                initial=guest.status or Attendance.Status.PRESENT,
            )  # fmt: skip
            self.fields[f"guest_reason_{guest.pk}"] = forms.CharField(
                label=_("Lý do vắng"), max_length=300, required=False, initial=guest.reason
            )

    def statuses(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {g.pk: (data[f"guest_status_{g.pk}"], data[f"guest_reason_{g.pk}"])
                for g in self.guests}  # fmt: skip


class InviteForm(BootstrapFormMixin, forms.Form):
    issued_on = DateField(Fact.EVENT, label=_("Ngày giấy mời"))
    version = VersionField()


class PaperForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=300, required=False)
    file = CappedFileField(label=_("Tệp"), limit="ATTACHMENT_MAX_UPLOAD_MB")


class PaperRemoveForm(forms.Form):
    paper = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class ConcludeForm(BootstrapFormMixin, forms.Form):
    conclusions = forms.CharField(label=_("Kết luận"), max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    tasks = forms.CharField(
        label=_("Nhiệm vụ giao từ kết luận"), max_length=10000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Mỗi dòng một nhiệm vụ."),
    )  # fmt: skip
    plan = forms.TypedChoiceField(label=_("Vào kế hoạch"), coerce=int, required=False,
                                  empty_value=None)  # fmt: skip
    deadline = DateField(Fact.PLANNED_END, label=_("Hạn hoàn thành"), required=False)
    owner_board = forms.ChoiceField(
        label=_("Ban chủ trì"), choices=[("", "—"), *Task.Board.choices], required=False
    )
    version = VersionField()

    def __init__(self, *args: Any, plans: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", "—"), *plans]  # type: ignore[attr-defined]

    def clean_tasks(self) -> list[str]:
        return _lines(self.cleaned_data["tasks"])
