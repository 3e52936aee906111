"""Account pages: sign up, log in/out, settings (the public profile is notes.profile)."""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.accounts import forms, services, suspension
from crossnote.accounts.models import User
from crossnote.core.errors import DomainError
from crossnote.core.forms import run_service
from crossnote.security import services as security
from crossnote.security.ratelimits import check_login, login_failed, rate_limit, remember_device


@rate_limit("signup")
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("feeds:explore")
    surge = security.surge_settings()
    initial = {"invite_code": request.GET.get("invite", "")[:40]}
    form = forms.SignUpForm(request.POST or None, initial=initial, mode=surge.mode)
    if request.method == "POST" and form.is_valid():
        user = run_service(
            form, services.sign_up, language=request.LANGUAGE_CODE, **form.cleaned_data
        )
        if user is not None and not user.is_active:
            # Approval mode: the waiting page tells this browser how the application stands.
            request.session["signup_application"] = user.signup_application.pk
            return redirect("security:waiting")
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Crossnote, %(name)s!") % {"name": user.name})
            return redirect("feeds:explore")
    return render(request, "accounts/signup.html", {"form": form, "surge": surge})


class LogInView(auth_views.LoginView):
    """Failed attempts count against the account, except from a browser that has logged into it
    before (crossnote.security.ratelimits.check_login); every attempt counts per address."""

    template_name = "accounts/login.html"
    authentication_form = forms.LogInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        check_login(request, request.POST.get("username", ""))
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if getattr(form, "suspended_user", None) is not None:
            # The right password for a suspended account: no session, but the page that says
            # why and takes an appeal (EU DSA Art. 17, 20).
            suspension.grant(self.request, form.suspended_user)
            return redirect("moderation:suspended")
        login_failed(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def form_valid(self, form):
        suspension.clear(self.request)
        response = super().form_valid(form)
        remember_device(self.request, response, form.get_user())
        return response

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        data = kwargs.get("data")
        if data and "@" in data.get("username", ""):
            match = User.objects.filter(email__iexact=data["username"].strip()).first()
            if match:
                data = data.copy()
                data["username"] = match.username
                kwargs["data"] = data
        return kwargs


class LogOutView(auth_views.LogoutView):
    """Log out (a POST, as Django's LogoutView wants), then say so on the page it lands on."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # After logout() flushed the session: the message rides in the next session (or cookie).
        messages.success(request, _("You have signed out."))
        return response


@login_required
def settings_page(request):
    user = request.user
    initial = {
        "display_name": user.display_name,
        "bio": user.bio,
        "region": user.region.code or "",
        "languages": user.languages,
        "auto_translate": user.auto_translate,
    }
    form = forms.ProfileSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.update_profile, user=user, **form.cleaned_data):
            messages.success(request, _("Profile saved."))
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", _settings_context(request, form=form))


def _settings_context(request, **extra):
    return {
        "form": extra.pop("form", None) or forms.ProfileSettingsForm(initial={}),
        "avatar_form": extra.pop("avatar_form", None) or forms.AvatarForm(),
        "token_form": extra.pop("token_form", None) or forms.TokenForm(),
        "password_form": forms.PasswordForm(),
        "tokens": request.user.api_tokens.all(),
        **extra,
    }


@login_required
@require_POST
def upload_avatar(request):
    form = forms.AvatarForm(request.POST, request.FILES)
    if form.is_valid() and run_service(
        form, services.set_avatar, user=request.user, upload=form.cleaned_data["avatar"]
    ):
        messages.success(request, _("Avatar updated."))
    else:
        for error in form.errors.get("avatar", []) + form.non_field_errors():
            messages.error(request, error)
    return redirect("accounts:settings")


@login_required
@require_POST
@rate_limit("login")
def change_password(request):
    """Change the password: every other session and every API token of the account ends."""
    form = forms.PasswordForm(request.POST)
    if form.is_valid() and run_service(
        form, services.change_password, user=request.user, **form.cleaned_data
    ):
        update_session_auth_hash(request, request.user)  # this browser stays logged in
        messages.success(request, _("Password changed. You were logged out everywhere else."))
    else:
        for errors in form.errors.values():
            messages.error(request, errors[0])
    return redirect("accounts:settings")


@login_required
@require_POST
def create_token(request):
    form = forms.TokenForm(request.POST)
    if form.is_valid():
        result = run_service(
            form, services.create_api_token, user=request.user, name=form.cleaned_data["name"]
        )
        if result:
            token, secret = result
            messages.success(
                request,
                _("Token “%(name)s” created. Copy it now; it will not be shown again: %(secret)s")
                % {"name": token.name, "secret": secret},
            )
            return redirect("accounts:settings")
    for error in form.errors.get("name", []) + form.non_field_errors():
        messages.error(request, error)
    return redirect("accounts:settings")


@login_required
@require_POST
def revoke_token(request, token_id):
    try:
        services.revoke_api_token(user=request.user, token_id=token_id)
        messages.success(request, _("Token revoked."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("accounts:settings")
