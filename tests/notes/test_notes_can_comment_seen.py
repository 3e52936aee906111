"""Who may comment, asked once per note page: the page's note came through get_visible_note for
this reader, so can_comment skips the visibility questions there (seen=True); asked on its own
it still asks them (blocks shut comments both ways), and the author's setting decides the rest."""

import pytest

from crossnote.accounts.models import CommentPermission
from crossnote.notes import policies
from crossnote.social.services import block_user, follow_user, unblock_user

pytestmark = pytest.mark.django_db

FORM = b'class="comment-form"'


def test_the_author_s_setting_decides_on_the_page_and_alone(mia, lin, make_note, client_for):
    note = make_note(mia, title="Dumplings")
    page = client_for(lin).get(f"/notes/{note.pk}/")
    assert page.status_code == 200 and FORM in page.content
    assert policies.can_comment(lin, note) and policies.can_comment(lin, note, seen=True)

    mia.comment_permission = CommentPermission.FOLLOWERS
    mia.save(update_fields=["comment_permission"])
    note.author.refresh_from_db()
    assert FORM not in client_for(lin).get(f"/notes/{note.pk}/").content
    assert not policies.can_comment(lin, note, seen=True)
    follow_user(follower=lin, followee=mia)
    assert FORM in client_for(lin).get(f"/notes/{note.pk}/").content
    assert policies.can_comment(lin, note, seen=True)

    mia.comment_permission = CommentPermission.NOBODY
    mia.save(update_fields=["comment_permission"])
    note.author.refresh_from_db()
    assert FORM not in client_for(lin).get(f"/notes/{note.pk}/").content
    assert FORM in client_for(mia).get(f"/notes/{note.pk}/").content  # the author always may


def test_asked_alone_a_block_still_shuts_comments(mia, lin, make_note, client_for):
    note = make_note(mia, title="Noodles")
    block_user(blocker=mia, blocked=lin)
    assert not policies.can_comment(lin, note)
    assert client_for(lin).get(f"/notes/{note.pk}/").status_code == 404
    assert client_for(lin).post(f"/notes/{note.pk}/comments/", {"body": "hi"}).status_code == 404
    assert not note.comments.exists()
    # Unblocked, the same post lands (the address is right, the block was what refused).
    unblock_user(blocker=mia, blocked=lin)
    assert client_for(lin).post(f"/notes/{note.pk}/comments/", {"body": "hi"}).status_code == 302
    assert note.comments.count() == 1
