from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvu.accounts.trail import account_event
from dangvu.accounts.two_factor import (
    EnrolmentRefused,
    confirmed_device,
    two_factor_confirm,
    two_factor_link_use,
    two_factor_verify,
)
from dangvu.common import clock
from dangvu.common.events import Event
from dangvu.common.forms import BootstrapFormMixin
from dangvu.common.http import authenticated, public


class TokenForm(BootstrapFormMixin, forms.Form):
    token = forms.RegexField(
        label=_("Mã xác thực 6 chữ số"), regex=r"^\d{6}$",
        error_messages={"invalid": _("Mã gồm đúng 6 chữ số.")},
    )  # fmt: skip


# The session's authenticator being set up, from an enrolment link, until its first code.
ENROLLING = "dangvu_two_factor_enrolling"


def _enrolling(request: HttpRequest) -> TOTPDevice | None:
    device_id = request.session.get(ENROLLING)
    return TOTPDevice.objects.filter(pk=device_id or 0, user_id=request.user.pk,
                                     confirmed=False).first()  # fmt: skip


def _user(request: HttpRequest) -> AbstractBaseUser:
    """The logged-in user (the views below are `authenticated`)."""
    assert isinstance(request.user, AbstractBaseUser)
    return request.user


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe and target else reverse("web:home")


@authenticated
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enter the code of the user's authenticator app, or confirm the one being set up from
    an enrolment link. Without either, the page says to ask an administrator for a link."""
    enrolling = _enrolling(request)
    device = enrolling or confirmed_device(request.user)
    form = TokenForm(request.POST or None)
    if device is not None and form.is_valid():
        token = form.cleaned_data["token"]
        if enrolling is not None:
            verified = two_factor_confirm(user=_user(request), device=enrolling, token=token)
        else:
            verified = two_factor_verify(user=_user(request), device=device, token=token)
        if verified:
            request.session.pop(ENROLLING, None)
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn."))
    context = {"form": form, "device": device, "setting_up": enrolling is not None}
    return render(request, "accounts/two_factor.html", context)


@authenticated
def two_factor_enrol(request: HttpRequest, token: str) -> HttpResponse:
    """An enrolment link: its page asks to confirm (a link preview that fetches it uses
    nothing), and the POST gives the logged-in user a new authenticator to set up."""
    if request.method == "POST":
        try:
            device = two_factor_link_use(user=_user(request), token=token, now=clock.now())
        except EnrolmentRefused as refused:
            return render(request, "accounts/two_factor_enrol.html", {"refused": refused})
        request.session[ENROLLING] = device.pk
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_enrol.html", {})


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại (mật khẩu phân biệt chữ "
            "hoa, chữ thường)."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Xin liên hệ quản trị hệ thống."),
    }


class Login(auth_views.LoginView):
    """Django's page; the login's last_login and its entry (written on `user_logged_in`)
    in one transaction."""

    authentication_form = LoginForm

    @transaction.atomic
    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        return super().form_valid(form)


# Django's password views, with dangvu's templates, declared public or authenticated.
login = public(Login.as_view(template_name="web/login.html", redirect_authenticated_user=True))
logout = public(auth_views.LogoutView.as_view())
password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        success_url=reverse_lazy("accounts:password_reset_done"),
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's page, with the reset in the audit trail."""

    @transaction.atomic
    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        account_event(Event.PASSWORD_RESET, actor=user, username=user.get_username(),
                      request=self.request)  # fmt: skip
        return response


class PasswordChange(auth_views.PasswordChangeView):
    """Django's page, with the change in the audit trail."""

    @transaction.atomic
    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        account_event(Event.PASSWORD_CHANGED, actor=user, username=user.get_username(),
                      request=self.request)  # fmt: skip
        return response


password_reset_confirm = public(
    PasswordResetConfirm.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
password_change = authenticated(
    PasswordChange.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = authenticated(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
