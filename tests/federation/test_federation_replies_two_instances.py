"""Replies as comments between two real Crossnote instances on loopback (two `crossnote serve`
processes, separate SQLite databases, real HTTP signatures): Mia on A and Lin on B follow each
other across servers; Mia comments on Lin's note from A and the comment shows under Lin's note on
B (page and comments API, counted); Lin replies on B to Mia's note and it shows under Mia's note
on A; Lin's own comment under her note reaches the thread on A; a deleted reply is gone."""

import urllib.request

import pytest

from tests.federation.test_federation_two_instances import _call, _jpeg, _start, _until
from tests.served import free_ports, make_world, stop

pytestmark = pytest.mark.slow


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    env_a, facts_a = make_world(tmp_path / "a")
    env_b, facts_b = make_world(tmp_path / "b")
    servers = []
    try:
        port_a, port_b = free_ports(2)
        server_a, host_a, env_a = _start(env_a, port_a, tmp_path / "a.log")
        servers.append(server_a)
        server_b, host_b, env_b = _start(env_b, port_b, tmp_path / "b.log")
        servers.append(server_b)
        yield (
            {"host": host_a, "facts": facts_a, "log": tmp_path / "a.log"},
            {"host": host_b, "facts": facts_b, "log": tmp_path / "b.log"},
        )
    finally:
        for server in servers:
            stop(server)


def _follow(at, token, address) -> int:
    """Look `address` up from `at` and follow them until their server accepts; their id at `at`."""
    status, found = _call(
        at["host"], "POST", "/api/v1/federation/lookup", token, {"address": address}
    )
    assert status == 200, found
    status, body = _call(
        at["host"], "POST", f"/api/v1/federation/actors/{found['id']}/follow", token
    )
    assert status == 200, body
    _until(
        f"{address} to accept",
        lambda: (
            _call(at["host"], "GET", f"/api/v1/federation/actors/{found['id']}", token)[1][
                "follow_state"
            ]
            == "accepted"
        ),
    )
    return found["id"]


def _post(at, token, title, body) -> dict:
    status, note = _call(
        at["host"],
        "POST",
        "/api/v1/notes",
        token,
        data={"title": title, "body": body},
        files={"images": ("pot.jpg", _jpeg(), "image/jpeg")},
    )
    assert status == 201, note
    return note


def _arrived(at, token, actor_id, title) -> dict:
    def find():
        items = _call(at["host"], "GET", f"/api/v1/federation/actors/{actor_id}/notes", token)[1]
        return next((n for n in items["items"] if title in n["text"]), None)

    return _until(f"{title!r} to reach {at['host']}", find)


def _elsewhere(at, token, note_id) -> list:
    status, page = _call(at["host"], "GET", f"/api/v1/notes/{note_id}/comments", token)
    assert status == 200, page
    return page["elsewhere"]


def test_replies_travel_both_ways_as_comments(pair):
    a, b = pair
    mia = a["facts"]["mia_ms"]["token"]  # on A
    lin = b["facts"]["lin_sh"]["token"]  # on B
    lin_at_a = _follow(a, mia, f"@lin_sh@{b['host']}")
    mia_at_b = _follow(b, lin, f"@mia_ms@{a['host']}")

    # Lin posts on B; Mia comments on it from A; the comment shows under Lin's note on B.
    lins = _post(b, lin, "Hotpot night", "Spicy broth with friends")
    arrived = _arrived(a, mia, lin_at_a, "Hotpot night")
    status, made = _call(
        a["host"],
        "POST",
        f"/api/v1/federation/notes/{arrived['id']}/comments",
        mia,
        {"body": "Save me a seat <b>please</b>"},
    )
    assert status == 201, made
    shown = _until("Mia's comment under Lin's note on B", lambda: _elsewhere(b, lin, lins["id"]))
    assert shown[0]["author_address"] == f"@mia_ms@{a['host']}"
    assert "Save me a seat" in shown[0]["text"] and "<b>" not in shown[0]["content"]
    assert _call(b["host"], "GET", f"/api/v1/notes/{lins['id']}", lin)[1]["comment_count"] == 1
    page = urllib.request.urlopen(f"http://{b['host']}/notes/{lins['id']}/").read().decode()  # noqa: S310
    assert "Save me a seat" in page and 'data-testid="comment-elsewhere"' in page

    # Lin comments under her own note on B: it reaches the thread on A (Mia follows Lin).
    status, _comment = _call(
        b["host"], "POST", f"/api/v1/notes/{lins['id']}/comments", lin, {"body": "Of course!"}
    )
    assert status == 201
    thread = _until(
        "Lin's comment in the thread on A",
        lambda: [
            c
            for c in _call(
                a["host"], "GET", f"/api/v1/federation/notes/{arrived['id']}/comments", mia
            )[1]
            if c["kind"] == "remote"
        ],
    )
    assert "Of course!" in thread[0]["body"]

    # Mia posts on A; Lin replies on B; the reply shows under Mia's note on A.
    mias = _post(a, mia, "Cat on the sofa", "Sleepy afternoon")
    at_b = _arrived(b, lin, mia_at_b, "Cat on the sofa")
    status, reply = _call(
        b["host"],
        "POST",
        f"/api/v1/federation/notes/{at_b['id']}/comments",
        lin,
        {"body": "好可爱的猫"},
    )
    assert status == 201, reply
    shown = _until("Lin's reply under Mia's note on A", lambda: _elsewhere(a, mia, mias["id"]))
    assert shown[0]["author_address"] == f"@lin_sh@{b['host']}" and shown[0]["text"] == "好可爱的猫"
    assert shown[0]["author_url"].startswith("/elsewhere/people/")
    status, told = _call(a["host"], "GET", "/api/v1/notifications", mia)
    assert status == 200
    assert any(
        n["verb"] == "comment" and n["actor"] is None and n["note_id"] == mias["id"]
        for n in told["items"]
    ), told

    # Lin deletes her reply on B: it is gone from A and Mia's note counts none.
    status, _body = _call(b["host"], "DELETE", f"/api/v1/federation/replies/{reply['id']}", lin)
    assert status == 204
    _until("the reply to be gone from A", lambda: _elsewhere(a, mia, mias["id"]) == [])
    assert _call(a["host"], "GET", f"/api/v1/notes/{mias['id']}", mia)[1]["comment_count"] == 0
