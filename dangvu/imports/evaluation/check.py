"""Reading a ratings file: every row parsed and checked on its own, then matched to its
rating in the round (a member by CCCD, an organization by code) and to the user's scope at
the round's step. The year's rules are the service's business (`write.py`)."""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from dangvu.common.text import fold_words, text_problem
from dangvu.evaluation.checking import round_rules
from dangvu.evaluation.facts import step_of
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.rulesets import Rules132, Rules366
from dangvu.evaluation.selectors import ratings_visible_to
from dangvu.evaluation.services import MAX_REASON, rating_writer
from dangvu.imports.evaluation.fields import (
    RATING_FIELDS,
    RATING_HEADERS,
    SUBJECT_FIELDS,
    as_level,
    as_score,
)
from dangvu.imports.files import read_limits
from dangvu.imports.legacy_encodings import to_unicode
from dangvu.imports.problems import CheckResult, LocatedRow, Problem, column_letter
from dangvu.imports.reading import as_digits, as_text, find_header, open_rows
from dangvu.members.models import Member
from dangvu.organizations.access import User, user_scope, visible_org_ids
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource

NATIONAL_ID_DIGITS = 12


@dataclass
class RatingRow(LocatedRow):
    """One row of the file: the subject it names, the level, score and override's reason
    it gives (REASON None when the file has no such column: the recorded one is kept), and
    the RATING it writes once matched."""

    national_id: str = ""
    org_code: str = ""
    names: dict[str, str] = field(default_factory=dict)
    level: str = ""
    score: Decimal | None = None
    reason: str | None = None
    rating: Rating | None = None

    @property
    def subject_field(self) -> str:
        return "national_id" if self.national_id else "org_code"

    @property
    def name_field(self) -> str:
        return "full_name" if self.national_id else "org_name"


def read_ratings(*, path: Path, user: User, round_: Round) -> tuple[CheckResult, list[RatingRow]]:
    """Read PATH for ROUND_'s current step as USER: the result with every problem located,
    and the rows, each with its rating (none if a column is missing)."""
    sheet, rows = open_rows(path, limits=read_limits())
    header_row, headers, data = find_header(
        rows, known=RATING_HEADERS.match, examples="Số CCCD, Mã tổ chức, Xếp loại"
    )
    mapping = RATING_HEADERS.suggest(headers)
    result = CheckResult(path.name, sheet, header_row, mapping, headers)
    rules = round_rules(round_)
    missing = _missing_columns(set(mapping.values()), rules, round_.year)
    if missing:
        result.problems.append(Problem(header_row, "", "", "", missing))
        return result, []
    parsed = []
    for row, values in data:
        result.rows_total += 1
        rating_row = _parse(row, values, mapping, headers)
        result.problems.extend(_row_problems(rating_row, rules, round_.year))
        parsed.append(rating_row)
    result.problems.extend(_match(parsed, user, round_))
    result.problems.sort(key=lambda problem: problem.row)  # the file's order, as people read it
    return result, parsed


def _missing_columns(found: set[str], rules: Rules132, year: int) -> str:
    labels = []
    if not found & set(SUBJECT_FIELDS):
        labels.append(_("Số CCCD (đảng viên) hoặc Mã tổ chức"))
    if "level" not in found:
        labels.append(RATING_FIELDS["level"].label_vi)
    if rules.scored and "score" not in found:
        labels.append(
            _("Điểm (năm %(year)s chấm điểm theo %(regulation)s)")
            % {"year": year, "regulation": rules.regulation}
        )
    if not labels:
        return ""
    return _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(labels)}


def _parse(
    row: int, values: list[object], mapping: dict[int, str], headers: list[str]
) -> RatingRow:
    rating_row = RatingRow(row=row, raw={}, located={})
    for index, name in mapping.items():
        cell = values[index] if index < len(values) else None
        rating_row.raw[name] = as_text(cell)
        rating_row.located[name] = (column_letter(index), headers[index])
        if name == "national_id":
            rating_row.national_id = as_digits(cell)
        elif name == "org_code":
            rating_row.org_code = as_text(cell).upper()
        elif name in ("full_name", "org_name"):
            rating_row.names[name] = to_unicode(as_text(cell))[0]
        elif name == "reason":
            rating_row.reason = to_unicode(as_text(cell))[0]
    return rating_row


def _row_problems(rating_row: RatingRow, rules: Rules132, year: int) -> list[Problem]:
    """What is wrong with the row on its own, before looking for its subject."""
    problems = []
    raw = rating_row.raw
    if not rating_row.national_id and not rating_row.org_code:
        name = next(name for name in SUBJECT_FIELDS if name in rating_row.located)
        problems.append(rating_row.problem(name, _("Thiếu số CCCD hoặc mã tổ chức.")))
    elif rating_row.national_id and not rating_row.national_id.isdigit():
        problems.append(rating_row.problem("national_id", _("Số CCCD chỉ gồm chữ số.")))
    try:
        rating_row.level = as_level(raw.get("level"))
        if not rating_row.level:
            problems.append(rating_row.problem("level", _("Ô bắt buộc đang để trống.")))
    except ValueError as error:
        problems.append(rating_row.problem("level", str(error)))
    problems.extend(_score_problems(rating_row, rules, year))
    reason = rating_row.reason or ""
    label = RATING_FIELDS["reason"].label_vi
    if hidden := text_problem(reason, label):
        problems.append(rating_row.problem("reason", hidden))
    elif len(reason) > MAX_REASON:
        message = _("Dài quá %(limit)s ký tự.") % {"limit": MAX_REASON}
        problems.append(rating_row.problem("reason", message, reason[:50] + "…"))
    return problems


def _score_problems(rating_row: RatingRow, rules: Rules132, year: int) -> list[Problem]:
    try:
        rating_row.score = as_score(rating_row.raw.get("score"))
    except ValueError as error:
        return [rating_row.problem("score", str(error))]
    if not isinstance(rules, Rules366):
        if rating_row.score is None:
            return []
        message = _("Năm %(year)s không chấm điểm (%(regulation)s): để trống cột này.") % {
            "year": year,
            "regulation": rules.regulation,
        }
        return [rating_row.problem("score", message)]
    problem = rules.score_problem(rating_row.score)
    return [rating_row.problem("score", problem)] if problem else []


def _match(rows: list[RatingRow], user: User, round_: Round) -> list[Problem]:
    """Find each row's rating in ROUND_, once; refuse those USER may not write at its step."""
    ratings = ratings_visible_to(user, round_)
    wanted_ids = {r.national_id for r in rows if r.national_id}
    members = {
        str(national_id): pk
        for national_id, pk in Member.objects.filter(national_id__in=wanted_ids).values_list(
            "national_id", "pk"
        )
    }
    orgs = dict(
        OrgUnit.objects.filter(code__in={r.org_code for r in rows if not r.national_id})
        .values_list("code", "pk")
        .order_by()
    )
    by_member = {
        r.member_id: r
        for r in ratings.filter(member_id__in=members.values())
        if r.member_id is not None
    }
    by_org = {r.org_id: r for r in ratings.filter(kind=Rating.Kind.ORG, org_id__in=orgs.values())}
    step = step_of(round_.stage)
    writable = _writable_orgs(user, round_, [*by_member.values(), *by_org.values()], step)
    problems = []
    seen: dict[int, int] = {}
    for row in rows:
        if row.national_id.isdigit():
            found = _found(row, members, by_member, round_, _("đảng viên"))
        elif row.org_code and not row.national_id:
            found = _found(row, orgs, by_org, round_, _("tổ chức"))
        else:
            continue  # already refused on its own
        if isinstance(found, Problem):
            problems.append(found)
            continue
        if found.pk in seen:
            message = _("Trùng với dòng %(row)s.") % {"row": seen[found.pk]}
            problems.append(row.problem(row.subject_field, message))
            continue
        seen[found.pk] = row.row
        if writable is not None and rating_writer(found, step) not in writable:
            message = _("%(who)s nằm ngoài phạm vi bạn được ghi ở bước “%(step)s”.") % {
                "who": found.label,
                "step": Stage(step).label,
            }
            problems.append(row.problem(row.subject_field, message))
            continue
        row.rating = found
        # A courtesy: a name that is not the subject's usually means a mistyped CCCD or code.
        name = row.names.get(row.name_field, "")
        if name and fold_words(name) != fold_words(found.label):
            if row.national_id:
                message = _("Họ và tên không khớp với đảng viên mang số CCCD này: %(label)s.")
            else:
                message = _("Tên không khớp với tổ chức mang mã này: %(label)s.")
            message %= {"label": found.label}
            problems.append(row.problem(row.name_field, message))
    return problems


def _found(
    row: RatingRow,
    subjects: dict[str, int],
    ratings: dict[int, Rating],
    round_: Round,
    what: str,
) -> Rating | Problem:
    """ROW's rating among those the user may see, or the problem of its subject. One the
    user may not see answers like an unknown one, so a file tells nothing of what lies
    outside the user's reach."""
    rating = ratings.get(subjects.get(row.national_id or row.org_code, 0))
    if rating is not None:
        return rating
    name = row.subject_field
    message = _("Không có %(what)s này trong đợt đánh giá năm %(year)s của %(code)s") % {
        "what": what,
        "year": round_.year,
        "code": round_.committee.code,
    }
    if name == "national_id" and len(row.national_id) != NATIONAL_ID_DIGITS:
        message += _(" (số CCCD có 12 chữ số)")
    return row.problem(name, message + _(", trong phạm vi của bạn."))


def _writable_orgs(user: User, round_: Round, ratings: list[Rating], step: str) -> set[int] | None:
    """Ids of the organizations that write RATINGS at STEP which USER may write for; None
    for every organization."""
    scope = user_scope(user, Resource.EVALUATION, Action.CHANGE)
    ids = visible_org_ids(scope, round_.as_of)
    if ids is None:
        return None
    writers = {rating_writer(rating, step) for rating in ratings}
    return set(ids.filter(org_id__in=writers).values_list("org_id", flat=True))
