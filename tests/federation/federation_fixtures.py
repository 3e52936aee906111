"""Federation test helpers: this server as crossnote.example, remote actors shaped like Mastodon's and
Pixelfed's documented JSON with real keys, and a signed POST to an inbox."""

import json
from functools import cache
from http.server import BaseHTTPRequestHandler

from django.test import Client

from crossnote.federation.signatures import new_key_pair, sign_request

DOMAIN = "crossnote.example"


@cache
def key_pair(name: str) -> tuple[str, str]:
    return new_key_pair()


def mastodon_actor(name="alice", host="mastodon.example") -> dict:
    """An actor document as Mastodon serves it (docs.joinmastodon.org/spec/activitypub)."""
    uri = f"https://{host}/users/{name}"
    return {
        "@context": [
            "https://www.w3.org/ns/activitystreams",
            "https://w3id.org/security/v1",
            {"manuallyApprovesFollowers": "as:manuallyApprovesFollowers", "toot": "http://joinmastodon.org/ns#"},
        ],
        "id": uri,
        "type": "Person",
        "following": f"{uri}/following",
        "followers": f"{uri}/followers",
        "inbox": f"{uri}/inbox",
        "outbox": f"{uri}/outbox",
        "featured": f"{uri}/collections/featured",
        "preferredUsername": name,
        "name": f"{name.title()} <script>x</script>",
        "summary": '<p>Cats &amp; coffee <script>alert(1)</script><a href="javascript:alert(1)">x</a></p>',
        "url": f"https://{host}/@{name}",
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "published": "2023-01-01T00:00:00Z",
        "publicKey": {
            "id": f"{uri}#main-key",
            "owner": uri,
            "publicKeyPem": key_pair(f"{name}@{host}")[1],
        },
        "tag": [],
        "attachment": [],
        "endpoints": {"sharedInbox": f"https://{host}/inbox"},
        "icon": {"type": "Image", "mediaType": "image/png", "url": f"https://files.{host}/{name}.png"},
    }  # fmt: skip


def mastodon_note(actor: dict, number=1, content="<p>Hello from Mastodon</p>", **extra) -> dict:
    uri = actor["id"]
    return {
        "id": f"{uri}/statuses/{number}",
        "type": "Note",
        "summary": None,
        "inReplyTo": None,
        "published": "2026-12-01T10:00:00Z",
        "url": f"{actor['url']}/{number}",
        "attributedTo": uri,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": [f"{uri}/followers"],
        "sensitive": False,
        "content": content,
        "contentMap": {"en": content},
        "attachment": [
            {
                "type": "Document",
                "mediaType": "image/jpeg",
                "url": f"https://files.mastodon.example/media/{number}.jpg",
                "name": "A cat on a sofa",
                "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
                "width": 1200,
                "height": 900,
            }
        ],
        "tag": [{"type": "Hashtag", "href": "https://mastodon.example/tags/cats", "name": "#cats"}],
        **extra,
    }


def activity(actor: dict, kind: str, obj, suffix: str = "1") -> dict:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor['id']}#{kind.lower()}s/{suffix}",
        "type": kind,
        "actor": actor["id"],
        "object": obj,
    }


def signed_post(path: str, body: dict | bytes, *, actor: dict, key_owner: str | None = None,
                client: Client | None = None, spoil=None):  # fmt: skip
    """POST `body` to `path` on this server, signed as Mastodon signs (with `actor`'s key)."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    name = key_owner or f"{actor['preferredUsername']}@{actor['id'].split('/')[2]}"
    headers = sign_request(
        method="POST",
        url=f"https://{DOMAIN}{path}",
        body=raw,
        key_id=actor["publicKey"]["id"],
        private_pem=key_pair(name)[0],
    )
    if spoil:
        spoil(headers)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items() if k != "Host"}
    return (client or Client()).post(
        path, raw, content_type="application/activity+json", HTTP_HOST=DOMAIN, **extra
    )


class Recorder(BaseHTTPRequestHandler):
    routes: dict = {}
    seen: list = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        Recorder.seen.append((self.command, self.path, dict(self.headers), body))
        status, headers, content = Recorder.routes.get(self.path, (404, {}, b"{}"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_POST = _answer  # noqa: N815 - http.server's names

    def log_message(self, *args):
        pass
