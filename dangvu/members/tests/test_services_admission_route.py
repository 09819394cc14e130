"""Who decides an admission, from the tree and the authorisations to admit on the day of the
cell's resolution (Quy định 29/24/232/294 mục 3–4, mục 4.3.2; HD 12-HD/BTCTW forms 7-KNĐ to
9-KNĐ), and which register numbers the decision (HD 36-HD/VPTW)."""

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import TODAY, AddMember, Tree
from dangvu.common.models import AdministrativeUnit
from dangvu.documents.models import OutgoingDocument
from dangvu.documents.signers import Signature, signer_create
from dangvu.members.documents import admission_decision_context, recognition_decision_context
from dangvu.members.models import AdmissionCase
from dangvu.members.services import (
    MemberChangeError,
    admission_decide,
    admission_grassroots_resolve,
    admission_open,
    admission_propose,
    admission_sub_committee_review,
    member_recognition_propose,
    member_recognize,
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.authorities import (
    admission_authority_grant,
    admission_authority_withdraw,
)
from dangvu.organizations.models import OrgKind, OrgUnit, Sector
from dangvu.organizations.services import org_create

D = dt.date
RESOLVED, REVIEWED, GRASSROOTS, DECIDED = D(2025, 6, 2), D(2025, 6, 10), D(2025, 6, 20), \
    D(2025, 7, 15)  # fmt: skip


@pytest.fixture
def signers(tree: Tree) -> None:
    """The Bloc signs as "ĐUK"; the đảng ủy of Sở Tài chính as "ĐUSTC"."""
    for committee, symbol in ((tree.committee, "ĐUK"), (tree.grassroots_a, "ĐUSTC")):
        signer_create(actor=OPERATOR, committee=committee, valid_from=D(2020, 1, 1),
                      valid_to=None, today=TODAY, signature=Signature(
                          "Trịnh Văn Dũng", "Bí thư", "T/M Đảng ủy", symbol))  # fmt: skip


def _sub_cell(tree: Tree) -> OrgUnit:
    """A cell of CSA's đảng bộ bộ phận (Đảng bộ bộ phận Thanh tra)."""
    sub = org_create(actor=OPERATOR, code="CSA-BP", name="Đảng bộ bộ phận Thanh tra",
                     kind=OrgKind.SUB_COMMITTEE, sector=Sector.ADMINISTRATIVE,
                     parent=tree.grassroots_a, established_date=D(2015, 1, 1))  # fmt: skip
    return org_create(actor=OPERATOR, code="CSA-BP-1", name="Chi bộ Thanh tra 1",
                      kind=OrgKind.CELL, sector=Sector.ADMINISTRATIVE, parent=sub,
                      established_date=D(2015, 1, 1))  # fmt: skip


def _proposed(cell: OrgUnit, add_member: AddMember) -> AdmissionCase:
    introducers = [add_member(cell, full_name=n) for n in ("Lê Văn A", "Lê Văn B")]
    province = AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE", code="38")
    case = admission_open(actor=OPERATOR, cell=cell, today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "awareness_class_date": D(2025, 1, 10), "application_date": D(2025, 3, 1),
        "biography_date": D(2025, 4, 1), "biography_verified_date": D(2025, 5, 1),
        "introducer_1": introducers[0], "introducer_2": introducers[1],
        "introducers_months_together": 14, "mass_org_comments_date": D(2025, 5, 20),
        "hometown_province": province})  # fmt: skip
    return admission_propose(actor=OPERATOR, case=case, on=RESOLVED)


def _grant(tree: Tree, on: dt.date, withdrawn: dt.date | None = None) -> None:
    admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=on,
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    if withdrawn:
        admission_authority_withdraw(actor=OPERATOR, org=tree.grassroots_a, on=withdrawn,
                                     decision="40-QĐ/ĐUK", today=TODAY)  # fmt: skip


def _authorised(granted: dt.date, withdrawn: dt.date | None = None, *,
                in_sub: bool = False) -> Callable[[Tree], OrgUnit]:  # fmt: skip
    """The cell (CSA-1, or a cell of CSA's đảng bộ bộ phận) once CSA's đảng ủy has been
    authorised to admit from GRANTED (until WITHDRAWN)."""

    def setup(tree: Tree) -> OrgUnit:
        _grant(tree, granted, withdrawn)
        return _sub_cell(tree) if in_sub else tree.cell_a1

    return setup


Setup = Callable[[Tree], OrgUnit]
SCENARIOS: dict[str, tuple[Setup, tuple[str, ...], str]] = {
    # scenario: (the cell, after recording any authorisation; the steps; the register)
    "chi bộ cơ sở → the upper committee": (
        lambda t: t.grassroots_b, ("decide",), "DBK"),
    "cell in a đảng bộ cơ sở not authorised → 8-KNĐ, then the upper committee": (
        lambda t: t.cell_a1, ("grassroots", "decide"), "DBK"),
    "authorised on the cell's day → the đảng ủy cơ sở decides": (
        _authorised(D(2025, 1, 2)), ("decide",), "CSA"),
    "authorisation withdrawn before the cell's day → the upper committee again": (
        _authorised(D(2024, 1, 2), D(2025, 5, 2)), ("grassroots", "decide"), "DBK"),
    "authorisation withdrawn after the cell's day → still the đảng ủy cơ sở": (
        _authorised(D(2024, 1, 2), D(2025, 6, 5)), ("decide",), "CSA"),
    "cell in a đảng bộ bộ phận → 7-KNĐ, 8-KNĐ, then the upper committee": (
        _sub_cell, ("review", "grassroots", "decide"), "DBK"),
    "cell in a đảng bộ bộ phận, authorised → 7-KNĐ, then the đảng ủy cơ sở": (
        _authorised(D(2025, 1, 2), in_sub=True), ("review", "decide"), "CSA"),
}  # fmt: skip
STEPS = {
    "review": lambda case: admission_sub_committee_review(actor=OPERATOR, case=case, on=REVIEWED),
    "grassroots": lambda case: admission_grassroots_resolve(actor=OPERATOR, case=case,
                                                            on=GRASSROOTS),
    "decide": lambda case: admission_decide(actor=OPERATOR, case=case, on=DECIDED),
}  # fmt: skip


@pytest.mark.usefixtures("signers")
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_decider_and_its_register_come_from_the_tree_on_the_cells_day(
    scenario: str, tree: Tree, add_member: AddMember
) -> None:
    setup, steps, register = SCENARIOS[scenario]
    case = _proposed(setup(tree), add_member)

    for step in steps:
        case = STEPS[step](case)

    entry = OutgoingDocument.objects.get(subject_type="members.admissioncase", subject_id=case.pk)
    assert (entry.committee.code, case.state) == (register, AdmissionCase.State.DECIDED)
    symbol = "ĐUSTC" if register == "CSA" else "ĐUK"
    assert case.decision_number == f"1-QĐ/{symbol}"


@pytest.mark.usefixtures("signers")
def test_the_decision_waits_for_each_step_the_route_has(tree: Tree, add_member: AddMember) -> None:
    case = _proposed(_sub_cell(tree), add_member)

    with pytest.raises(
        MemberChangeError,
        match=r"cần báo cáo thẩm định của đảng ủy bộ phận"
        r" \(7-KNĐ\) trước nghị quyết đảng ủy cơ sở",
    ):
        admission_grassroots_resolve(actor=OPERATOR, case=case, on=GRASSROOTS)
    with pytest.raises(MemberChangeError, match="cần báo cáo thẩm định của đảng ủy bộ phận"):
        admission_decide(actor=OPERATOR, case=case, on=DECIDED)
    admission_sub_committee_review(actor=OPERATOR, case=case, on=REVIEWED)
    with pytest.raises(MemberChangeError, match="cần nghị quyết của đảng ủy cơ sở"):
        admission_decide(actor=OPERATOR, case=case, on=DECIDED)

    case.refresh_from_db()
    assert (case.sub_committee_review_date, case.state) == (REVIEWED, AdmissionCase.State.PROPOSED)


@pytest.mark.usefixtures("signers")
def test_an_authorised_dang_uy_has_no_resolution_proposing_to_the_upper_level(
    tree: Tree, add_member: AddMember
) -> None:
    _grant(tree, D(2025, 1, 2))
    case = _proposed(tree.cell_a1, add_member)

    with pytest.raises(MemberChangeError, match="tự quyết định kết nạp; không có bước"):
        admission_grassroots_resolve(actor=OPERATOR, case=case, on=GRASSROOTS)
    with pytest.raises(MemberChangeError, match="không có bước thẩm định của đảng ủy bộ phận"):
        admission_sub_committee_review(actor=OPERATOR, case=case, on=REVIEWED)


@pytest.mark.usefixtures("signed")
def test_an_authorised_dang_uy_decides_only_once_its_signer_is_recorded(
    tree: Tree, add_member: AddMember
) -> None:
    _grant(tree, D(2025, 1, 2))
    case = _proposed(tree.cell_a1, add_member)

    with pytest.raises(MemberChangeError, match="cần ghi người ký của Đảng ủy Sở Tài chính"):
        admission_decide(actor=OPERATOR, case=case, on=DECIDED)

    assert not OutgoingDocument.objects.exists()


@pytest.mark.usefixtures("signers")
def test_the_decision_of_an_authorised_dang_uy_is_issued_in_its_name(
    tree: Tree, add_member: AddMember
) -> None:
    _grant(tree, D(2025, 1, 2))
    case = admission_decide(actor=OPERATOR, case=_proposed(tree.cell_a1, add_member), on=DECIDED)

    context = admission_decision_context(case)

    assert (context["superior_name"], context["issuer_name"], context["deciding_body"]) == (
        "Đảng bộ Khối thử nghiệm", "Đảng ủy Sở Tài chính", "Đảng ủy Sở Tài chính",
    )  # fmt: skip
    assert (context["number"], context["proposed_by"], context["executors"]) == (
        "1-QĐ/ĐUSTC", "Chi bộ Văn phòng", "Chi bộ Văn phòng và đồng chí Hoàng Thị Mới",
    )  # fmt: skip
    assert context["recipients"] == ["Như Điều 3", "Ban Thường vụ Đảng ủy Khối thử nghiệm (để "
                                     "báo cáo)", "Lưu Văn phòng Đảng ủy Sở Tài chính"]  # fmt: skip


@pytest.mark.usefixtures("signers")
def test_the_upper_committees_decision_keeps_its_own_header(
    tree: Tree, add_member: AddMember
) -> None:
    case = _proposed(tree.cell_a1, add_member)
    admission_grassroots_resolve(actor=OPERATOR, case=case, on=GRASSROOTS)
    case = admission_decide(actor=OPERATOR, case=case, on=DECIDED)

    context = admission_decision_context(case)

    assert (context["issuer_name"], context["deciding_body"], context["number"]) == (
        "Đảng ủy Khối thử nghiệm", "Ban Thường vụ Đảng ủy Khối thử nghiệm", "1-QĐ/ĐUK",
    )  # fmt: skip


@pytest.mark.usefixtures("signers")
def test_an_authorised_dang_uy_recognises_its_members_as_official(
    tree: Tree, add_member: AddMember
) -> None:
    _grant(tree, D(2025, 1, 2))
    province = AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE", code="38")
    probationary = add_member(tree.cell_a1, full_name="Võ Thị Dự", admission_date=D(2025, 3, 3),
                              official_date=None, admission_decision_date=D(2025, 2, 24),
                              joined_on=D(2025, 3, 3), hometown_province=province)  # fmt: skip
    member_recognition_propose(actor=OPERATOR, member=probationary, on=D(2026, 3, 10))

    recognised = member_recognize(actor=OPERATOR, member=probationary, decided_on=D(2026, 3, 24),
                                  today=TODAY)  # fmt: skip

    assert recognised.official_decision_number == "1-QĐ/ĐUSTC"
    assert recognition_decision_context(recognised)["issuer_name"] == "Đảng ủy Sở Tài chính"
