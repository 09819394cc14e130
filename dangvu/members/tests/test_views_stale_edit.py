"""After a refused stale edit, the form holds the other editor's changes in the fields this
editor did not touch, so saving again keeps them: only this editor's changes are written,
and a field both changed is shown."""

from typing import Any

import pytest
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.members.models import Member
from dangvu.members.services import StaleEdit, member_update
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


@pytest.fixture
def editor(client: Client, tree: Tree, make_user: MakeUser) -> Client:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


@pytest.fixture
def member(tree: Tree, add_member: AddMember) -> Member:
    return add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F", phone="0900000000")


def _opened(member: Member, **changes: str) -> dict[str, str]:
    """The edit form as its editor opened it, with their CHANGES."""
    data = {
        "version": str(member.version),
        "full_name": member.full_name,
        "gender": member.gender,
        "birth_date": member.birth_date.strftime("%d/%m/%Y"),
        "national_id": member.national_id or "",
        "ethnicity": member.ethnicity,
        "religion": member.religion,
        "phone": member.phone,
        "workplace": member.workplace,
    }
    return data | changes


def _other_editor(member: Member, **values: Any) -> None:
    member_update(actor=OPERATOR, member=member, version=member.version, values=values,
                  today=TODAY)  # fmt: skip


def _resubmitted(response: Any) -> dict[str, str]:
    """What the browser posts back from the re-rendered form."""
    form = response.context["form"]
    return {name: str(form[name].value() or "") for name in _opened_fields()}


def _opened_fields() -> list[str]:
    return ["version", "full_name", "gender", "birth_date", "national_id", "ethnicity",
            "religion", "phone", "workplace"]  # fmt: skip


def test_saving_again_keeps_the_other_editors_changes_to_untouched_fields(
    editor: Client, member: Member
) -> None:
    opened = _opened(member, workplace="Sở Tài chính")
    _other_editor(member, phone="0911111111")

    refused = editor.post(f"/app/members/{member.pk}/edit/", opened)
    page = refused.content.decode()
    assert refused.status_code == 200 and "đã được người khác sửa" in page
    assert 'value="0911111111"' in page and 'value="Sở Tài chính"' in page
    saved = editor.post(f"/app/members/{member.pk}/edit/", _resubmitted(refused))

    assert saved.status_code == 302
    member.refresh_from_db()
    assert (member.phone, member.workplace) == ("0911111111", "Sở Tài chính")


def test_a_field_both_editors_changed_is_shown_and_the_next_save_writes_this_editors(
    editor: Client, member: Member
) -> None:
    opened = _opened(member, phone="0933333333", full_name="Trần Thị Bình An")
    _other_editor(member, phone="0911111111", workplace="Sở Nội vụ")

    refused = editor.post(f"/app/members/{member.pk}/edit/", opened)

    form = refused.context["form"]
    assert list(form.errors) == ["__all__", "phone"]
    assert "Người khác cũng đã sửa trường này" in form.errors["phone"][0]
    editor.post(f"/app/members/{member.pk}/edit/", _resubmitted(refused))
    member.refresh_from_db()
    assert (member.phone, member.workplace, member.full_name) == (
        "0933333333",
        "Sở Nội vụ",
        "Trần Thị Bình An",
    )


def test_a_stale_edit_names_the_fields_this_editor_changed_and_the_conflicts(
    member: Member,
) -> None:
    seen = member.version
    _other_editor(member, phone="0911111111", workplace="Sở Nội vụ")

    with pytest.raises(StaleEdit) as refused:
        member_update(actor=OPERATOR, member=member, version=seen, today=TODAY,
                      values={"phone": "0922222222", "workplace": "Sở Nội vụ",
                              "full_name": member.full_name, "occupation": "Kế toán"})  # fmt: skip

    assert refused.value.mine == {"phone", "workplace", "occupation"}
    assert refused.value.conflicts == {"phone"}


def test_the_admission_decision_date_is_kept_from_the_paper_file_before_the_ceremony(
    editor: Client, member: Member
) -> None:
    url = f"/app/members/{member.pk}/edit/"  # admitted (ceremony) on 19/05/2010

    late = editor.post(url, _opened(member, admission_decision_date="20/05/2010"))
    editor.post(url, _opened(member, admission_decision_date="20/04/2010"))

    assert "Ngày quyết định kết nạp không được sau ngày vào Đảng" in late.content.decode()
    member.refresh_from_db()
    assert member.admission_decision_date is not None
    assert f"{member.admission_decision_date:%d/%m/%Y}" == "20/04/2010"


def test_the_second_admission_date_is_kept_after_the_first_and_not_in_the_future(
    editor: Client, member: Member
) -> None:
    url = f"/app/members/{member.pk}/edit/"  # admitted (ceremony) on 19/05/2010

    early = editor.post(url, _opened(member, readmission_date="19/05/2010"))
    future = editor.post(url, _opened(member, readmission_date="01/01/9999"))
    editor.post(url, _opened(member, readmission_date="01/03/2016"))

    assert "Ngày vào Đảng lần thứ hai phải sau ngày vào Đảng lần đầu" in early.content.decode()
    assert "Ngày vào Đảng lần thứ hai phải từ 03/02/1930" in future.content.decode()
    member.refresh_from_db()
    assert member.readmission_date is not None
    assert f"{member.readmission_date:%d/%m/%Y}" == "01/03/2016"
