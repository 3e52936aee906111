"""Feed reads: explore (public notes) and the following timeline, both newest first by cursor."""

from django.db.models import QuerySet

from crossnote.notes.models import ModerationState, Visibility
from crossnote.notes.selectors import visible_notes
from crossnote.social.models import Follow
from crossnote.social.selectors import muted_authors


def explore_notes(viewer) -> QuerySet:
    """Public notes the reader may see, never limited ones (not recommended). Ranking arrives with
    the discovery issue; today: newest first."""
    return (
        visible_notes(viewer)
        .filter(visibility=Visibility.PUBLIC)
        .exclude(moderation=ModerationState.LIMITED)
        .exclude(author_id__in=muted_authors(viewer))
    )


def following_notes(viewer) -> QuerySet:
    """Notes by the people `viewer` follows that `viewer` may see, reverse chronological."""
    followed = Follow.objects.filter(follower=viewer).values("followee_id")
    return (
        visible_notes(viewer)
        .filter(author_id__in=followed)
        .exclude(author_id__in=muted_authors(viewer))
    )
