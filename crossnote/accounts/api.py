"""REST endpoints for sign-up, log-in, the current user and tokens (a profile, which shows
follow state, is social.api's `GET /users/{username}`)."""

from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Router, Status
from ninja.files import UploadedFile

from crossnote.accounts import services, suspension
from crossnote.accounts.auth import REQUIRED
from crossnote.accounts.models import User
from crossnote.accounts.schemas import (
    LogInIn,
    MeOut,
    NewTokenOut,
    PasswordIn,
    ProfileIn,
    SignUpIn,
    SignUpPendingOut,
    SuspendedOut,
    TokenIn,
    TokenOut,
    UserOut,
)
from crossnote.core.errors import NotAuthenticated, PermissionDenied
from crossnote.security.ratelimits import check_login, login_failed, rate_limit, remember_device

router = Router(tags=["accounts"])


_CSRF = CsrfViewMiddleware(HttpResponse)  # only its process_view is used: the token check


def _refuse_cross_site(request) -> None:
    """Log-in CSRF: another site must not log a visitor's browser into an account of its
    choosing. A browser (it sends Origin or Sec-Fetch-Site with every such request) must send the
    CSRF token (`GET /auth/csrf`, then the `X-CSRFToken` header) as for any session write;
    scripts and apps, which no other site can drive, log in with the payload alone."""
    headers = request.headers
    if not (headers.get("Origin") or headers.get("Sec-Fetch-Site")):
        return
    if _CSRF.process_view(request, HttpResponse, (), {}) is not None:
        raise PermissionDenied(
            _(
                "This request came from a browser without the CSRF token: fetch GET "
                "/api/v1/auth/csrf first and send its cookie back as the X-CSRFToken header."
            )
        )


@router.post("/auth/signup", response={201: UserOut, 202: SignUpPendingOut}, auth=None)
@rate_limit("signup")
def sign_up(request, payload: SignUpIn):
    """Create an account and log the browser in. While sign-up is by invitation send
    `invite_code`; in approval mode the answer is 202 and the account waits for staff.
    From a browser, send the CSRF token as for any session write (log-in CSRF)."""
    _refuse_cross_site(request)
    user = services.sign_up(language=request.LANGUAGE_CODE, **payload.dict())
    if not user.is_active:
        detail = _("Thanks! Your application is waiting for review; you can log in once approved.")
        return Status(202, {"detail": detail, "status": "pending", "username": user.username})
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return Status(201, user)


@router.post("/auth/login", response={200: UserOut, 403: SuspendedOut}, auth=None)
def log_in(request, payload: LogInIn, response: HttpResponse):
    """Log in with username (or email) and password; starts a session. Failed attempts count
    against the account, except from a browser that has logged into it before. From a
    browser, send the CSRF token as for any session write (log-in CSRF). The right password
    for a suspended account answers 403: until when, and the page that shows why and takes an
    appeal (this browser's session may open that page, and nothing else)."""
    _refuse_cross_site(request)
    tried = payload.username.strip()
    check_login(request, tried)
    username = tried
    if "@" in username:
        match = User.objects.filter(email__iexact=username).first()
        username = match.username if match else username
    user = authenticate(request, username=username, password=payload.password)
    if user is None:
        person = suspension.suspended_login(username, payload.password)
        if person is not None:
            return Status(403, _suspended_answer(request, person))
        login_failed(request, tried)
        raise NotAuthenticated(_("Wrong username or password."))
    suspension.clear(request)
    login(request, user)
    remember_device(request, response, user)
    return user


def _suspended_answer(request, person) -> dict:
    suspension.grant(request, person)
    held = suspension.suspension_of(person)
    return {
        "detail": _("Your account is suspended. See why and appeal on the page given."),
        "until": held.until if held is not None else None,
        "url": request.build_absolute_uri(reverse("moderation:suspended")),
    }


@router.post("/auth/logout", response={204: None}, auth=REQUIRED)
def log_out(request):
    logout(request)
    return Status(204, None)


@router.get("/auth/csrf", response={204: None}, auth=None)
def csrf(request):
    """Sets the csrftoken cookie that session-authenticated writes send back as X-CSRFToken."""
    get_token(request)  # the CSRF middleware then sets the cookie on the response
    return Status(204, None)


@router.get("/me", response=MeOut, auth=REQUIRED)
def me(request):
    return request.user


@router.patch("/me", response=MeOut, auth=REQUIRED)
def update_me(request, payload: ProfileIn):
    """Change display name, bio, region (ISO 3166 code), languages spoken or auto-translate."""
    return services.update_profile(user=request.user, **payload.dict(exclude_unset=True))


@router.post("/me/avatar", response=UserOut, auth=REQUIRED)
def upload_avatar(request, image: File[UploadedFile]):
    """Replace the avatar (JPEG, PNG, WebP or GIF; stored re-encoded without EXIF)."""
    return services.set_avatar(user=request.user, upload=image)


@router.post("/me/password", response={204: None}, auth=REQUIRED)
@rate_limit("login")
def change_password(request, payload: PasswordIn):
    """Change the password. Every session and API token of the account ends, except this
    browser session when the call comes from one."""
    services.change_password(user=request.user, **payload.dict())
    if request.session.session_key:
        update_session_auth_hash(request, request.user)
    return Status(204, None)


@router.get("/me/tokens", response=list[TokenOut], auth=REQUIRED)
def list_tokens(request):
    return list(request.user.api_tokens.all())


@router.post("/me/tokens", response={201: NewTokenOut}, auth=REQUIRED)
def create_token(request, payload: TokenIn):
    """Make a personal access token; send it as `Authorization: Bearer <token>`."""
    token, secret = services.create_api_token(user=request.user, name=payload.name)
    token.token = secret  # type: ignore[attr-defined]  # shown once, in this answer
    return Status(201, token)


@router.delete("/me/tokens/{token_id}", response={204: None}, auth=REQUIRED)
def revoke_token(request, token_id: int):
    services.revoke_api_token(user=request.user, token_id=token_id)
    return Status(204, None)
