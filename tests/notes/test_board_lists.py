"""A person's board list follows the same rule as one board (policies.can_view_board)."""

import pytest

from crossnote.notes import policies, selectors
from crossnote.notes.models import Board

pytestmark = pytest.mark.django_db


def test_the_list_and_the_single_board_agree(mia, lin):
    public = Board.objects.create(owner=mia, name="Cats")
    private = Board.objects.create(owner=mia, name="Secret", is_private=True)
    from django.contrib.auth.models import AnonymousUser

    for viewer in (mia, lin, AnonymousUser()):
        listed = set(selectors.boards_of(mia, viewer))
        assert listed == {b for b in (public, private) if policies.can_view_board(viewer, b)}
    assert private in selectors.boards_of(mia, mia) and private not in selectors.boards_of(mia, lin)
    # A closed account's boards are nobody's to list, as its board pages are nobody's to open.
    mia.is_active = False
    mia.save(update_fields=["is_active"])
    mia.refresh_from_db()
    for viewer in (lin, AnonymousUser()):
        assert list(selectors.boards_of(mia, viewer)) == []
        assert not policies.can_view_board(viewer, Board.objects.get(pk=public.pk))
    assert client_status(lin, f"/api/v1/users/{mia.username}/boards") in (200, 404)


def client_status(user, url):
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get(url)
    if response.status_code == 200:
        assert response.json() in ([], {"items": [], "next_cursor": None}) or not response.json()
    return response.status_code
