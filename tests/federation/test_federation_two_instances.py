"""Two real Crossnote instances on loopback (two `crossnote serve` processes, separate SQLite
databases and media folders) federating over real HTTP with real HTTP signatures: Mia on A looks
Lin on B up and follows her, B accepts, Lin posts and Mia sees the note; Mia likes it and B counts
the like; Lin deletes it and it is gone from A; Mia blocks Lin (Block and Undo of her follow
reach B: neither follows the other) and unblocks her; a domain block on A refuses B's
activities."""

import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from PIL import Image

from tests.served import ROOT, free_ports, make_world, stop, wait_until_up

pytestmark = pytest.mark.slow


def _start(env: dict, port: int, log):
    env = {
        **env,
        "CROSSNOTE_FEDERATION_DOMAIN": f"127.0.0.1:{port}",
        "CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK": "true",
        "CROSSNOTE_SCHEDULER": "false",
        "CROSSNOTE_RATE_LIMITS_ENABLED": "false",
    }
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
            [sys.executable, "-m", "crossnote.cli", "serve", "--port", str(port), "--workers", "1"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    host = f"127.0.0.1:{port}"
    wait_until_up(server, host, log)
    return server, host, env


def _call(host, method, path, token, data=None, files=None):
    headers = {"Authorization": f"Bearer {token}"}
    body = None
    if files is not None:
        boundary = "----crossnote-test"
        parts = []
        for name, value in (data or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content, kind) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(f"http://{host}{path}", body, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - local
            raw = answer.read()
            return answer.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def _get_ap(url):
    request = urllib.request.Request(url, headers={"Accept": "application/activity+json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - local
        return json.loads(answer.read())


def _until(what, check, seconds=60.0):
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.3)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def two_instances(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    env_a, facts_a = make_world(tmp_path / "a")
    env_b, facts_b = make_world(tmp_path / "b")
    port_a, port_b = free_ports(2)
    servers = []
    try:
        server_a, host_a, env_a = _start(env_a, port_a, tmp_path / "a.log")
        servers.append(server_a)
        server_b, host_b, env_b = _start(env_b, port_b, tmp_path / "b.log")
        servers.append(server_b)
        yield {
            "a": {"host": host_a, "env": env_a, "facts": facts_a, "log": tmp_path / "a.log"},
            "b": {"host": host_b, "env": env_b, "facts": facts_b, "log": tmp_path / "b.log"},
        }
    finally:
        for server in servers:
            stop(server)


def test_two_instances_follow_post_like_delete_and_block_over_signed_http(two_instances):
    a, b = two_instances["a"], two_instances["b"]
    mia = a["facts"]["mia_ms"]["token"]  # on A
    lin = b["facts"]["lin_sh"]["token"]  # on B

    # Discovery on B answers for Lin.
    finger = json.loads(
        urllib.request.urlopen(  # noqa: S310 - local
            f"http://{b['host']}/.well-known/webfinger?resource=acct:lin_sh@{b['host']}"
        ).read()
    )
    actor_uri = next(link["href"] for link in finger["links"] if link["rel"] == "self")
    assert actor_uri == f"http://{b['host']}/ap/users/lin_sh"
    person = _get_ap(actor_uri)
    assert person["type"] == "Person" and "BEGIN PUBLIC KEY" in person["publicKey"]["publicKeyPem"]
    followers_before = _get_ap(person["followers"])["totalItems"]

    # Mia on A looks Lin up and follows her; B accepts (signed Follow, signed Accept back).
    status, found = _call(
        a["host"], "POST", "/api/v1/federation/lookup", mia, {"address": f"@lin_sh@{b['host']}"}
    )
    assert status == 200, found
    assert found["uri"] == actor_uri and found["follow_state"] is None
    remote_id = found["id"]
    status, body = _call(a["host"], "POST", f"/api/v1/federation/actors/{remote_id}/follow", mia)
    assert (status, body["state"]) == (200, "pending")
    _until(
        "B's Accept to reach A",
        lambda: (
            _call(a["host"], "GET", f"/api/v1/federation/actors/{remote_id}", mia)[1][
                "follow_state"
            ]
            == "accepted"
        ),
    )
    assert _get_ap(person["followers"])["totalItems"] == followers_before + 1

    # Lin posts on B; the note reaches Mia on A.
    status, note = _call(
        b["host"],
        "POST",
        "/api/v1/notes",
        lin,
        data={
            "title": "Hotpot night",
            "body": "Spicy broth with friends #hotpot",
            "alt_texts": "A red pot",
        },
        files={"images": ("pot.jpg", _jpeg(), "image/jpeg")},
    )
    assert status == 201, note
    notes = _until(
        "the note to reach A",
        lambda: _call(a["host"], "GET", f"/api/v1/federation/actors/{remote_id}/notes", mia)[1][
            "items"
        ],
    )
    assert len(notes) == 1
    arrived = notes[0]
    assert "Hotpot night" in arrived["text"] and "Spicy broth" in arrived["text"]
    assert arrived["uri"] == f"http://{b['host']}/ap/notes/{note['id']}"
    assert arrived["hashtags"] == ["hotpot"]
    assert arrived["attachments"][0]["name"] == "A red pot"

    # Mia likes it; B stores the signed Like against Lin's note.
    status, liked = _call(a["host"], "POST", f"/api/v1/federation/notes/{arrived['id']}/like", mia)
    assert (status, liked["liked"]) == (200, True)
    _until(
        "the Like to reach B",
        lambda: _get_ap(arrived["uri"])["likes"]["totalItems"] == 1,
    )

    # Lin deletes the note on B; it is gone from A.
    status, _body = _call(b["host"], "DELETE", f"/api/v1/notes/{note['id']}", lin)
    assert status == 204
    _until(
        "the Delete to reach A",
        lambda: (
            _call(a["host"], "GET", f"/api/v1/federation/actors/{remote_id}/notes", mia)[1]["items"]
            == []
        ),
    )

    # Lin on B follows Mia on A back; then Mia blocks Lin: neither follows the other any more on
    # either server (a signed Undo of her follow and a Block reach B, and B refuses neither).
    refused_at_b = b["log"].read_text().count("inbox refused")
    status, mia_on_b = _call(
        b["host"], "POST", "/api/v1/federation/lookup", lin, {"address": f"@mia_ms@{a['host']}"}
    )
    assert status == 200, mia_on_b
    mia_at_b = f"/api/v1/federation/actors/{mia_on_b['id']}"
    assert _call(b["host"], "POST", f"{mia_at_b}/follow", lin)[0] == 200
    _until(
        "A's Accept to reach B",
        lambda: _call(b["host"], "GET", mia_at_b, lin)[1]["follow_state"] == "accepted",
    )
    mia_followers = f"http://{a['host']}/ap/users/mia_ms/followers"
    followed_by = _get_ap(mia_followers)["totalItems"]
    lin_at_a = f"/api/v1/federation/actors/{remote_id}"
    status, body = _call(a["host"], "POST", f"{lin_at_a}/block", mia)
    assert (status, body) == (200, {"blocked": True})
    assert _call(a["host"], "GET", lin_at_a, mia)[1]["follow_state"] is None
    assert _get_ap(mia_followers)["totalItems"] == followed_by - 1
    _until(
        "the Block to reach B",
        lambda: _call(b["host"], "GET", mia_at_b, lin)[1]["follow_state"] is None,
    )
    _until(
        "the Undo of Mia's follow to reach B",
        lambda: _get_ap(person["followers"])["totalItems"] == followers_before,
    )
    # Unblocked (an Undo(Block) goes to B), Mia may follow Lin again: B accepts.
    status, body = _call(a["host"], "DELETE", f"{lin_at_a}/block", mia)
    assert (status, body) == (200, {"blocked": False})
    assert _call(a["host"], "POST", f"{lin_at_a}/follow", mia)[0] == 200
    _until(
        "B's Accept of the new follow to reach A",
        lambda: _call(a["host"], "GET", lin_at_a, mia)[1]["follow_state"] == "accepted",
    )
    assert b["log"].read_text().count("inbox refused") == refused_at_b

    # A's operator blocks B's domain: B's next note is refused at A's inbox (and logged).
    subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "crossnote.cli", "federation", "block", b["host"]],
        env=a["env"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    status, note = _call(
        b["host"],
        "POST",
        "/api/v1/notes",
        lin,
        data={"title": "After the block"},
        files={"images": ("pot.jpg", _jpeg(), "image/jpeg")},
    )
    assert status == 201
    _until(
        "A to refuse B's activity",
        lambda: "the actor's server is blocked here" in a["log"].read_text(),
    )
    status, _body = _call(a["host"], "GET", f"/api/v1/federation/actors/{remote_id}/notes", mia)
    assert status == 404
