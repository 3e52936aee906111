"""What the base page shows of the reader: newcomer tips, the notifications badge, the
moderators' Review link."""

from django.db import connection

from crossnote.moderation import roles
from crossnote.moderation.selectors import is_newcomer
from crossnote.social.models import Notification


def norms(request):
    """Newcomers (first 14 days) get short contextual tips on norms."""
    user = getattr(request, "user", None)
    return {"newcomer": bool(user is not None and user.is_authenticated and is_newcomer(user))}


def nav(request):
    """The unread-notification count for the nav badge and the reader's moderator roles (the
    Review link), read live in one plain query (no ORM building: it runs on every page): a
    new notification, a read one and a role given or taken show on the next page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    notifications = connection.ops.quote_name(Notification._meta.db_table)
    roles_sql, roles_params = roles.roles_sql("%s")
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {notifications} "  # noqa: S608 - quoted names only
        f"WHERE recipient_id = %s AND read_at IS NULL), {', '.join(roles_sql)}"
    )
    params: list = [user.pk]
    for name in roles_params:
        params += [user.pk, name]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        unread, *answers = cursor.fetchone()
    roles.remember_roles(user, answers)
    return {"unread_notifications": unread}
