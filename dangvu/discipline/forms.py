"""The forms of the inspection and discipline pages, one per service. Subjects are picked
(an organization by the picker, a member by name), never typed as ids."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField, VersionField
from dangvu.discipline.models import Appeal, Check, Complaint, Program
from dangvu.discipline.rules import Body, Form, NoLimitGround
from dangvu.members.lifecycle_forms import MemberField
from dangvu.organizations.forms import OrgField, ScopedFormMixin


class SubjectForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    subject_org = OrgField(purpose="discipline", label=_("Tổ chức đảng"), required=False,
                           help_text=_("Hoặc chọn một đảng viên dưới đây."))  # fmt: skip
    subject_member = MemberField(label=_("Đảng viên"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("subject_org")) == bool(data.get("subject_member")):
            raise forms.ValidationError(_("Chọn một tổ chức đảng hoặc một đảng viên."))
        return data


class ProgramForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    committee = OrgField(purpose="discipline", label=_("Cấp ủy"))
    holder = forms.ChoiceField(label=_("Chủ thể"), choices=Program.Holder.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)


class CheckForm(SubjectForm):
    activity = forms.ChoiceField(label=_("Hoạt động"), choices=Check.Activity.choices)
    kind = forms.ChoiceField(label=_("Loại"), choices=Check.Kind.choices)
    starts_on = DateField(Fact.PLANNED_END, label=_("Bắt đầu"))
    ends_on = DateField(Fact.PLANNED_END, label=_("Kết thúc"))
    team = forms.CharField(label=_("Đoàn kiểm tra, giám sát"), max_length=500, required=False)
    content = forms.CharField(label=_("Nội dung"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    field_order = ["activity", "kind", "subject_org", "subject_member"]


class ConcludeForm(BootstrapFormMixin, forms.Form):
    findings = forms.CharField(
        label=_("Kết quả kiểm tra, giám sát"), max_length=20000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    conclusion = forms.CharField(label=_("Kết luận"), max_length=20000,
                                 widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    concluded_on = DateField(Fact.EVENT, label=_("Ngày kết luận"))
    recommendation = forms.CharField(label=_("Kiến nghị"), max_length=1000, required=False)
    recommendation_due = DateField(Fact.PLANNED_END, label=_("Hạn thực hiện kiến nghị"),
                                   required=False)  # fmt: skip
    version = VersionField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("recommendation")) != bool(data.get("recommendation_due")):
            raise forms.ValidationError(_("Kiến nghị cần cả nội dung và hạn thực hiện."))
        return data


class RecommendationDoneForm(BootstrapFormMixin, forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done_on = DateField(Fact.EVENT, label=_("Ngày hoàn thành"))
    note = forms.CharField(label=_("Kết quả thực hiện"), max_length=1000, required=False)


class ComplaintForm(SubjectForm):
    committee = OrgField(purpose="discipline", label=_("Cấp ủy nhận đơn"))
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Complaint.Kind.choices)
    received_on = DateField(Fact.EVENT, label=_("Ngày nhận"))
    sender = forms.CharField(label=_("Người gửi"), max_length=300, required=False,
                             help_text=_("Chỉ Ủy ban Kiểm tra xem được."))  # fmt: skip
    summary = forms.CharField(label=_("Nội dung"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    handler = forms.CharField(label=_("Người được giao giải quyết"), max_length=300,
                              required=False)  # fmt: skip
    field_order = ["committee", "kind", "received_on", "sender", "subject_org", "subject_member"]


class ComplaintResolveForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Kết quả"), choices=[c for c in Complaint.Outcome.choices if c[0]]
    )
    closed_on = DateField(Fact.EVENT, label=_("Ngày kết thúc"))
    opened_check = forms.TypedChoiceField(label=_("Cuộc kiểm tra được mở"), coerce=int,
                                          required=False, empty_value=None)  # fmt: skip

    def __init__(self, *args: Any, checks: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opened_check"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *checks]


class DecisionForm(SubjectForm):
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=Form.choices)
    body = forms.ChoiceField(label=_("Cấp quyết định"), choices=Body.choices)
    body_org = OrgField(purpose="discipline", label=_("Tổ chức quyết định"))
    number = forms.CharField(label=_("Số quyết định"), max_length=40)
    decided_on = DateField(Fact.EVENT, label=_("Ngày quyết định"))
    violated_on = DateField(
        Fact.EVENT, label=_("Ngày vi phạm"),
        help_text=_("Ngày tính thời hiệu: ngày kết thúc vi phạm, nếu không rõ thì ngày phát hiện."),
    )  # fmt: skip
    no_limit_ground = forms.ChoiceField(label=_("Vi phạm không tính thời hiệu"),
                                        choices=NoLimitGround.choices, required=False)  # fmt: skip
    reason = forms.CharField(label=_("Nội dung vi phạm"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    subject_in_committee = forms.BooleanField(
        label=_("Đảng viên là cấp ủy viên cùng cấp với cấp quyết định"), required=False
    )
    subject_upper_managed = forms.BooleanField(
        label=_("Đảng viên là cán bộ thuộc diện cấp trên quản lý"), required=False,
        help_text=_("Đảng ủy cơ sở được ủy quyền kết nạp không khai trừ những đảng viên này."),
    )  # fmt: skip
    field_order = ["subject_org", "subject_member", "form", "body", "body_org"]


class AppealForm(BootstrapFormMixin, forms.Form):
    filed_on = DateField(Fact.EVENT, label=_("Ngày nhận đơn khiếu nại"))
    reason = forms.CharField(label=_("Nội dung khiếu nại"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class AppealResolveForm(BootstrapFormMixin, forms.Form):
    appeal = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(label=_("Kết quả"),
                                choices=[c for c in Appeal.Outcome.choices if c[0]])  # fmt: skip
    new_form = forms.ChoiceField(label=_("Hình thức mới (khi thay đổi)"),
                                 choices=[("", "—"), *Form.choices], required=False)  # fmt: skip
    resolved_on = DateField(Fact.EVENT, label=_("Ngày giải quyết"))
    resolution = forms.CharField(label=_("Số quyết định giải quyết"), max_length=40)
