"""The trail as people read it: labels, Vietnamese field names, names, dd/mm/yyyy, and no
change that changed nothing."""

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.audit_display import actor_name, entry_changes, entry_facts
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.members.services import member_update
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


def _lines(entry: AuditEntry) -> list[tuple[str, str | None, str]]:
    return [(line.label, line.before, line.after) for line in entry_changes(entry)]


def test_changes_read_by_field_name_code_label_date_and_related_name(db: None) -> None:
    entry = AuditEntry(
        action=Event.UPDATED,
        object_type="members.member",
        changes={
            "ethnicity": ["01", "02"],
            "birth_date": ["1985-03-15", "1985-03-16"],
            "hometown_province": [None, {"id": 7, "label": "Thanh Hóa"}],
            "phone": ["", None],  # nothing to nothing: no change to show
        },
    )

    assert _lines(entry) == [
        ("Dân tộc", "Kinh", "Tày"),
        ("Ngày sinh", "15/03/1985", "16/03/1985"),
        ("Quê quán: tỉnh", "—", "Thanh Hóa"),
    ]


def test_facts_read_with_their_labels_and_codes_by_their_choices(db: None) -> None:
    entry = AuditEntry(
        action=Event.TRANSFER_STARTED,
        object_type="members.member",
        data={"kind": "INTERNAL", "to": "CSA-2", "decided_on": "2025-03-03", "transfer": 9},
    )

    assert [(line.label, line.after) for line in entry_facts(entry)] == [
        ("Loại", "Chính thức, trong đảng bộ"),
        ("Đến", "CSA-2"),
        ("Ngày quyết định", "03/03/2025"),
    ]


def test_the_actor_is_named_by_full_name_or_user_name(db: None) -> None:
    named = User.objects.create_user("hoa", first_name="Thị Hoa", last_name="Lê")
    plain = User.objects.create_user("binh")

    assert actor_name(AuditEntry(actor=named)) == "Thị Hoa Lê"
    assert actor_name(AuditEntry(actor=plain)) == "binh"
    assert actor_name(AuditEntry(actor=None)) == "—"


def test_a_stale_edit_shows_the_other_editors_changes_by_field_name(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    client.force_login(make_user("admin", Role.ADMIN))
    form = {"version": member.version, "full_name": member.full_name, "gender": "F",
            "birth_date": "15/03/1985", "admission_date": "19/05/2010",
            "national_id": member.national_id, "ethnicity": "01", "religion": "00",
            "workplace": "Sở Y tế"}  # fmt: skip
    member_update(actor=OPERATOR, member=member, version=member.version,
                  values={"phone": "0911111111"}, today=TODAY)  # fmt: skip

    page = client.post(reverse("members:edit", args=[member.pk]), form).content.decode()

    assert "Điện thoại: — → 0911111111" in page
    assert "phone" not in page.split("Thay đổi của người khác")[1][:200]


def test_the_member_timeline_names_the_edit_and_who_made_it(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    editor = make_user("hoa", Role.ADMIN)
    editor.first_name, editor.last_name = "Thị Hoa", "Lê"
    editor.save()
    member_update(actor=editor, member=member, version=member.version,
                  values={"ethnicity": "02"}, today=TODAY)  # fmt: skip
    client.force_login(editor)

    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()

    assert "Sửa hồ sơ đảng viên</strong>" in page and "bởi Thị Hoa Lê" in page
    assert "Dân tộc: Kinh → Tày" in page and "members.member.updated" not in page


def test_the_trail_reads_in_english_for_those_who_chose_it(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    member_update(actor=OPERATOR, member=member, version=member.version,
                  values={"ethnicity": "02"}, today=TODAY)  # fmt: skip
    entry = AuditEntry.objects.get(action=Event.UPDATED)
    client.force_login(make_user("admin", Role.ADMIN))
    client.post(reverse("set_language"), {"language": "en"})

    page = client.get(reverse("audit:detail", args=[entry.pk])).content.decode()

    assert "Member record edited" in page and "Sửa hồ sơ đảng viên" not in page
