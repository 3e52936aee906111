"""Privacy reads shared by the settings page, the API and the CLI."""

from django.db.models import QuerySet

from crossnote.privacy.models import AccessLog, ExportRequest, LoginEvent
from crossnote.social.models import Block, Mute

RECENT = 20


def exports_of(user) -> QuerySet[ExportRequest]:
    return ExportRequest.objects.filter(user=user)


def recent_exports(user) -> list[ExportRequest]:
    return list(exports_of(user)[:5])


def recent_logins(user) -> list[LoginEvent]:
    return list(LoginEvent.objects.filter(user=user)[:RECENT])


def recent_access(user) -> list[AccessLog]:
    return list(AccessLog.objects.filter(subject=user)[:RECENT])


def blocked_people(user):
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at")


def muted_people(user):
    return Mute.objects.filter(muter=user).select_related("muted").order_by("-created_at")
