"""Per-account privacy: who may comment, blocks and mutes, hidden region, discoverability, and
the data region set at sign-up."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from crossnote.accounts.models import User
from crossnote.privacy.models import OperatorAction
from crossnote.social.models import Follow
from crossnote.social.services import block_user, follow_user, mute_user
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def comment(client, note, body="hi there"):
    return client.post(
        f"/api/v1/notes/{note.pk}/comments", {"body": body}, content_type="application/json"
    )


def test_privacy_settings_are_saved_from_the_page_and_the_api(mia, client_for):
    client = client_for(mia)
    page = client.get("/settings/privacy/")
    assert page.status_code == 200
    assert 'data-testid="data-region"' in page.content.decode()
    response = client.post(
        "/settings/privacy/", {"comment_permission": "followers", "hide_region": "on"}
    )
    assert response.status_code == 302
    mia.refresh_from_db()
    assert (mia.comment_permission, mia.discoverable, mia.hide_region) == ("followers", False, True)
    api = client.patch(
        "/api/v1/me/privacy", {"discoverable": True}, content_type="application/json"
    )
    assert api.status_code == 200
    assert api.json()["discoverable"] is True and api.json()["comment_permission"] == "followers"
    bad = client.patch(
        "/api/v1/me/privacy", {"comment_permission": "friends"}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert client.post("/settings/privacy/", {"comment_permission": "x"}).status_code == 200


@pytest.mark.parametrize(
    ("setting", "follower_may", "stranger_may"),
    [("everyone", True, True), ("followers", True, False), ("nobody", False, False)],
)
def test_who_may_comment_is_enforced(
    setting, follower_may, stranger_may, mia, lin, make_note, client_for
):
    mia.comment_permission = setting
    mia.save(update_fields=["comment_permission"])
    note = make_note(mia)
    follow_user(follower=lin, followee=mia)
    stranger = make_user("stranger")
    assert (comment(client_for(lin), note).status_code == 201) is follower_may
    refused = comment(client_for(stranger), note)
    assert (refused.status_code == 201) is stranger_may
    if not stranger_may:
        assert refused.status_code == 403
        assert "limited who may comment" in refused.json()["detail"]
    assert comment(client_for(mia), note).status_code == 201  # the author always may


def test_a_blocked_person_cannot_see_comment_on_or_follow_the_blocker(
    mia, lin, make_note, client_for
):
    note = make_note(mia, title="Mia's cat")
    follow_user(follower=lin, followee=mia)
    follow_user(follower=mia, followee=lin)
    client_for(mia).post(f"/api/v1/users/{lin.username}/block")
    assert not Follow.objects.filter(follower=lin).exists()
    assert not Follow.objects.filter(follower=mia).exists()
    mia.refresh_from_db()
    assert (mia.follower_count, mia.following_count) == (0, 0)

    blocked = client_for(lin)
    assert blocked.get(f"/api/v1/notes/{note.pk}").status_code == 404
    assert blocked.get(f"/notes/{note.pk}/").status_code == 404
    ids = [n["id"] for n in blocked.get("/api/v1/feeds/explore").json()["items"]]
    assert note.pk not in ids
    assert comment(blocked, note).status_code == 404
    assert blocked.post(f"/api/v1/users/{mia.username}/follow").status_code == 403
    # Visitors and others still see the note.
    assert Client().get(f"/api/v1/notes/{note.pk}").status_code == 200
    assert client_for(mia).get("/api/v1/me/blocks").json()[0]["username"] == "lin_sh"
    assert client_for(mia).delete(f"/api/v1/users/{lin.username}/block").status_code == 204
    assert blocked.get(f"/api/v1/notes/{note.pk}").status_code == 200


def test_the_blocker_does_not_see_the_blocked_persons_notes_either(mia, lin, make_note, client_for):
    note = make_note(lin)
    block_user(blocker=mia, blocked=lin)
    ids = [n["id"] for n in client_for(mia).get("/api/v1/feeds/explore").json()["items"]]
    assert note.pk not in ids


def test_muted_authors_are_left_out_of_feeds_but_their_notes_still_open(
    mia, lin, make_note, client_for
):
    note = make_note(lin)
    follow_user(follower=mia, followee=lin)
    client = client_for(mia)
    assert client.post(f"/api/v1/users/{lin.username}/mute").status_code == 204
    for feed in ("explore", "following"):
        ids = [n["id"] for n in client.get(f"/api/v1/feeds/{feed}").json()["items"]]
        assert note.pk not in ids, feed
    assert client.get(f"/api/v1/notes/{note.pk}").status_code == 200
    assert client.get("/api/v1/me/mutes").json()[0]["username"] == "lin_sh"
    client.delete(f"/api/v1/users/{lin.username}/mute")
    ids = [n["id"] for n in client.get("/api/v1/feeds/following").json()["items"]]
    assert note.pk in ids


def test_blocking_and_muting_from_the_page(mia, lin, client_for):
    client = client_for(mia)
    response = client.post("/settings/privacy/people/", {"username": "@lin_sh", "action": "mute"})
    assert response.status_code == 302
    client.post("/settings/privacy/people/", {"username": "lin_sh", "action": "block"})
    page = client.get("/settings/privacy/").content.decode()
    assert "@lin_sh" in page and "Unblock" in page and "Unmute" in page
    assert (
        client.post(
            "/settings/privacy/people/", {"username": "mia_ms", "action": "block"}, follow=True
        ).status_code
        == 200
    )  # blocking oneself is refused with a message
    assert (
        client.post(
            "/settings/privacy/people/", {"username": "nobody_here", "action": "block"}
        ).status_code
        == 404
    )


def test_self_block_and_mute_are_refused(mia):
    from crossnote.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        block_user(blocker=mia, blocked=mia)
    with pytest.raises(InvalidInput):
        mute_user(muter=mia, muted=mia)


def test_a_hidden_region_is_not_shown_to_others_but_to_oneself(mia, client_for):
    mia.hide_region = True
    mia.save(update_fields=["hide_region"])
    assert Client().get("/api/v1/users/mia_ms").json()["region"] == ""
    assert "United States" not in Client().get("/u/mia_ms/").content.decode()
    assert client_for(mia).get("/api/v1/me").json()["region"] == "US"
    assert "United States" in client_for(mia).get("/u/mia_ms/").content.decode()


@pytest.mark.parametrize(
    ("country", "region"),
    [("CN", "cn"), ("DE", "eu"), ("NO", "eu"), ("US", "us"), ("JP", "global"), ("", "global")],
)
def test_the_data_region_is_set_at_sign_up_from_the_country(country, region):
    client = Client()
    response = client.post(
        "/api/v1/auth/signup",
        {
            "username": "newbie",
            "email": "newbie@example.com",
            "password": "a long password 123",
            "region": country,
            "accept_guidelines": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert User.objects.get(username="newbie").data_region == region
    assert client.get("/api/v1/me/privacy").json()["data_region"] == region


def test_an_operator_changes_the_data_region_and_it_is_logged(mia):
    call_command("privacy", "region", "mia_ms", "eu")
    mia.refresh_from_db()
    assert mia.data_region == "eu"
    action = OperatorAction.objects.get(subject=mia)
    assert action.action == "region" and action.detail == "global -> eu"
    with pytest.raises(CommandError, match="Unknown data region"):
        call_command("privacy", "region", "mia_ms", "mars")


def test_the_data_region_is_shown_to_the_person(lin, client_for):
    from crossnote.privacy.services import assign_data_region

    assign_data_region(user=lin)
    page = client_for(lin).get("/settings/privacy/").content.decode()
    assert "China" in page
