"""Reading archives safely, and turning Instagram and Mastodon/Pixelfed exports into posts.

Nothing in an archive is extracted to disk: members are read by name, each through a bounded
read, so a header that lies about sizes cannot fill memory. Before any post is read the whole
directory is checked: the number of entries, the total uncompressed size, each entry's
compression ratio (zip bombs), names that climb out of the archive or are absolute (path
traversal), and symbolic links (skipped, reported). A refusal here is a hard failure: nothing
is stored.
"""

import html
import json
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMedia

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic")
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv", ".3gp")
JSON_MAX_BYTES = 64 * 1024 * 1024
# Entries too small to matter are not held to the ratio (an all-zero 1 KB file compresses 1000x).
RATIO_FLOOR_BYTES = 1024 * 1024


@dataclass
class Media:
    """One photo (or video) a post names, by its name inside the archive ("" when missing)."""

    name: str
    alt_text: str = ""
    is_video: bool = False
    label: str = ""  # how the person would recognise it in a report (the archive's own path)


@dataclass
class Post:
    """One post read from an archive, ready to become a draft note."""

    source_id: str
    text: str = ""
    created_at: datetime | None = None
    media: list[Media] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    content_warning: str = ""
    visibility: str = "public"
    skip_reason: str = ""  # set when the post cannot become a note at all


@dataclass
class Archive:
    """A checked ZIP: its member names and the symbolic links that were left out."""

    zip: zipfile.ZipFile
    names: set[str]
    skipped: list[dict]

    def read(self, name: str, limit: int) -> bytes:
        """A member's bytes, at most `limit` (PayloadTooLarge beyond: the header may lie)."""
        with self.zip.open(name) as member:
            data = member.read(limit + 1)
        if len(data) > limit:
            raise PayloadTooLarge(
                _("%(name)s is larger than the limit.") % {"name": name}, field="file"
            )
        return data

    def read_json(self, name: str):
        try:
            return json.loads(self.read(name, JSON_MAX_BYTES).decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInput(
                _("%(name)s in the archive is not valid JSON (%(why)s).")
                % {"name": name, "why": str(exc)[:120]},
                field="file",
            ) from exc


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    return any(part == ".." for part in name.split("/"))


def open_archive(path) -> Archive:
    """Open and check a ZIP; raise a DomainError saying why a hostile or broken one is refused."""
    if not zipfile.is_zipfile(path):
        raise UnsupportedMedia(_("This file is not a ZIP archive."), field="file")
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedMedia(_("This ZIP archive is damaged."), field="file") from exc
    if len(infos) > settings.CROSSNOTE_IMPORT_MAX_ENTRIES:
        raise PayloadTooLarge(
            _("The archive has %(n)d files; at most %(max)d are read.")
            % {"n": len(infos), "max": settings.CROSSNOTE_IMPORT_MAX_ENTRIES},
            field="file",
        )
    total = sum(info.file_size for info in infos)
    if total > settings.CROSSNOTE_IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise PayloadTooLarge(
            _("The archive unpacks to %(size)d MB; the limit is %(max)d MB.")
            % {
                "size": total // (1024 * 1024),
                "max": settings.CROSSNOTE_IMPORT_MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
            },
            field="file",
        )
    names, skipped = set(), []
    for info in infos:
        if _unsafe_name(info.filename):
            raise InvalidInput(
                _("The archive holds a file named %(name)s, outside the archive; refused.")
                % {"name": repr(info.filename[:100])},
                field="file",
            )
        ratio_limit = settings.CROSSNOTE_IMPORT_MAX_RATIO
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > ratio_limit * max(
            info.compress_size, 1
        ):
            raise PayloadTooLarge(
                _("%(name)s unpacks to more than %(max)d times its packed size (a zip bomb?).")
                % {"name": info.filename[:100], "max": ratio_limit},
                field="file",
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            skipped.append({"item": info.filename, "reason": _("a symbolic link; skipped")})
            continue
        if not info.is_dir():
            names.add(info.filename)
    return Archive(zip=archive, names=names, skipped=skipped)


# --- text ------------------------------------------------------------------------------------


def fix_mojibake(text: str) -> str:
    """Instagram writes UTF-8 captions as if each byte were a Latin-1 character ("cafÃ©" for
    "café", "ð\x9f\x90\xb1" for 🐱); undo that when the text reads back as valid UTF-8."""
    if not text or all(ord(c) < 128 for c in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


class _TextOf(HTMLParser):
    """Mastodon's status HTML as plain text: paragraphs and line breaks kept, tags dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "span" and "invisible" in classes.split():
            self.hidden += 1  # Mastodon hides the scheme and the tail of long links this way
        elif self.hidden:
            self.hidden += 1 if tag == "span" else 0
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "span" and self.hidden:
            self.hidden -= 1
        if tag == "p":
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOf()
    parser.feed(markup or "")
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _timestamp(value) -> datetime | None:
    if isinstance(value, int | float) and value > 0:
        return datetime.fromtimestamp(value, tz=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _media_kind(name: str, media_type: str = "") -> bool:
    """True when the file is a video."""
    return media_type.startswith("video/") or name.lower().endswith(VIDEO_SUFFIXES)


# --- Instagram -------------------------------------------------------------------------------

_INSTAGRAM_POSTS = re.compile(
    r"^(?P<root>(?:.*/)?)(?:your_instagram_activity/)?content/posts_\d+\.json$"
)


def _resolve(archive: Archive, root: str, uri: str) -> str:
    """The member a media path names: as written, under the export's root folder, or (a
    renamed folder) the one member ending with it; "" when the archive lacks it."""
    uri = unquote(str(uri or "")).lstrip("/")
    for candidate in (uri, root + uri):
        if candidate in archive.names:
            return candidate
    if uri:
        ends = [n for n in archive.names if n.endswith("/" + uri)]
        if len(ends) == 1:
            return ends[0]
    return ""


def instagram_posts(archive: Archive) -> list[Post]:
    """Posts of an Instagram export (JSON format): every content/posts_N.json, old and new layout."""
    files = sorted(n for n in archive.names if _INSTAGRAM_POSTS.match(n))
    if not files:
        raise InvalidInput(
            _(
                "No posts found: an Instagram export (JSON format) has "
                "your_instagram_activity/content/posts_1.json."
            ),
            field="file",
        )
    posts = []
    for name in files:
        match = _INSTAGRAM_POSTS.match(name)
        assert match is not None  # `files` holds only names this pattern matched
        root = match.group("root")
        data = archive.read_json(name)
        if isinstance(data, dict):  # some exports wrap the list
            data = next((v for v in data.values() if isinstance(v, list)), [])
        if not isinstance(data, list):
            raise InvalidInput(_("%(name)s is not a list of posts.") % {"name": name}, field="file")
        for index, item in enumerate(data):
            posts.append(_instagram_post(archive, root, f"{name}#{index}", item))
    return posts


def _instagram_post(archive: Archive, root: str, source_id: str, item) -> Post:
    post = Post(source_id=source_id)
    if not isinstance(item, dict):
        post.skip_reason = _("not a post")
        return post
    media = [m for m in item.get("media") or [] if isinstance(m, dict)]
    caption = item.get("title") or next((m.get("title") for m in media if m.get("title")), "")
    post.text = fix_mojibake(str(caption or "")).strip()
    post.created_at = _timestamp(item.get("creation_timestamp")) or next(
        (_timestamp(m.get("creation_timestamp")) for m in media if m.get("creation_timestamp")),
        None,
    )
    for entry in media:
        uri = str(entry.get("uri") or "")
        post.media.append(
            Media(
                name=_resolve(archive, root, uri),
                is_video=_media_kind(uri),
                label=uri or _("(no file named)"),
            )
        )
    return post


# --- Mastodon / Pixelfed ----------------------------------------------------------------------

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _visibility(obj: dict) -> str:
    to = obj.get("to") or []
    cc = obj.get("cc") or []
    to, cc = ([to] if isinstance(to, str) else to), ([cc] if isinstance(cc, str) else cc)
    if PUBLIC in to or PUBLIC in cc or "as:Public" in to + cc:
        return "public"
    if any(str(a).endswith("/followers") for a in to + cc):
        return "followers"
    return "private"


def _attachment_name(archive: Archive, url: str) -> str:
    """Mastodon writes `/media_attachments/files/...`, Pixelfed may write a full URL: the member
    is found by the URL's path, or by its tail when the archive keeps fewer folders."""
    path = urlparse(str(url or "")).path if "://" in str(url or "") else str(url or "")
    path = unquote(path).lstrip("/")
    if path in archive.names:
        return path
    parts = path.split("/")
    for start in range(1, len(parts)):
        tail = "/".join(parts[start:])
        ends = [n for n in archive.names if n == tail or n.endswith("/" + tail)]
        if len(ends) == 1:
            return ends[0]
    return ""


def mastodon_posts(archive: Archive) -> list[Post]:
    """Posts of a Mastodon or Pixelfed archive: the Create activities of outbox.json."""
    outbox = next(
        (n for n in sorted(archive.names, key=len) if posixpath.basename(n) == "outbox.json"), ""
    )
    if not outbox:
        raise InvalidInput(
            _("No outbox.json found: a Mastodon or Pixelfed archive has one at its top."),
            field="file",
        )
    data = archive.read_json(outbox)
    items = data.get("orderedItems") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InvalidInput(
            _("outbox.json is not an ActivityStreams collection (no orderedItems)."),
            field="file",
        )
    posts = []
    for index, activity in enumerate(items):
        post = _mastodon_post(archive, index, activity)
        if post is not None:
            posts.append(post)
    return posts


def _mastodon_post(archive: Archive, index: int, activity) -> Post | None:
    if not isinstance(activity, dict):
        return Post(source_id=f"outbox#{index}", skip_reason=_("not an activity"))
    kind = activity.get("type")
    if kind == "Announce":
        return None  # a boost is someone else's post
    obj = activity.get("object")
    post = Post(source_id=str(activity.get("id") or f"outbox#{index}"))
    if kind != "Create" or not isinstance(obj, dict):
        post.skip_reason = _("not a post (%(type)s)") % {"type": str(kind)[:30]}
        return post
    post.source_id = str(obj.get("id") or post.source_id)
    post.text = html_to_text(str(obj.get("content") or ""))
    post.created_at = _timestamp(obj.get("published") or activity.get("published"))
    post.visibility = _visibility(obj)
    if obj.get("sensitive") or obj.get("summary"):
        post.content_warning = str(obj.get("summary") or _("Sensitive content"))[:200]
    post.topics = [
        str(tag.get("name") or "")
        for tag in obj.get("tag") or []
        if isinstance(tag, dict) and tag.get("type") == "Hashtag"
    ]
    for attachment in obj.get("attachment") or []:
        if not isinstance(attachment, dict):
            continue
        url = str(attachment.get("url") or "")
        if isinstance(attachment.get("url"), list):  # Pixelfed may give a list of links
            url = str((attachment["url"][0] or {}).get("href", "")) if attachment["url"] else ""
        post.media.append(
            Media(
                name=_attachment_name(archive, url),
                alt_text=html.unescape(str(attachment.get("name") or "")),
                is_video=_media_kind(url, str(attachment.get("mediaType") or "")),
                label=url or _("(no file named)"),
            )
        )
    return post
