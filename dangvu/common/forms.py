"""Form plumbing shared by the workspace's pages."""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator as NullCharacters
from django.http import HttpRequest
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _

from dangvu.common import clock
from dangvu.common.dates import Fact, date_problem, date_range, not_a_date
from dangvu.common.ids import ID_MAX
from dangvu.common.text import text_problem


class VisibleText:
    """The text policy (`common.text`) as the validator of the field LABEL: no hidden or
    control characters. It also covers NUL, in place of Django's own English check."""

    def __init__(self, label: Any) -> None:
        self.label = label

    def __call__(self, value: Any) -> None:
        problem = text_problem(str(value), str(self.label))
        if problem:
            raise ValidationError(problem, code="hidden_characters")


class TextPolicyMixin:
    """Every text field of the form refuses hidden and control characters."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if isinstance(field, forms.CharField):
                kept = [v for v in field.validators if not isinstance(v, NullCharacters)]
                field.validators = [*kept, VisibleText(field.label or name)]


class BootstrapFormMixin(TextPolicyMixin):
    """Give every widget Bootstrap's classes, so templates stay plain; and every text field
    the text policy (TextPolicyMixin), as every workspace form needs it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} form-control-sm")


def form_write(request: HttpRequest, form: forms.Form, call: Callable[[Any], Any]) -> Any:
    """CALL the service with FORM's cleaned values when they are valid, and say so; a
    refusal goes on the form. The service's result, or None."""
    if not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ValidationError as refused:
        add_service_error(form, refused)
        return None
    messages.success(request, _("Đã ghi."))
    return result


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names when the form has it,
    otherwise at the top with the field's label, so no message is lost."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    model = getattr(getattr(form, "_meta", None), "model", None)
    for field, errors in error.error_dict.items():
        for message in errors:
            text = " ".join(message.messages)
            if field in form.fields:
                form.add_error(field, text)
            else:
                label = model._meta.get_field(field).verbose_name if model else field
                form.add_error(None, f"{str(label).capitalize()}: {text}")


def date_input_attrs(fact: Fact | None) -> dict[str, Any]:
    """The attributes of a text input read dd/mm/yyyy whatever the browser's locale, with the
    calendar of static/js/datepicker.js bounded by the range the date policy gives FACT (a
    browser's own date input shows the order of the browser's locale)."""
    attrs: dict[str, Any] = {
        "placeholder": "dd/mm/yyyy", "autocomplete": "off", "inputmode": "numeric",
        "data-datepicker": True, "aria-haspopup": "dialog",
    }  # fmt: skip
    if fact is not None:
        earliest, latest = date_range(fact, clock.today())
        attrs.update({"data-min": earliest.isoformat(), "data-max": latest.isoformat()})
    return attrs


class DateInput(forms.DateInput):
    """A date field's input: dd/mm/yyyy text with the calendar, bounded by FACT's range."""

    def __init__(self, fact: Fact | None = None, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%d/%m/%Y")
        self.fact = fact

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {**date_input_attrs(self.fact), **context["widget"]["attrs"]}
        return context


def check_period(form: forms.BaseForm, cleaned: Mapping[str, Any]) -> None:
    """A filter's period, START to END, may not end before it starts: the error goes on END."""
    start, end = cleaned.get("start"), cleaned.get("end")
    if start and end and end < start:
        form.add_error("end", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))


class DateField(forms.DateField):
    """A date typed dd/mm/yyyy (or yyyy-mm-dd from a date input) within the range the date
    policy gives its FACT (`common.dates`); a refusal names the field and the range."""

    input_formats = ["%d/%m/%Y", "%Y-%m-%d"]

    def __init__(self, fact: Fact, *, label: Any, required: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput(fact))
        super().__init__(label=label, required=required, **kwargs)
        self.fact = fact

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(str(not_a_date(str(value), str(self.label)))) from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            problem = date_problem(value, self.fact, str(self.label), clock.today())
            if problem:
                raise ValidationError(problem)


class MonthField(DateField):
    """A month typed mm/yyyy, as its first day, within the range the date policy gives its
    FACT."""

    input_formats = ["%m/%Y", "%Y-%m"]

    def __init__(self, fact: Fact, *, label: Any, required: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "mm/yyyy"}))
        super().__init__(fact, label=label, required=required, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return forms.DateField.to_python(self, value)
        except ValidationError:
            message = _("%(label)s: ghi tháng theo dạng mm/yyyy, ví dụ 10/2026.")
            raise ValidationError(message % {"label": self.label}) from None


def use_date_policy(form: forms.BaseForm, facts: Mapping[str, Fact]) -> None:
    """Put the policy's date field in place of each model date field FACTS names, with the
    field's label and requiredness (ModelForms get Django's plain DateField)."""
    for name, fact in facts.items():
        field = form.fields[name]
        form.fields[name] = DateField(fact, label=field.label, required=field.required)
        form.fields[name].widget.attrs.update(field.widget.attrs)


class VersionField(forms.IntegerField):
    """The hidden version of the record a form edits (optimistic locking): a number the
    databases can hold, or the form asks for a reload."""

    def __init__(self, **kwargs: Any) -> None:
        message = _("Phiên bản hồ sơ không hợp lệ; hãy tải lại trang rồi sửa lại.")
        errors = {code: message for code in ("invalid", "min_value", "max_value", "required")}
        super().__init__(widget=forms.HiddenInput, min_value=0, max_value=ID_MAX,
                         error_messages=errors, **kwargs)  # fmt: skip


class DateActionForm(BootstrapFormMixin, forms.Form):
    on = DateField(Fact.EVENT, label=_("Ngày"))


class PickerInput(forms.TextInput):
    """A text input that suggests matches as the user types: htmx asks URL for the
    options of PURPOSE (the server's scoped search) and fills the input's datalist. The
    field behind it validates what is finally typed or picked."""

    template_name = "common/widgets/picker.html"

    def __init__(
        self, url: "str | StrPromise", purpose: str, attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs)
        self.url, self.purpose = url, purpose

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update({"url": str(self.url), "purpose": self.purpose})
        return context


class PrivateFileInput(forms.ClearableFileInput):
    """A file field's input for private files (common/files.py): the current file links to
    LINK, the view that checks the reader's scope, since the file has no URL of its own."""

    template_name = "common/widgets/private_file.html"

    def __init__(self, link: str = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.link = link

    def is_initial(self, value: object) -> bool:
        return bool(value and getattr(value, "name", ""))

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["link"] = self.link
        return context
