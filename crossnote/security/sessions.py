"""Sessions: log-in rotates the session key (Django's login() does); a password change, a
suspension or a deletion ends every session and API token of the account."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save


def _store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def end_all_sessions(user, *, keep: str | None = None) -> int:
    """Delete every session of `user` (but `keep`, the caller's own) and all API tokens."""
    from crossnote.security.models import AccountSession

    rows = list(AccountSession.objects.filter(user_id=user.pk).exclude(session_key=keep or ""))
    for row in rows:
        _store(row.session_key).delete()
    AccountSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        # Sessions made before this index existed: one scan, only on these rare events.
        from django.contrib.sessions.models import Session

        doomed = [
            s.pk
            for s in Session.objects.iterator()
            if s.pk != keep and str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
        ]
        Session.objects.filter(pk__in=doomed).delete()
    user.api_tokens.all().delete()
    return len(rows)


def _remember_session(sender, request, user, **kwargs):
    from crossnote.security.models import AccountSession

    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    AccountSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


def _note_old_state(sender, instance, update_fields=None, **kwargs):
    instance._security_before = None
    if instance.pk is None or (
        update_fields is not None and not {"password", "is_active"} & set(update_fields)
    ):
        return
    instance._security_before = (
        sender.objects.filter(pk=instance.pk).values_list("password", "is_active").first()
    )


def _end_sessions_on_change(sender, instance, created, **kwargs):
    before = getattr(instance, "_security_before", None)
    if created or before is None:
        return
    password, was_active = before
    if password != instance.password or (was_active and not instance.is_active):
        end_all_sessions(instance)


def connect_signals() -> None:
    user_model = get_user_model()
    user_logged_in.connect(_remember_session, dispatch_uid="security_remember_session")
    pre_save.connect(_note_old_state, sender=user_model, dispatch_uid="security_old_state")
    post_save.connect(_end_sessions_on_change, sender=user_model, dispatch_uid="security_end")
