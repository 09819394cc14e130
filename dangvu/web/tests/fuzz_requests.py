"""The requests the route fuzz test sends: every route's path template (from the URL
resolver), the forms its views read, and two ways to fill them with hostile values:
`edges`, each edge value in each parameter of its kind, one request each; and `requests`,
a hypothesis strategy that mixes ordinary and hostile values at random."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from django import forms
from django.contrib.auth import forms as auth_forms
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import strategies as st

from dangvu.accounts import user_forms
from dangvu.accounts.views import TokenForm
from dangvu.discipline import forms as discipline_forms
from dangvu.documents.register_views import EditSignerForm, NewSignerForm
from dangvu.documents.render import DOCUMENTS
from dangvu.documents.views import UploadForm as DocumentUploadForm
from dangvu.dues.forms import (
    BasisForm,
    CollectionForm,
    PaymentCorrectForm,
    PaymentRemoveForm,
    ReliefForm,
)
from dangvu.evaluation.commendation_views import DecideForm
from dangvu.evaluation.forms import RoundOpenForm
from dangvu.imports.forms import DuesUploadForm, RatingsUploadForm
from dangvu.imports.org_views import OrgUploadForm
from dangvu.imports.views import ReconcileForm, UploadForm
from dangvu.members import lifecycle_forms as lf
from dangvu.members.correction_forms import CorrectionForm
from dangvu.members.correction_forms import DecisionForm as CorrectionDecisionForm
from dangvu.members.forms import MemberForm
from dangvu.members.lifecycle_views import MEMBER_ACTIONS
from dangvu.organizations.forms import STRUCTURE_FORMS
from dangvu.plans import forms as plans_forms
from dangvu.reports.forms import NARRATIVE_FORMS
from dangvu.web.tests import hostile
from dangvu.web.tests.conftest import World
from dangvu.web.tests.test_route_access import EDITORS_ADMIN, POST_ROUTES
from dangvu.web.tests.test_route_writes import FORM_ROUTES


def _templates(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    """(name, path template) of every named route, e.g. ("members:detail",
    "/app/members/<id:pk>/")."""
    for item in patterns:
        if isinstance(item, URLResolver) and str(item.pattern) == EDITORS_ADMIN:
            continue  # Wagtail's own pages, fuzzed in dangvu/portal/tests/
        if isinstance(item, URLResolver):
            inner = f"{ns}{item.namespace}:" if item.namespace else ns
            yield from _templates(item.url_patterns, prefix + str(item.pattern), inner)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{ns}{item.name}", "/" + prefix + str(item.pattern)


TEMPLATES = dict(_templates(get_resolver().url_patterns))
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# The form each POST route (or each of its actions) reads.
ROUTE_FORMS: dict[str, type[forms.BaseForm]] = {
    "members:edit": MemberForm,
    "members:admission_new": lf.NewAdmissionForm,
    "members:correction_new": CorrectionForm,
    "members:correction_detail": CorrectionDecisionForm,
    "imports:upload": UploadForm,
    "imports:reconcile": ReconcileForm,
    "imports:org_upload": OrgUploadForm,
    "imports:ratings": RatingsUploadForm,
    "imports:dues": DuesUploadForm,
    "dues:collect": CollectionForm,
    "documents:templates": DocumentUploadForm,
    "documents:signers": NewSignerForm,
    "documents:signer": EditSignerForm,
    "evaluation:commendations": DecideForm,
    "evaluation:open": RoundOpenForm,
    "discipline:decision_new": discipline_forms.DecisionForm,
    "discipline:programs": discipline_forms.ProgramForm,
    "discipline:program": discipline_forms.CheckForm,
    "discipline:complaints": discipline_forms.ComplaintForm,
    "discipline:complaint": discipline_forms.ComplaintResolveForm,
    "plans:list": plans_forms.PlanForm,
    "plans:target": plans_forms.TargetRecordForm,
    "plans:meetings": plans_forms.MeetingForm,
    "web:login": auth_forms.AuthenticationForm,
    "users:new": user_forms.AccountForm,
    "accounts:two_factor": TokenForm,
    "accounts:password_change": auth_forms.PasswordChangeForm,
    "accounts:password_reset": auth_forms.PasswordResetForm,
    "accounts:password_reset_confirm": auth_forms.SetPasswordForm,
}
ACTION_FORMS: dict[str, dict[str, type[forms.BaseForm]]] = {
    "members:action": {name: form for name, (form, _perform) in MEMBER_ACTIONS.items()},
    # The admission actions make their forms through factories; these are their classes.
    "members:admission_action": {
        "update": lf.AdmissionCaseForm,
        "propose": lf.DateActionForm,
        "review": lf.DateActionForm,
        "grassroots": lf.DateActionForm,
        "decide": lf.DecisionForm,
        "ceremony": lf.DateActionForm,
        "close": lf.ReasonForm,
    },
    "orgs:action": dict(STRUCTURE_FORMS),
    "discipline:decision_action": {
        "appeal": discipline_forms.AppealForm,
        "resolve": discipline_forms.AppealResolveForm,
    },
    "discipline:check_action": {
        "conclude": discipline_forms.ConcludeForm,
        "done": discipline_forms.RecommendationDoneForm,
    },
    "plans:plan_action": {"target": plans_forms.TargetForm, "task": plans_forms.TaskForm},
    "reports:section_action": dict(NARRATIVE_FORMS),
    "plans:task_action": {"progress": plans_forms.ProgressForm, "close": plans_forms.TaskCloseForm},
    # Attendance's fields are the cell's members (the guests' form, the invited); their
    # classes declare the version only.
    "plans:meeting_action": {
        "conclude": plans_forms.ConcludeForm,
        "attendance": plans_forms.AttendanceForm,
        "guests": plans_forms.GuestAttendanceForm,
        "invite": plans_forms.InviteForm,
        "paper": plans_forms.PaperForm,
        "paper_remove": plans_forms.PaperRemoveForm,
    },
    # A round's steps read no form but the reopening's reason.
    "evaluation:step": {"advance": forms.Form, "reopen": lf.ReasonForm},
    "users:action": {
        "assign": user_forms.RoleAssignForm,
        "end_role": user_forms.RoleEndForm,
        "password": user_forms.ConfirmForm,
        "two_factor": user_forms.ConfirmForm,
        "lock": user_forms.LockForm,
        "unlock": user_forms.ConfirmForm,
    },
    "dues:member_action": {
        "basis": BasisForm,
        "relief": ReliefForm,
        "payment": PaymentCorrectForm,
        "payment_remove": PaymentRemoveForm,
    },
}


# Keys the views without a form read: the import's column mapping, the reconciliation's
# choices, the language switcher's, the next page, the rating import's check or write.
EXTRA_KEYS = ["col-0", "col-1", "col-99999999999999999999", "apply", "all", "language", "next",
              "action"]  # fmt: skip
QUERY_KEYS = ["as_of", "occasion", "page", "after", "before", "n", "q", "org", "month",
              "status", "gender", "age_band", "field", "purpose", "next", "hometown_province",
              "birthplace_province", "check", "format", "period", "year", "person", "start",
              "end", "action", "object", "v", "role", "assignment", "state", "date_field",
              "kind", "trang"]  # fmt: skip
DATE_KEYS = ("as_of", "occasion", "start", "end")
ID_KEYS = ("page", "after", "before", "n", "hometown_province", "birthplace_province", "check", "v",
           "assignment")  # fmt: skip
# Query keys kept ordinary while the others are hostile: they say which parameter a picker
# reads, and for what.
STEADY = {"field": "q", "purpose": "view"}


@dataclass
class Sent:
    """One hostile request, as the failure report shows it."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    def url(self) -> str:
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path


def _kind(name: str, form_field: forms.Field | None) -> str:
    """Which edge values a form field or a path parameter gets."""
    if isinstance(form_field, forms.FileField):
        return "file"
    if isinstance(form_field, forms.DateField):
        return "date"
    if (
        name in ("pk", "version")
        or name.startswith("introducer")
        or isinstance(form_field, forms.IntegerField | forms.ModelChoiceField)
    ):
        return "id"
    if isinstance(form_field, forms.ChoiceField | forms.BooleanField):
        return "choice"
    return "text"


def _ordinary(route: str, world: World) -> dict[str, str]:
    """Path parameters that reach the view: the world's object inside the scope."""
    kwargs = world.args.get(route, ({},))[0]
    action = next(iter(ACTION_FORMS.get(route, {})), "x")
    return {"action": action, **{name: str(value) for name, value in kwargs.items()}}


def ordinary(route: str, world: World) -> Sent:
    """A request that reaches ROUTE's view for a role allowed in: no hostile value."""
    return Sent(_methods(route)[0], _path(route, _ordinary(route, world)))


def _path(route: str, values: dict[str, str]) -> str:
    return PARAMETER.sub(lambda m: quote(values.get(m["name"], "x"), safe=""), TEMPLATES[route])


def _methods(route: str) -> list[str]:
    if route in POST_ROUTES:
        return ["POST"]
    return ["GET", "POST", "POST"] if route in FORM_ROUTES else ["GET", "POST"]


def _form_of(route: str, action: str | None) -> type[forms.BaseForm] | None:
    return ROUTE_FORMS.get(route) or ACTION_FORMS.get(route, {}).get(action or "")


def edges(route: str, world: World) -> Iterator[Sent]:
    """Each edge value (hostile.EDGES) in each path parameter, in every query parameter at
    once, and in every field of the route's form (of each of its actions) at once."""
    ordinary = _ordinary(route, world)
    names = [match["name"] for match in PARAMETER.finditer(TEMPLATES[route])]
    method = _methods(route)[0]
    for name in names:
        for value in hostile.EDGES[_kind(name, None)]:
            yield Sent(method, _path(route, {**ordinary, name: value}))
    path = _path(route, ordinary)
    if method == "GET":
        for value in hostile.EDGES["text"]:
            texts = {key: value for key in QUERY_KEYS if key not in DATE_KEYS}
            yield Sent("GET", path, texts | STEADY)
        for value in hostile.EDGES["id"]:
            yield Sent("GET", path, dict.fromkeys(ID_KEYS, value) | {"field": "hometown_province"})
        for value in hostile.EDGES["date"]:
            yield Sent("GET", path, dict.fromkeys(DATE_KEYS, value))
    if "POST" not in _methods(route):
        return
    actions = list(ACTION_FORMS[route]) if route in ACTION_FORMS else [ordinary["action"]]
    for action in actions:
        form_class = _form_of(route, action)
        fields: dict[str, Any] = (
            form_class.base_fields if form_class else dict.fromkeys(EXTRA_KEYS)  # type: ignore[attr-defined]
        )
        kinds = {name: _kind(name, form_field) for name, form_field in fields.items()}
        usual = {name: _usual(name, form_field, world) for name, form_field in fields.items()}
        action_path = _path(route, {**ordinary, "action": action})
        for kind in sorted(set(kinds.values())):
            for value in hostile.EDGES[kind]:
                data = {name: value if kinds[name] == kind else usual[name] for name in fields}
                yield Sent("POST", action_path, data=data)


def _usual(name: str, form_field: forms.Field | None, world: World) -> Any:
    """An ordinary value for a form field, so the others' edges reach the view."""
    kind = _kind(name, form_field)
    if kind == "file":
        return ("ds.csv", "Họ và tên,Ngày sinh\n".encode())
    if kind == "date":
        return f"{hostile.TODAY:%d/%m/%Y}"
    if name == "version":
        return str(type(world.inside).objects.get(pk=world.inside.pk).version)
    if name.startswith("introducer"):
        return str(world.inside.pk)
    if isinstance(form_field, forms.ModelChoiceField):
        return ""  # optional places; a province would render its hundreds of wards each time
    if isinstance(form_field, forms.ChoiceField):
        choices = [v for v, _label in form_field.choices if v != ""]  # type: ignore[union-attr, misc]
        return str(choices[0]) if choices else ""
    if kind == "id":
        return "1"
    if name in ("org", "cell", "to_cell", "parent", "into"):
        return "CSA-2"
    return "Nguyễn Văn Thử"


def _field_strategy(name: str, form_field: forms.Field, world: World) -> st.SearchStrategy[Any]:
    kind = _kind(name, form_field)
    if kind == "file":
        return hostile.files
    if kind == "date":
        return hostile.dates
    if name == "version":
        return hostile.one_of_or_hostile([world.inside.version, 0, 1], hostile.ids)
    if name.startswith("introducer"):
        return hostile.one_of_or_hostile([world.inside.pk, world.outside.pk], hostile.ids)
    if isinstance(form_field, forms.ChoiceField):
        choices = [value for value, _label in form_field.choices]  # type: ignore[union-attr, misc]
        return hostile.choices_of(choices)
    if isinstance(form_field, forms.ModelChoiceField):
        return hostile.one_of_or_hostile([""], hostile.ids)  # see `_usual`
    if kind == "id":
        return hostile.one_of_or_hostile([0, 1, 5], hostile.ids)
    if name in ("org", "cell", "to_cell", "parent", "into"):
        return hostile.one_of_or_hostile(["CSA-1", "CSA-2", "CSX", "DBK"], hostile.texts)
    return hostile.texts


def _query_strategy(key: str) -> st.SearchStrategy[str]:
    if key in DATE_KEYS:
        return hostile.dates
    if key in ID_KEYS:
        return hostile.ids
    if key == "field":
        return hostile.choices_of(["q", "hometown_province", "birthplace_province", "as_of"])
    if key == "purpose":
        return hostile.choices_of(["view", "cell", "org", "members"])
    return hostile.texts


def _path_strategy(route: str, name: str, world: World) -> st.SearchStrategy[str]:
    valid = [str(kwargs[name]) for kwargs in world.args.get(route, ()) if name in kwargs]
    if name == "action":
        return st.one_of(st.sampled_from(sorted(ACTION_FORMS[route])), hostile.texts)
    if name == "fmt":
        return hostile.choices_of(["xlsx", "csv", "pdf", "XLSX", "docx"])
    if name == "name":
        return hostile.choices_of([*DOCUMENTS, *valid])
    return hostile.one_of_or_hostile(valid, hostile.ids if name == "pk" else hostile.texts)


def _data(route: str, action: str | None, world: World) -> st.SearchStrategy[dict[str, Any]]:
    """The fields of the route's form (of its action's), each always sent, ordinary or
    hostile; for a view without a form, the keys it reads."""
    form_class = _form_of(route, action)
    if form_class is None:
        return st.fixed_dictionaries({}, optional=dict.fromkeys(EXTRA_KEYS, hostile.texts))
    fields = form_class.base_fields.items()  # type: ignore[attr-defined]
    return st.fixed_dictionaries({name: _field_strategy(name, f, world) for name, f in fields})


def requests(route: str, world: World) -> st.SearchStrategy[Sent]:
    """Requests to ROUTE with path parameters, query strings and form values drawn from
    the hostile strategies, each mixed with ordinary values so the views are reached. The
    strategies are built once: hypothesis spends its time drawing, not building."""
    names = [match["name"] for match in PARAMETER.finditer(TEMPLATES[route])]
    paths = {name: _path_strategy(route, name, world) for name in names}
    query = st.fixed_dictionaries({}, optional={key: _query_strategy(key) for key in QUERY_KEYS})
    forms_ = {action: _data(route, action, world) for action in ACTION_FORMS.get(route, [None])}
    methods = st.sampled_from(_methods(route))

    @st.composite
    def build(draw: st.DrawFn) -> Sent:
        values = {name: draw(strategy) for name, strategy in paths.items()}
        method = draw(methods)
        # An action the route does not know is refused before its form is read.
        data = forms_.get(values.get("action"), st.just({}))
        return Sent(method, _path(route, values), draw(query),
                    draw(data) if method == "POST" else {})  # fmt: skip

    return build()
