"""No stored image of any size carries location data (notes and avatars). (The sweeper running by
itself is tested in tests/core/test_tasks_scheduler.py: it is a periodic job.)"""

import pytest
from PIL import Image

from crossnote.accounts.services import set_avatar
from tests.conftest import gps_jpeg, stored_files, upload

pytestmark = pytest.mark.django_db


def test_no_stored_variant_of_a_note_image_or_avatar_carries_gps_or_exif(mia, make_note, settings):
    make_note(mia, images=[upload("gps.jpg", gps_jpeg(size=(2400, 1800)))])
    set_avatar(user=mia, upload=upload("me.jpg", gps_jpeg()))
    files = stored_files(settings.MEDIA_ROOT)
    assert len(files) == 3  # thumb, large, avatar
    for path in files:
        raw = path.read_bytes()
        assert b"SecretCam" not in raw and b"GPS" not in raw, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info and "xmp" not in image.info, path


def test_the_comment_box_says_when_the_author_limited_comments(mia, lin, make_note, client_for):
    mia.comment_permission = "nobody"
    mia.save(update_fields=["comment_permission"])
    note = make_note(mia)
    page = client_for(lin).get(f"/notes/{note.pk}/").content.decode()
    assert 'data-testid="comments-limited"' in page and "comment-form" not in page
    assert "comment-form" in client_for(mia).get(f"/notes/{note.pk}/").content.decode()
