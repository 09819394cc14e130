"""Form plumbing shared by the workspace's pages."""

from django import forms
from django.core.exceptions import ValidationError


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
