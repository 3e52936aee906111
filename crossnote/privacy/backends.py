"""Log-in for accounts waiting for deletion: logging in again cancels the deletion.

Why a backend: a deletion request deactivates the account at once (is_active=False), which every
existing check already honours — profiles, @mentions, API tokens and sessions all ignore
inactive accounts — and Django's ModelBackend then refuses to log it in. This backend, listed
first in AUTHENTICATION_BACKENDS, accepts only an inactive account with a pending deletion
request and the right password: it cancels the request, reactivates the account and returns it.
Suspended accounts stay refused, with or without a pending request (a suspension made during
the grace period is not lifted by a password). `get_user` is
ModelBackend's, so a session of a deactivated account no longer authenticates.
"""

from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.accounts.suspension import suspension_of
from crossnote.privacy.services import cancel_deletion, pending_deletion


class ReturningAccountBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        user = User.objects.filter(username=username, is_active=False).first()
        # A cheap lookup first: the password hash (Argon2) runs only for a pending deletion.
        # An account suspended meanwhile is not reactivated by a password: its sign-in goes to
        # the suspended page (crossnote.accounts.suspension), its deletion stays pending.
        if (
            user is None
            or pending_deletion(user) is None
            or suspension_of(user) is not None
            or not user.check_password(password)
        ):
            return None
        cancel_deletion(user=user)
        if request is not None and hasattr(request, "_messages"):
            messages.success(request, _("Welcome back: your account will not be deleted."))
        return user
