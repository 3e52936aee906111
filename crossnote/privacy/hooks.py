"""Connects privacy to lower layers' events (crossnote.core.hooks) and to Django's log-in signal."""

from django.contrib.auth.signals import user_logged_in

from crossnote.core import hooks
from crossnote.privacy.services import assign_data_region, record_access, record_login


def _signed_up(*, user):
    assign_data_region(user=user)


def _personal_data_viewed(*, viewer, subjects, what, where=""):
    record_access(viewer=viewer, subjects=subjects, what=what, where=where)


def _logged_in(sender, request, user, **kwargs):
    record_login(user=user, request=request)


def connect() -> None:
    hooks.register(hooks.SIGNED_UP, _signed_up)
    hooks.register(hooks.PERSONAL_DATA_VIEWED, _personal_data_viewed)
    user_logged_in.connect(_logged_in, dispatch_uid="crossnote.privacy.record_login")
