"""Form plumbing shared by the workspace's pages."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _


class BootstrapFormMixin:
    """Give every widget Bootstrap's classes, so templates stay plain."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} form-control-sm")


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


DATE = {"widget": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        "input_formats": ["%d/%m/%Y", "%Y-%m-%d"]}  # fmt: skip


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, **DATE)  # type: ignore[arg-type]


class DateActionForm(BootstrapFormMixin, forms.Form):
    on = date_field(_("Ngày"))


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
