"""The forms of the accounts' pages: the list's filters, a new account, and one small form
per action on an account."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.selectors import ACTIVE, LOCKED, AccountFilter, RoleLine
from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField
from dangvu.members.lifecycle_forms import MemberField
from dangvu.organizations.forms import OrgField, ScopedFormMixin
from dangvu.organizations.roles import Role

ANY = ("", _("Tất cả"))


class AccountFilterForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Tìm theo họ tên, tên đăng nhập"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Vai trò"), required=False, choices=[ANY, *Role.choices])
    org = OrgField(purpose="roles", label=_("Tổ chức (cây con)"), required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[ANY, (ACTIVE, _("Đang hoạt động")), (LOCKED, _("Đã khóa"))],
    )

    def filters(self) -> AccountFilter:
        data = self.cleaned_data
        return AccountFilter(query=data["q"], role=data["role"], org=data["org"],
                             status=data["status"])  # fmt: skip


class AccountForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150,
        help_text=_("Chữ không dấu, chữ số và . @ + - _, ví dụ nguyenvanan."),
    )  # fmt: skip
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    member = MemberField(
        label=_("Hồ sơ đảng viên của người dùng"), required=False,
        help_text=_("Nếu chọn, tài khoản được xem hồ sơ của chính đảng viên này."),
    )  # fmt: skip


class RoleAssignForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", "—"), *Role.choices])
    org = OrgField(
        purpose="roles", label=_("Tổ chức (vai trò áp dụng cho cả cây con)"), required=False,
        help_text=_("Để trống với vai trò quản trị hệ thống và vai trò đảng viên."),
    )  # fmt: skip
    member = MemberField(
        label=_("Hồ sơ đảng viên"), required=False,
        help_text=_("Chỉ với vai trò đảng viên: hồ sơ của chính người dùng."),
    )  # fmt: skip
    valid_from = DateField(Fact.STRUCTURE_CHANGE, label=_("Từ ngày"))
    valid_to = DateField(Fact.PLANNED_END, label=_("Đến trước ngày"), required=False)


class RoleEndForm(BootstrapFormMixin, forms.Form):
    assignment = forms.TypedChoiceField(label=_("Vai trò"), coerce=int)
    on = DateField(Fact.STRUCTURE_CHANGE, label=_("Thôi giữ vai trò từ ngày"))

    def __init__(self, *args: Any, roles: list[RoleLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignment"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [
            (line.assignment.pk, f"{line.label} ({line.assignment.valid_from:%d/%m/%Y})")
            for line in roles
        ]


class LockForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=255, required=False)


class ConfirmForm(BootstrapFormMixin, forms.Form):
    """An action that needs nothing but the administrator's confirmation."""
