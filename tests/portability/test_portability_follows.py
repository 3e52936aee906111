"""Follows and blocks in Mastodon's CSV format: export, import, the round trip, and remote
addresses handed to federation (or counted as not sent when federation is off)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossnote.core import hooks
from crossnote.social.models import Block, Follow
from crossnote.social.services import block_user, follow_user
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def csv_upload(text: str, name="following_accounts.csv"):
    return SimpleUploadedFile(name, text.encode(), "text/csv")


def test_following_and_blocks_export_in_mastodons_format(mia, lin, client_for, settings):
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    wang = make_user("wang_bj")
    follow_user(follower=mia, followee=lin)
    follow_user(follower=mia, followee=wang)
    block_user(blocker=mia, blocked=make_user("spam_bot"))
    client = client_for(mia)
    following = client.get("/api/v1/me/following_accounts.csv")
    assert following["Content-Type"].startswith("text/csv")
    assert 'filename="following_accounts.csv"' in following["Content-Disposition"]
    assert following.content.decode() == (
        "Account address,Show boosts,Notify on new posts,Languages\n"
        "lin_sh@crossnote.example,true,false,\n"
        "wang_bj@crossnote.example,true,false,\n"
    )
    blocks = client.get("/settings/move/blocked_accounts.csv")
    assert blocks.content.decode() == "spam_bot@crossnote.example\n"


def test_without_a_federation_domain_the_request_host_names_this_server(
    mia, lin, client_for, settings
):
    settings.CROSSNOTE_FEDERATION_DOMAIN = ""
    follow_user(follower=mia, followee=lin)
    text = client_for(mia).get("/api/v1/me/following_accounts.csv").content.decode()
    assert "lin_sh@testserver," in text


def test_a_round_trip_follows_and_blocks_the_same_people(mia, lin, client_for, settings):
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    wang, bot = make_user("wang_bj"), make_user("spam_bot")
    follow_user(follower=mia, followee=lin)
    follow_user(follower=mia, followee=wang)
    block_user(blocker=mia, blocked=bot)
    following = client_for(mia).get("/api/v1/me/following_accounts.csv").content.decode()
    blocked = client_for(mia).get("/api/v1/me/blocked_accounts.csv").content.decode()

    newcomer = make_user("mia_new")
    client = client_for(newcomer)
    result = client.post("/api/v1/me/following_accounts.csv", {"file": csv_upload(following)})
    assert result.status_code == 200, result.content
    assert result.json() | {"problems": []} == {
        "kind": "follows",
        "local": 2,
        "already": 0,
        "remote_sent": 0,
        "remote_unsent": 0,
        "unknown": 0,
        "federation_off": False,
        "problems": [],
    }
    result = client.post(
        "/api/v1/me/blocked_accounts.csv", {"file": csv_upload(blocked, "blocked_accounts.csv")}
    )
    assert result.json()["local"] == 1
    assert set(
        Follow.objects.filter(follower=newcomer).values_list("followee__username", flat=True)
    ) == {
        "lin_sh",
        "wang_bj",
    }
    assert Block.objects.filter(blocker=newcomer, blocked=bot).exists()
    # The same file again changes nothing and says so.
    again = client.post("/api/v1/me/following_accounts.csv", {"file": csv_upload(following)})
    assert (again.json()["local"], again.json()["already"]) == (0, 2)


def test_remote_addresses_are_counted_as_not_sent_when_federation_is_off(
    mia, lin, client_for, settings
):
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    text = (
        "Account address,Show boosts,Notify on new posts,Languages\n"
        "lin_sh@crossnote.example,true,false,\n"
        "Gargron@mastodon.social,true,false,en\n"
        "@dansup@pixelfed.social,true,false,\n"
        "nobody_here@crossnote.example,true,false,\n"
        "not an address,true,false,\n"
        "mia_ms,true,false,\n"
    )
    saved = hooks._handlers.pop(hooks.REMOTE_FOLLOW_REQUESTED, None)  # federation off
    try:
        result = client_for(mia).post(
            "/api/v1/me/following_accounts.csv", {"file": csv_upload(text)}
        )
    finally:
        if saved is not None:
            hooks._handlers[hooks.REMOTE_FOLLOW_REQUESTED] = saved
    body = result.json()
    assert (body["local"], body["remote_unsent"], body["remote_sent"], body["unknown"]) == (
        1,
        2,
        0,
        3,
    )
    assert body["federation_off"] is True
    reasons = {p["item"]: p["reason"] for p in body["problems"]}
    assert reasons["nobody_here@crossnote.example"] == "no such person here"
    assert reasons["not an address"] == "not an account address"
    assert reasons["mia_ms"] == "You cannot follow yourself."


def test_remote_addresses_go_to_the_federation_hook(mia, client_for, settings):
    """What federation receives: the person and the address; it answers True when it takes it."""
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    asked = []

    def federation(*, user, address):
        asked.append((user.username, address))
        return True

    saved = list(hooks._handlers.get(hooks.REMOTE_BLOCK_REQUESTED, []))
    hooks._handlers[hooks.REMOTE_BLOCK_REQUESTED] = [federation]
    try:
        text = "troll@bad.example\nTroll2@Bad.Example\n"
        body = (
            client_for(mia)
            .post(
                "/api/v1/me/blocked_accounts.csv",
                {"file": csv_upload(text, "blocked_accounts.csv")},
            )
            .json()
        )
    finally:
        hooks._handlers[hooks.REMOTE_BLOCK_REQUESTED] = saved
    assert asked == [("mia_ms", "troll@bad.example"), ("mia_ms", "Troll2@bad.example")]
    assert (body["remote_sent"], body["remote_unsent"], body["federation_off"]) == (2, 0, False)


@pytest.mark.parametrize(
    ("data", "status", "says"),
    [
        (b"\xff\xfe\x00b\x00a\x00d", 400, "not UTF-8"),
        (b"a@b.example\n" * 200_000, 413, "larger than"),
    ],
)
def test_files_that_are_not_csv_or_too_large_are_refused(mia, client_for, data, status, says):
    response = client_for(mia).post(
        "/api/v1/me/following_accounts.csv", {"file": SimpleUploadedFile("x.csv", data)}
    )
    assert response.status_code == status and says in response.json()["detail"]
    assert not Follow.objects.filter(follower=mia).exists()


def test_the_page_shows_what_happened(mia, lin, client_for, settings):
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    saved = hooks._handlers.pop(hooks.REMOTE_FOLLOW_REQUESTED, None)
    try:
        page = client_for(mia).post(
            "/settings/move/people/",
            {
                "kind": "follows",
                "file": csv_upload("lin_sh@crossnote.example\nx@elsewhere.example\n"),
            },
        )
    finally:
        if saved is not None:
            hooks._handlers[hooks.REMOTE_FOLLOW_REQUESTED] = saved
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 person on this server done." in text
    assert "not sent, federation is off on this server" in text
    bad = client_for(mia).post("/settings/move/people/", {"kind": "follows"})
    assert bad.status_code == 400 and "This field is required." in bad.content.decode()
