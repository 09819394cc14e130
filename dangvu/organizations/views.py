import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.http import as_of_from, authenticated
from dangvu.common.spreadsheets import EXPORT_TYPES
from dangvu.organizations import authorities, services
from dangvu.organizations.decorators import requires
from dangvu.organizations.export import organizations_export
from dangvu.organizations.forms import STRUCTURE_FORMS
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.pickers import PURPOSES, org_choices
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import org_get_for_user
from dangvu.organizations.services import OrgChangeError


@requires(Resource.ORG, Action.VIEW)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The tree as shown on the date (or one organization's subtree, `?org=CODE`), as XLSX
    or CSV; the export is logged."""
    if fmt not in EXPORT_TYPES:
        raise Http404
    as_of = as_of_from(request)
    code = request.GET.get("org", "").strip().upper()
    root = org_get_for_user(user=request.user, code=code, as_of=as_of).org if code else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"to-chuc.{fmt}"
        organizations_export(user=request.user, as_of=as_of, root=root, path=path)
        response = HttpResponse(path.read_bytes(), content_type=EXPORT_TYPES[fmt])
    name = f"to-chuc-{code.lower() + '-' if code else ''}{as_of:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _perform(request: HttpRequest, org: OrgUnit, action: str, data: dict[str, Any]) -> None:
    common = {"actor": request.user, "effective_date": data["on"], "decision": data["decision"]}
    if action == "create":
        services.org_create(
            actor=request.user,
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            sector=data["sector"],
            parent=org,
            established_date=data["on"],
            decision=data["decision"],
        )
    elif action == "rename":
        services.org_rename(org=org, new_name=data["name"], **common)
    elif action == "move":
        services.org_move(org=org, new_parent=data["parent"], **common)
    elif action == "merge":
        services.org_merge(sources=[org], into=data["into"], **common)
    elif action == "reclassify":
        first = (
            (data["first_cell_code"], data["first_cell_name"]) if data["first_cell_code"] else None
        )
        services.org_reclassify(org=org, new_kind=data["kind"], first_cell=first, **common)
    elif action in ("authorise", "withdraw"):
        grant = authorities.admission_authority_grant
        write = grant if action == "authorise" else authorities.admission_authority_withdraw
        write(actor=request.user, org=org, on=data["on"], decision=data["decision"],
              today=clock.today())  # fmt: skip
    else:
        services.org_dissolve(org=org, **common)


@require_POST
@requires(Resource.ORG, Action.CHANGE)
def structure_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """A dated structure change of the organization, made by its one service."""
    if action not in STRUCTURE_FORMS:
        raise Http404
    today = clock.today()
    view = org_get_for_user(user=request.user, code=code, as_of=today, action=Action.CHANGE)
    form = STRUCTURE_FORMS[action](request.POST, user=request.user)
    try:
        if not form.is_valid():
            raise OrgChangeError(form.errors.as_data())
        _perform(request, view.org, action, form.cleaned_data)
    except (OrgChangeError, ValidationError) as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi nhận thay đổi tổ chức."))
    return redirect(reverse("orgs:detail", args=[view.org.code]))


@authenticated
def pick(request: HttpRequest) -> HttpResponse:
    """The picker's suggestions (htmx): organizations the user may use for the purpose."""
    purpose = request.GET.get("purpose", "")
    if purpose not in PURPOSES:
        raise Http404
    query = request.GET.get(request.GET.get("field", ""), "")[:100]
    choices = org_choices(user=request.user, purpose=purpose, query=query,
                          on=clock.today())  # fmt: skip
    return render(request, "common/widgets/_options.html", {"choices": choices})
