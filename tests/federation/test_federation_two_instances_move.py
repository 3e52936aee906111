"""An account move between two real Crossnote instances on loopback (two `crossnote serve`
processes, separate SQLite databases, real HTTP and real signatures): Lin moves from A to her new
account on B. B first names her old account as an alias; A checks that B's actor lists it, marks
her actor `movedTo`, sends a `Move` to her followers on B, and switches her followers on A to a
remote follow of the new account (B accepts). On B, Mia, who followed Lin on A, now follows Lin
on B instead, and Lin can no longer post on A. Then a report crosses: Mia on A reports Lin's
note on B to B's moderators (a Flag from A's instance actor, without Mia's name) and B queues it
for review (its audit log has the comment). Last, Mia on A is erased and B forgets her (a signed
Delete of her actor)."""

import json
import subprocess
import sys

import pytest

from tests.federation.test_federation_two_instances import _call, _get_ap, _jpeg, _start, _until
from tests.served import ROOT, free_ports, make_world, stop

pytestmark = pytest.mark.slow


@pytest.fixture
def instances(tmp_path):
    found, servers = {}, []
    try:
        for name, port in zip("ab", free_ports(2), strict=True):
            (tmp_path / name).mkdir()
            env, facts = make_world(tmp_path / name)
            server, host, env = _start(env, port, tmp_path / f"{name}.log")
            servers.append(server)
            found[name] = {
                "host": host,
                "env": env,
                "facts": facts,
                "log": tmp_path / f"{name}.log",
            }
        yield found
    finally:
        for server in servers:
            stop(server)


def _cli(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "crossnote.cli", "federation", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_two_instances_move_an_account_with_its_followers(instances):
    a, b = instances["a"], instances["b"]
    mia_b, lin_b = b["facts"]["mia_ms"]["token"], b["facts"]["lin_sh"]["token"]
    mia_a = a["facts"]["mia_ms"]["token"]
    old_uri = f"http://{a['host']}/ap/users/lin_sh"
    new_uri = f"http://{b['host']}/ap/users/lin_sh"

    # On B, Mia stops following Lin here and follows Lin on A instead (accepted by A).
    assert _call(b["host"], "DELETE", "/api/v1/users/lin_sh/follow", mia_b)[0] == 200
    status, old = _call(
        b["host"], "POST", "/api/v1/federation/lookup", mia_b, {"address": f"@lin_sh@{a['host']}"}
    )
    assert status == 200 and old["uri"] == old_uri, old
    assert (
        _call(b["host"], "POST", f"/api/v1/federation/actors/{old['id']}/follow", mia_b)[0] == 200
    )
    _until(
        "A's Accept to reach B",
        lambda: (
            _call(b["host"], "GET", f"/api/v1/federation/actors/{old['id']}", mia_b)[1][
                "follow_state"
            ]
            == "accepted"
        ),
    )

    # Without an alias on B, A refuses the move and nothing changes.
    refused = _cli(a["env"], "move", "lin_sh", f"@lin_sh@{b['host']}")
    assert refused.returncode != 0 and "does not name this account" in refused.stderr

    # Lin on B names her account on A as an alias (B's actor now lists it in alsoKnownAs).
    status, alias = _call(
        b["host"], "POST", "/api/v1/federation/moves/aliases", lin_b,
        {"address": f"@lin_sh@{a['host']}"},
    )  # fmt: skip
    assert status == 201 and alias["uri"] == old_uri, alias
    assert _get_ap(new_uri)["alsoKnownAs"] == [old_uri]

    # A's operator moves Lin to B (Mia on A follows Lin there: a local follower).
    moved = _cli(a["env"], "move", "lin_sh", f"@lin_sh@{b['host']}")
    assert moved.returncode == 0, moved.stderr
    assert "1 followers here switched, 1 servers told" in moved.stdout
    assert _get_ap(old_uri)["movedTo"] == new_uri

    # On B: Mia follows Lin here, and no longer Lin on A.
    _until(
        "the Move to switch Mia's follow on B",
        lambda: _call(b["host"], "GET", "/api/v1/users/lin_sh", mia_b)[1].get("is_following"),
    )
    assert (
        _call(b["host"], "GET", f"/api/v1/federation/actors/{old['id']}", mia_b)[1]["follow_state"]
        is None
    )
    # On A: Mia, who followed Lin here, follows her new account on B (B accepted).
    status, new = _call(
        a["host"], "POST", "/api/v1/federation/lookup", mia_a, {"address": f"@lin_sh@{b['host']}"}
    )
    assert status == 200 and new["uri"] == new_uri
    _until(
        "B's Accept of Mia's follow from A",
        lambda: (
            _call(a["host"], "GET", f"/api/v1/federation/actors/{new['id']}", mia_a)[1][
                "follow_state"
            ]
            == "accepted"
        ),
    )
    # Lin on A can no longer post there.
    status, body = _call(
        a["host"], "POST", "/api/v1/notes", a["facts"]["lin_sh"]["token"],
        data={"title": "Still here"}, files={"images": ("x.jpg", _jpeg(), "image/jpeg")},
    )  # fmt: skip
    assert status == 403 and "moved to" in body["detail"], body
    # B kept the Move (the cooldown's record), and says so to its operator.
    listed = _cli(b["env"], "moves")
    assert old_uri in listed.stdout and "1 followers" in listed.stdout, json.dumps(listed.stdout)

    # Reports cross too: Lin posts on B; Mia on A reports the note to B's moderators (a Flag
    # from A's instance actor, verified by B against A's /ap/actor key); B queues it for review.
    status, note = _call(
        b["host"], "POST", "/api/v1/notes", lin_b,
        data={"title": "Hello from my new home"}, files={"images": ("x.jpg", _jpeg(), "image/jpeg")},
    )  # fmt: skip
    assert status == 201, note
    arrived = _until(
        "Lin's note on B to reach A",
        lambda: _call(a["host"], "GET", f"/api/v1/federation/actors/{new['id']}/notes", mia_a)[1][
            "items"
        ],
    )
    status, sent = _call(
        a["host"], "POST", f"/api/v1/federation/notes/{arrived[0]['id']}/report", mia_a,
        {"comment": "Testing reports across servers"},
    )  # fmt: skip
    assert (status, sent["sent_to"]) == (202, b["host"]), sent

    def audit_of(env) -> str:
        done = subprocess.run(  # noqa: S603 - our own CLI
            [sys.executable, "-m", "crossnote.cli", "moderation", "audit"],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout

    received = _until(
        "B to queue A's report",
        lambda: "federation.flag_received" in audit_of(b["env"]) and audit_of(b["env"]),
    )
    assert f"note:{note['id']}" in received and "Testing reports across servers" in received
    assert "mia_ms" not in received.split("federation.flag_received", 1)[1]  # anonymous there
    assert "federation.flag_sent" in audit_of(a["env"])

    # Mia on A is erased: A sends a signed Delete of her actor, and B forgets her (she no
    # longer counts among Lin's followers there).
    followers = _get_ap(f"{new_uri}/followers")["totalItems"]
    erased = subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "crossnote.cli", "privacy", "erase", "mia_ms", "--now"],
        env=a["env"], cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert erased.returncode == 0, erased.stderr
    _until(
        "B to forget the erased Mia",
        lambda: _get_ap(f"{new_uri}/followers")["totalItems"] == followers - 1,
    )
