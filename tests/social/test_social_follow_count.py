"""Following someone from their profile updates the follower count beside the button at once:
the count said 0 after tapping Follow until the page was reloaded (the htmx answer was the button
alone). Elsewhere (a note's author line) there is no count to update, and none is sent."""

import pytest

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_follow_from_the_profile_answers_with_the_new_follower_count(client_for, mia, lin):
    client = client_for(mia)
    page = client.get("/u/lin_sh/").content.decode()
    assert 'name="show_count"' in page, "the profile's follow form asks for the count back"
    answer = client.post("/u/lin_sh/follow/", {"action": "follow", "show_count": "1"}, **HTMX)
    html = answer.content.decode()
    assert answer.status_code == 200
    assert 'id="follower-count" hx-swap-oob="true"' in html
    assert '<strong data-testid="follower-count">1</strong> follower<' in html
    unfollowed = client.post("/u/lin_sh/follow/", {"action": "unfollow", "show_count": "1"}, **HTMX)
    assert (
        '<strong data-testid="follower-count">0</strong> followers<' in unfollowed.content.decode()
    )
    # The form in the answer asks again, so a second tap updates the count too.
    assert 'name="show_count"' in unfollowed.content.decode()


def test_follow_from_a_note_sends_no_count(client_for, mia, lin):
    answer = client_for(mia).post("/u/lin_sh/follow/", {"action": "follow"}, **HTMX)
    assert answer.status_code == 200
    assert "follower-count" not in answer.content.decode()
    assert 'name="show_count"' not in answer.content.decode()
