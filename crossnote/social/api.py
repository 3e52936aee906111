"""REST endpoints for profiles, follows and notifications."""

from django.shortcuts import get_object_or_404
from ninja import Router

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.accounts.models import User
from crossnote.accounts.schemas import ProfileOut
from crossnote.core.pagination import paginate
from crossnote.security.ratelimits import rate_limit
from crossnote.social import selectors, services
from crossnote.social.schemas import (
    CountOut,
    FollowOut,
    MarkReadIn,
    NotificationGroupPage,
    NotificationPage,
    UserPage,
)

router = Router(tags=["follows", "notifications"])


def _user(username: str) -> User:
    return get_object_or_404(User, username=username, is_active=True)


# A person's profile shows whether the reader follows them, so it sits here above accounts;
# it keeps the accounts tag (and its path) it always had.
@router.get("/users/{username}", response=ProfileOut, auth=OPTIONAL, tags=["accounts"])
def get_user(request, username: str):
    user = _user(username)
    user.is_following = selectors.is_following(request.user, user)  # type: ignore[attr-defined]
    return user


@router.post("/users/{username}/follow", response=FollowOut, auth=REQUIRED, tags=["follows"])
@rate_limit("follow")
def follow(request, username: str):
    target = _user(username)
    services.follow_user(follower=request.user, followee=target)
    target.refresh_from_db(fields=["follower_count"])
    return {"following": True, "follower_count": target.follower_count}


@router.delete("/users/{username}/follow", response=FollowOut, auth=REQUIRED, tags=["follows"])
def unfollow(request, username: str):
    target = _user(username)
    services.unfollow_user(follower=request.user, followee=target)
    target.refresh_from_db(fields=["follower_count"])
    return {"following": False, "follower_count": target.follower_count}


@router.get("/users/{username}/followers", response=UserPage, auth=OPTIONAL, tags=["follows"])
def followers(request, username: str, cursor: str | None = None, limit: int = 20):
    page = paginate(selectors.followers_of(_user(username)), cursor, limit)
    return {"items": [f.follower for f in page.items], "next_cursor": page.next_cursor}


@router.get("/users/{username}/following", response=UserPage, auth=OPTIONAL, tags=["follows"])
def following(request, username: str, cursor: str | None = None, limit: int = 20):
    page = paginate(selectors.following_of(_user(username)), cursor, limit)
    return {"items": [f.followee for f in page.items], "next_cursor": page.next_cursor}


@router.get("/notifications", response=NotificationPage, auth=REQUIRED, tags=["notifications"])
def notifications(request, cursor: str | None = None, limit: int = 20, unread_only: bool = False):
    rows = selectors.notifications_for(request.user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = paginate(rows, cursor, limit)
    return {
        "items": selectors.present_notifications(request.user, page.items),
        "next_cursor": page.next_cursor,
        "unread": selectors.unread_count(request.user),
    }


@router.get(
    "/notifications/grouped",
    response=NotificationGroupPage,
    auth=REQUIRED,
    tags=["notifications"],
)
def grouped_notifications(request, tab: str = "all", cursor: str | None = None, limit: int = 20):
    """Notifications gathered as the page shows them, newest group first: likes, saves and
    follows of one subject on one day make one line ("Sam and 3 others liked your note");
    comments, replies and mentions stay one per line. `tab`: all, likes (likes and saves),
    follows, comments (comments, replies and @mentions). Hidden notes and comments are not
    named (nor their ids told); reading this does not mark anything read (POST
    /notifications/read does)."""
    groups, next_cursor = selectors.grouped_notifications(
        request.user, tab=tab, cursor=cursor, limit=limit
    )
    counts = selectors.unread_by_tab(request.user)
    return {
        "items": groups,
        "next_cursor": next_cursor,
        "unread": counts["all"],
        "unread_by_tab": counts,
    }


@router.get("/notifications/unread-count", response=CountOut, auth=REQUIRED, tags=["notifications"])
def unread_count(request):
    return {"count": selectors.unread_count(request.user)}


@router.post("/notifications/read", response=CountOut, auth=REQUIRED, tags=["notifications"])
def mark_read(request, payload: MarkReadIn):
    """Mark some (ids) or all notifications as read; returns how many changed."""
    return {"count": services.mark_notifications_read(user=request.user, ids=payload.ids)}
