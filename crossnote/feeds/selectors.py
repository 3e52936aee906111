"""Feed reads: explore (public notes) and the following timeline, both newest first by cursor."""

from django.db.models import QuerySet

from crossnote.notes.models import Visibility
from crossnote.notes.selectors import notes_with_media, visible_notes
from crossnote.social.models import Follow


def explore_notes(viewer) -> QuerySet:
    """Public notes from everyone. Ranking arrives with the discovery issue; today: newest first."""
    return notes_with_media().filter(visibility=Visibility.PUBLIC)


def following_notes(viewer) -> QuerySet:
    """Notes by the people `viewer` follows that `viewer` may see, reverse chronological."""
    followed = Follow.objects.filter(follower=viewer).values("followee_id")
    return visible_notes(viewer).filter(author_id__in=followed)
