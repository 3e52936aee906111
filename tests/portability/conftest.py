"""Portability fixtures: archives built here the way Instagram, Mastodon and Pixelfed write them
(JPEGs with GPS in their EXIF, mojibake captions, an ActivityStreams outbox), and hostile ones."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import gps_jpeg, image_bytes


@pytest.fixture(autouse=True)
def _tmp_imports(settings, tmp_path):
    """Uploaded archives wait in a temporary folder."""
    settings.CROSSNOTE_IMPORTS_DIR = tmp_path / "imports"


def mojibake(text: str) -> str:
    """How Instagram's JSON carries UTF-8 text: each byte as a Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


def zip_bytes(files: dict) -> bytes:
    """A ZIP of {name: bytes | str | JSON-able}."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            if isinstance(content, dict | list):
                content = json.dumps(content)
            archive.writestr(name, content)
    return out.getvalue()


def as_upload(data: bytes, name="archive.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/zip")


def instagram_export(*, layout="new", posts=None, extra=None) -> bytes:
    """An Instagram export (JSON format). Default: a two-photo post with an emoji caption and a
    one-photo post whose caption is on the media item (as single-photo posts are written)."""
    folder = "your_instagram_activity/content" if layout == "new" else "content"
    if posts is None:
        posts = [
            {
                "media": [
                    {
                        "uri": "media/posts/202301/cat1.jpg",
                        "creation_timestamp": 1673000000,
                        "title": "",
                    },
                    {"uri": "media/posts/202301/cat2.jpg", "creation_timestamp": 1673000000},
                ],
                "title": mojibake("Mon chat café 🐱\nIl dort toute la journée #cats #猫"),
                "creation_timestamp": 1673000000,
            },
            {
                "media": [
                    {
                        "uri": "media/posts/202205/hotpot.jpg",
                        "creation_timestamp": 1652000000,
                        "title": mojibake("今天的火锅真好吃"),
                    }
                ]
            },
        ]
    files = {
        f"{folder}/posts_1.json": posts,
        "media/posts/202301/cat1.jpg": gps_jpeg(),
        "media/posts/202301/cat2.jpg": gps_jpeg(size=(600, 800)),
        "media/posts/202205/hotpot.jpg": gps_jpeg(size=(640, 640)),
        "personal_information/personal_information.json": {"profile_user": []},
    }
    files.update(extra or {})
    return zip_bytes(files)


def outbox_item(n, *, content, attachments=(), tags=(), summary=None, sensitive=False, public=True):
    base = "https://mastodon.example/users/mia"
    note = {
        "id": f"{base}/statuses/10{n}",
        "type": "Note",
        "summary": summary,
        "inReplyTo": None,
        "published": f"2022-11-0{n}T10:00:00Z",
        "url": f"https://mastodon.example/@mia/10{n}",
        "attributedTo": base,
        "to": ["https://www.w3.org/ns/activitystreams#Public"] if public else [f"{base}/followers"],
        "cc": [f"{base}/followers"] if public else [],
        "sensitive": sensitive,
        "content": content,
        "contentMap": {"en": content},
        "attachment": [
            {
                "type": "Document",
                "mediaType": media_type,
                "url": url,
                "name": alt,
                "blurhash": "UBL_:rOpGG-;~qRjWBkD",
                "width": 800,
                "height": 600,
            }
            for url, alt, media_type in attachments
        ],
        "tag": [
            {"type": "Hashtag", "href": f"https://mastodon.example/tags/{t}", "name": f"#{t}"}
            for t in tags
        ],
        "replies": {"id": f"{base}/statuses/10{n}/replies", "type": "Collection"},
    }
    return {
        "id": f"{base}/statuses/10{n}/activity",
        "type": "Create",
        "actor": base,
        "published": note["published"],
        "to": note["to"],
        "cc": note["cc"],
        "object": note,
    }


def mastodon_archive(items=None, extra=None) -> bytes:
    """A Mastodon archive as Settings → Import and export → Request your archive writes it."""
    media = "/media_attachments/files/109/000/001/original/"
    if items is None:
        items = [
            outbox_item(
                1,
                content='<p>Sunday market in Lyon <a href="https://mastodon.example/tags/food" '
                'class="mention hashtag" rel="tag">#<span>food</span></a><br>so many cheeses</p>'
                '<p>see <a href="https://example.com/a-very-long-path"><span class="invisible">https://</span>'
                '<span class="">example.com/a-very</span><span class="invisible">-long-path</span></a></p>',
                attachments=[
                    (media + "a1.jpg", "A stall piled with round cheeses", "image/jpeg"),
                    (media + "a2.png", "", "image/png"),
                ],
                tags=["food"],
            ),
            outbox_item(
                2,
                content="<p>Spider in the bath</p>",
                attachments=[(media + "b1.jpg", "A large spider", "image/jpeg")],
                summary="spiders",
                sensitive=True,
                public=False,
            ),
            outbox_item(3, content="<p>Just words, no photo</p>"),
            outbox_item(
                4,
                content="<p>A clip</p>",
                attachments=[(media + "c1.mp4", "a clip", "video/mp4")],
            ),
            {
                "id": "https://mastodon.example/users/mia/statuses/105/activity",
                "type": "Announce",
                "actor": "https://mastodon.example/users/mia",
                "object": "https://other.example/notes/1",
            },
        ]
    files = {
        "outbox.json": {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": "outbox.json",
            "type": "OrderedCollection",
            "totalItems": len(items),
            "orderedItems": items,
        },
        "actor.json": {
            "type": "Person",
            "id": "https://mastodon.example/users/mia",
            "preferredUsername": "mia",
        },
        "likes.json": {"type": "OrderedCollection", "orderedItems": []},
        "media_attachments/files/109/000/001/original/a1.jpg": gps_jpeg(),
        "media_attachments/files/109/000/001/original/a2.png": image_bytes("PNG", (300, 200)),
        "media_attachments/files/109/000/001/original/b1.jpg": gps_jpeg(size=(500, 500)),
        "media_attachments/files/109/000/001/original/c1.mp4": b"\x00\x00\x00\x18ftypmp42"
        + b"\x00" * 100,
    }
    files.update(extra or {})
    return zip_bytes(files)


@pytest.fixture
def run_import(client_for, django_capture_on_commit_callbacks):
    """`run_import(user, data, kind)`: upload through the API (tasks run inline in tests) and
    return the import's JSON as the API reports it afterwards."""

    def run(user, data: bytes, kind="instagram", status=202):
        client = client_for(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/v1/imports", {"kind": kind, "file": as_upload(data)})
        assert response.status_code == status, response.content
        if status != 202:
            return response.json()
        return client.get(f"/api/v1/imports/{response.json()['id']}").json()

    return run


@pytest.fixture
def marker():
    """A string that appears nowhere but in the person's own data."""
    import secrets

    return f"zq{secrets.token_hex(5)}"
