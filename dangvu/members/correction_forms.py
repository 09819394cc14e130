"""The forms of the correction requests: the member's request, and the decision on it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.forms import BootstrapFormMixin
from dangvu.members.models.corrections import correctable_choices


def _field_choices() -> list[tuple[str, object]]:
    return [("", _("— Chọn mục —")), *correctable_choices()]


class CorrectionForm(BootstrapFormMixin, forms.Form):
    field = forms.ChoiceField(label=_("Mục cần điều chỉnh"), choices=_field_choices)
    proposed_value = forms.CharField(
        label=_("Đề nghị sửa thành"),
        max_length=255,
        required=False,
        help_text=_("Ngày ghi dạng dd/mm/yyyy; mục có danh sách ghi đúng tên trong danh sách."),
    )
    reason = forms.CharField(
        label=_("Lý do, căn cứ"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(BootstrapFormMixin, forms.Form):
    DECISIONS = {"accept": _("Chấp nhận"), "reject": _("Từ chối")}

    # The button pressed: the page renders the two buttons, not this field.
    decision = forms.ChoiceField(choices=list(DECISIONS.items()))
    decision_reason = forms.CharField(
        label=_("Ý kiến xem xét (bắt buộc khi từ chối)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
