from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.audit_display import changes_shown
from dangvu.common.files import private_file_response, written_file_response
from dangvu.common.forms import add_service_error
from dangvu.common.http import as_of_from, authenticated, is_htmx
from dangvu.common.ids import as_id
from dangvu.common.models import AdministrativeUnit
from dangvu.common.spreadsheets import EXPORT_TYPES, TooManyRows
from dangvu.members import facts
from dangvu.members import lifecycle_forms as lf
from dangvu.members.dues_paid import paid_until
from dangvu.members.export import members_export
from dangvu.members.forms import MemberFilterForm, MemberForm
from dangvu.members.hooks import record_lines
from dangvu.members.models import Member
from dangvu.members.pickers import member_choices
from dangvu.members.selectors import (
    MemberFilter,
    member_get_for_user,
    member_lifecycle,
    member_page,
    member_timeline,
)
from dangvu.members.services import (
    MemberChangeError,
    StaleEdit,
    member_update,
    recognition_pending_step,
    recognition_route,
)
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource


def _letter_initial(member: Member) -> dict[str, str]:
    """The transfer letter's dues month, from the dues records where they know it."""
    month = paid_until(member, clock.today())
    return {"dues_paid_until": f"{month:%m/%Y}"} if month else {}


def _action_forms(request: HttpRequest, member: Member) -> dict[str, forms.Form]:
    """Unbound forms: the member page only shows their fields; each posts to members:action."""
    return {
        "date": lf.DateActionForm(),
        "recognize": lf.DateActionForm(),
        "letter": lf.LetterForm(initial=_letter_initial(member)),
        "reason": lf.ReasonForm(),
        "transfer": lf.TransferForm(user=request.user),
        "exempt": lf.ExemptForm(),
        "exit": lf.ExitForm(probationary=member.official_date is None),
        "badge": lf.BadgeForm(),
        "gap": lf.PartyGapForm(),
    }


@requires(Resource.MEMBER, Action.VIEW)
def member_list(request: HttpRequest) -> HttpResponse:
    as_of = as_of_from(request)
    form = MemberFilterForm(request.GET, user=request.user, on=as_of)
    filters = form.filters(as_of) if form.is_valid() else MemberFilter(as_of=as_of)
    members = member_page(user=request.user, filters=filters, params=request.GET)
    template = "members/_list.html" if is_htmx(request) else "members/list.html"
    context = {"as_of": as_of, "form": form, "members": members, "list_org": filters.org}
    return render(request, template, context)


@requires(Resource.MEMBER, Action.VIEW)
def member_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The list as filtered on screen, as XLSX or CSV (an XLSX in the printed shape with
    ?shape=printed); the export is logged."""
    if fmt not in EXPORT_TYPES:
        raise Http404
    as_of = as_of_from(request)
    form = MemberFilterForm(request.GET, user=request.user, on=as_of)
    if not form.is_valid():
        raise Http404
    filters = form.filters(as_of)
    printed = fmt == "xlsx" and request.GET.get("shape") == "printed"
    try:
        return written_file_response(
            lambda path: members_export(
                user=request.user, filters=filters, path=path, printed=printed
            ),
            filename=_export_name(filters, fmt),
            content_type=EXPORT_TYPES[fmt],
        )
    except TooManyRows as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('members:list')}?{request.GET.urlencode()}")


def _export_name(filters: MemberFilter, fmt: str) -> str:
    """ "dang-vien-<organization's code>-<date>.xlsx": files saved side by side say whose
    list and which day they hold."""
    org = f"-{slugify(filters.org.code)}" if filters.org is not None else ""
    return f"dang-vien{org}-{filters.as_of:%Y%m%d}.{fmt}"


@requires(Resource.MEMBER, Action.VIEW)
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    as_of = as_of_from(request)
    member = member_get_for_user(user=request.user, pk=pk, as_of=as_of)
    context = {
        "as_of": as_of,
        "member": member,
        "timeline": member_timeline(member, record_lines(request.user, member)),
        "lifecycle": member_lifecycle(member, on=as_of),
        "probation_end": facts.official_date(member.admission_date),
        # The step after the cell's resolution proposing recognition its form offers: the
        # đảng ủy bộ phận's review, the đảng ủy cơ sở's resolution, or the decision.
        "recognition_step": (step := recognition_pending_step(member)),
        "recognition_route": recognition_route(member) if step else None,
        "forms": _action_forms(request, member),
    }
    return render(request, "members/detail.html", context)


@requires(Resource.MEMBER, Action.VIEW)
def member_photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The member's photo, for those who may see their record (on the page's date)."""
    member = member_get_for_user(user=request.user, pk=pk, as_of=as_of_from(request))
    if not member.photo:
        raise Http404
    suffix = Path(member.photo.name).suffix
    return private_file_response(member.photo, filename=f"anh-{member.pk}{suffix}", inline=True)


@requires(Resource.MEMBER, Action.CHANGE)
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    today = clock.today()
    member = member_get_for_user(user=request.user, pk=pk, as_of=today, action=Action.CHANGE)
    theirs = None
    if request.method == "POST":
        form = MemberForm(request.POST, request.FILES, instance=member)
        if form.is_valid():
            try:
                member_update(
                    actor=request.user,
                    member=member,
                    version=form.cleaned_data["version"],
                    values=form.values(),
                    today=today,
                    reason=form.cleaned_data["reason"],
                )
            except StaleEdit as error:
                theirs = changes_shown(Member, error.theirs)
                form.merge(error)
            except MemberChangeError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Đã lưu hồ sơ đảng viên."))
                return redirect(member)
    else:
        form = MemberForm(instance=member, initial={"version": member.version})
    return render(request, "members/edit.html", {"member": member, "form": form, "theirs": theirs})


@authenticated
def wards(request: HttpRequest) -> HttpResponse:
    """The ward options of the province picked in a form (htmx)."""
    province_id = as_id(request.GET.get(request.GET.get("field", ""), ""))
    units = (
        AdministrativeUnit.objects.filter(parent_id=province_id).order_by("name")
        if province_id
        else AdministrativeUnit.objects.none()
    )
    return render(request, "members/_ward_options.html", {"units": units})


@authenticated
def pick(request: HttpRequest) -> HttpResponse:
    """The member picker's suggestions (htmx): members the user may see."""
    query = request.GET.get(request.GET.get("field", ""), "")[:100]
    labels = member_choices(user=request.user, query=query, on=clock.today())
    choices = [(label, label) for label in labels]
    return render(request, "common/widgets/_options.html", {"choices": choices})
