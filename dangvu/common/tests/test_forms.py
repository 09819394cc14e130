"""The form plumbing's input policy: one date field, visible text, versions."""

import datetime as dt

import pytest
import time_machine
from django import forms

from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField, VersionField
from dangvu.common.ids import ID_MAX


class _Form(BootstrapFormMixin, forms.Form):
    born = DateField(Fact.BIRTH, label="Ngày sinh")
    decided = DateField(Fact.EVENT, label="Ngày quyết định", required=False)
    name = forms.CharField(label="Họ và tên", max_length=120)
    version = VersionField(required=False)


def _errors(**data: str) -> dict[str, list[str]]:
    form = _Form({"born": "15/03/1985", "name": "Nguyễn Văn An", **data})
    form.is_valid()
    return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


@time_machine.travel(dt.datetime(2026, 11, 26, 12, 0), tick=False)
@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {}),
        ({"born": "1985-03-15", "decided": "26/11/2026"}, {}),
        ({"born": "01/01/0001"},
         {"born": ["Ngày sinh phải từ 26/11/1906 (120 năm trước) đến hôm nay (26/11/2026)."]}),
        ({"decided": "31/12/9999"},
         {"decided": ["Ngày quyết định phải từ 03/02/1930 (ngày thành lập Đảng) đến hôm nay "
                      "(26/11/2026)."]}),
        ({"decided": "30/02/2024"},
         {"decided": ["Ngày quyết định: “30/02/2024” không phải một ngày; hãy nhập "
                      "ngày/tháng/năm, ví dụ 26/11/2026."]}),
        ({"name": "\u202eNguyễn"},
         {"name": ["Họ và tên chứa ký tự ẩn hoặc ký tự điều khiển (U+202E), thường do sao chép "
                   "từ nơi khác; hãy gõ lại."]}),
        ({"name": "Nguyễn\x00"},
         {"name": ["Họ và tên chứa ký tự ẩn hoặc ký tự điều khiển (U+0000), thường do sao chép "
                   "từ nơi khác; hãy gõ lại."]}),
        ({"version": str(2**64)},
         {"version": ["Phiên bản hồ sơ không hợp lệ; hãy tải lại trang rồi sửa lại."]}),
        ({"version": "-1"},
         {"version": ["Phiên bản hồ sơ không hợp lệ; hãy tải lại trang rồi sửa lại."]}),
        ({"version": str(ID_MAX)}, {}),
    ],
)  # fmt: skip
def test_the_form_fields_refuse_with_a_message_naming_the_field(
    data: dict[str, str], errors: dict[str, list[str]]
) -> None:
    assert _errors(**data) == errors
