"""The administrator's pages of accounts at /app/users/: the list, an account with its
roles and history, a new account, and one focused form per action. Thin: the services of
`accounts.services` check, write and audit; the selectors read."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts import services
from dangvu.accounts import user_forms as uf
from dangvu.accounts.selectors import (
    AccountFilter,
    account_get_for_user,
    account_history,
    account_list,
    account_roles,
    account_state,
    full_name,
    open_assignments,
)
from dangvu.common import clock
from dangvu.common.forms import add_service_error
from dangvu.common.ids import as_id
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource

ADMIN = (Resource.SETTINGS, Action.CHANGE)


@requires(*ADMIN)
def user_list(request: HttpRequest) -> HttpResponse:
    form = uf.AccountFilterForm(request.GET, user=request.user)
    filters = form.filters() if form.is_valid() else AccountFilter()
    rows = account_list(user=request.user, filters=filters, today=clock.today())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/users/list.html", {"form": form, "page": page})


@requires(*ADMIN)
def user_new(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = uf.AccountForm(request.POST if posted else None, user=request.user)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.account_create(
                actor=request.user, username=data["username"], full_name=data["full_name"],
                email=data["email"], member=data["member"], today=clock.today(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã tạo tài khoản; hãy cấp liên kết đặt mật khẩu."))
            return redirect("users:detail", account.pk)
    return render(request, "accounts/users/new.html", {"form": form})


@dataclass(frozen=True)
class UserAction:
    """One action on an account: its title, its form, the service call (which returns a
    link to hand over, or None) and what the page says when it is done."""

    title: Promise
    form: Callable[[HttpRequest, AbstractUser, Any], forms.Form]
    perform: Callable[[HttpRequest, AbstractUser, dict[str, Any]], str | None]
    done: Promise


def _end_form(request: HttpRequest, account: AbstractUser, data: Any) -> forms.Form:
    roles = open_assignments(account, clock.today())
    initial = {"assignment": as_id(request.GET.get("assignment", ""))}
    return uf.RoleEndForm(data, roles=roles, initial=initial)


def _end(request: HttpRequest, account: AbstractUser, data: dict[str, Any]) -> None:
    lines = [line for line in open_assignments(account, clock.today())
             if line.assignment.pk == data["assignment"]]  # fmt: skip
    if not lines:
        raise ValidationError({"assignment": _("Vai trò: hãy chọn một vai trò đang giữ.")})
    services.role_end(actor=request.user, assignment=lines[0].assignment, on=data["on"])
    return None


def _assign(request: HttpRequest, account: AbstractUser, data: dict[str, Any]) -> None:
    services.role_assign(
        actor=request.user, user=account, role=data["role"], org=data["org"],
        member=data["member"], valid_from=data["valid_from"], valid_to=data["valid_to"],
    )  # fmt: skip
    return None


def _password(request: HttpRequest, account: AbstractUser, data: dict[str, Any]) -> str:
    path = services.password_link_issue(actor=request.user, account=account, now=clock.now())
    return request.build_absolute_uri(path)


def _two_factor(request: HttpRequest, account: AbstractUser, data: dict[str, Any]) -> str:
    token = services.two_factor_reset(actor=request.user, account=account, now=clock.now())
    return request.build_absolute_uri(reverse("accounts:two_factor_enrol", args=[token]))


def _lock(request: HttpRequest, account: AbstractUser, data: dict[str, Any]) -> None:
    services.account_lock(actor=request.user, account=account, today=clock.today(),
                          reason=data["reason"])  # fmt: skip
    return None


def _unlock(request: HttpRequest, account: AbstractUser, data: dict[str, Any]) -> None:
    services.account_unlock(actor=request.user, account=account)
    return None


def _plain(form_class: type[forms.Form]) -> Callable[[HttpRequest, AbstractUser, Any], forms.Form]:
    return lambda request, account, data: form_class(data)


def _scoped(form_class: type[Any]) -> Callable[[HttpRequest, AbstractUser, Any], forms.Form]:
    return lambda request, account, data: form_class(data, user=request.user)


ACTIONS: dict[str, UserAction] = {
    "assign": UserAction(
        gettext_lazy("Phân công vai trò"), _scoped(uf.RoleAssignForm), _assign,
        gettext_lazy("Đã phân công vai trò."),
    ),
    "end_role": UserAction(
        gettext_lazy("Thôi phân công vai trò"), _end_form, _end,
        gettext_lazy("Đã ghi ngày thôi giữ vai trò."),
    ),
    "password": UserAction(
        gettext_lazy("Cấp liên kết đặt lại mật khẩu"), _plain(uf.ConfirmForm), _password,
        gettext_lazy("Đã cấp liên kết đặt lại mật khẩu."),
    ),
    "two_factor": UserAction(
        gettext_lazy("Gỡ xác thực hai lớp và cấp liên kết đăng ký mới"),
        _plain(uf.ConfirmForm), _two_factor,
        gettext_lazy("Đã gỡ xác thực hai lớp và cấp liên kết đăng ký mới."),
    ),
    "lock": UserAction(
        gettext_lazy("Khóa tài khoản"), _plain(uf.LockForm), _lock,
        gettext_lazy("Đã khóa tài khoản."),
    ),
    "unlock": UserAction(
        gettext_lazy("Mở khóa tài khoản"), _plain(uf.ConfirmForm), _unlock,
        gettext_lazy("Đã mở khóa tài khoản."),
    ),
}  # fmt: skip


def _actions(request: HttpRequest, account: AbstractUser, locked: bool, locked_out: bool,
             roles: bool) -> list[str]:  # fmt: skip
    """The actions that apply to the account as it stands, in the page's order."""
    if locked:
        return ["unlock"]
    names = ["assign", *(["end_role"] if roles else []), "password"]
    if account.pk != request.user.pk:
        names += ["two_factor", "lock"]
    return [*names, *(["unlock"] if locked_out else [])]


@requires(*ADMIN)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_for_user(user=request.user, pk=pk)
    today = clock.today()
    state = account_state(account, clock.now())
    roles = account_roles(account, today)
    names = _actions(request, account, state.locked, state.locked_out,
                     any(line.state != "ended" for line in roles))  # fmt: skip
    context = {
        "account": account,
        "name": full_name(account),
        "state": state,
        "roles": roles,
        "history": account_history(account),
        "actions": [(name, ACTIONS[name].title) for name in names],
    }
    return render(request, "accounts/users/detail.html", context)


@requires(*ADMIN)
def user_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """ACTION's focused form (GET), and the action (POST); a link to hand over is shown
    once, on the page that answers the POST."""
    if action not in ACTIONS:
        raise Http404
    account = account_get_for_user(user=request.user, pk=pk)
    spec = ACTIONS[action]
    posted = request.method == "POST"
    form = spec.form(request, account, request.POST if posted else None)
    if posted and form.is_valid():
        try:
            link = spec.perform(request, account, form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, str(spec.done))
            if link is None:
                return redirect("users:detail", account.pk)
            context = {"account": account, "name": full_name(account), "link": link,
                       "action": action, "title": spec.title}  # fmt: skip
            return render(request, "accounts/users/link.html", context)
    context = {"account": account, "name": full_name(account), "form": form,
               "action": action, "title": spec.title}  # fmt: skip
    return render(request, "accounts/users/action.html", context)
