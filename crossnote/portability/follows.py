"""Follows and blocks in Mastodon's CSV format (Settings → Import and export on Mastodon).

`following_accounts.csv` has a header `Account address,Show boosts,Notify on new posts,Languages`
and one `user@domain` per row; `blocked_accounts.csv` is one address per line, no header.
On import, an address on this instance (its domain, or a bare username) is followed or blocked
at once through crossnote.social; an address elsewhere is handed to federation through the
REMOTE_FOLLOW_REQUESTED / REMOTE_BLOCK_REQUESTED hooks (a handler returns True when it takes the
request; none answering means federation is off on this server).
"""

import csv
import io
import re
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.core.errors import DomainError, InvalidInput, PayloadTooLarge
from crossnote.social import services as social
from crossnote.social.models import Block, Follow

FOLLOWING_HEADER = ["Account address", "Show boosts", "Notify on new posts", "Languages"]
CSV_MAX_BYTES = 2 * 1024 * 1024
CSV_MAX_ROWS = 20_000
ADDRESS_RE = re.compile(
    r"^@?(?P<user>[A-Za-z0-9_.\-]{1,64})(?:@(?P<domain>[A-Za-z0-9.\-:]{1,253}))?$"
)


def local_domain(request=None) -> str:
    """This instance's domain: CROSSNOTE_FEDERATION_DOMAIN when set, else the request's host."""
    domain = getattr(settings, "CROSSNOTE_FEDERATION_DOMAIN", "") or ""
    if not domain and request is not None:
        domain = request.get_host()
    return (domain or "localhost").lower()


def _address(user: User, domain: str) -> str:
    return f"{user.username}@{domain}"


def export_following(*, user: User, domain: str) -> str:
    """following_accounts.csv of the people `user` follows here."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FOLLOWING_HEADER)
    follows = Follow.objects.filter(follower=user).select_related("followee").order_by("pk")
    for follow in follows:
        writer.writerow([_address(follow.followee, domain), "true", "false", ""])
    return out.getvalue()


def export_blocks(*, user: User, domain: str) -> str:
    """blocked_accounts.csv: one address per line."""
    blocks = Block.objects.filter(blocker=user).select_related("blocked").order_by("pk")
    return "".join(f"{_address(b.blocked, domain)}\n" for b in blocks)


@dataclass
class CsvResult:
    """What an import of follows or blocks did."""

    kind: str
    local: int = 0  # followed or blocked here, now
    already: int = 0  # already followed or blocked
    remote_sent: int = 0  # handed to federation
    remote_unsent: int = 0  # on another server, and federation is off here
    unknown: int = 0  # not an address, or no such person here
    problems: list[dict] = field(default_factory=list)

    @property
    def federation_off(self) -> bool:
        return self.remote_unsent > 0

    def as_dict(self) -> dict:
        return {**asdict(self), "federation_off": self.federation_off}


def read_addresses(data: bytes) -> list[str]:
    """The first column of each row, without Mastodon's header; bad encodings refused."""
    if len(data) > CSV_MAX_BYTES:
        raise PayloadTooLarge(
            _("The file is larger than %(n)d MB.") % {"n": CSV_MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("The file is not UTF-8 text (a CSV file)."), field="file") from exc
    if "\x00" in text:
        raise InvalidInput(_("The file is not UTF-8 text (a CSV file)."), field="file")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise InvalidInput(_("The file is not a CSV file."), field="file") from exc
    if len(rows) > CSV_MAX_ROWS:
        raise PayloadTooLarge(
            _("The file has more than %(n)d rows.") % {"n": CSV_MAX_ROWS}, field="file"
        )
    addresses = [row[0].strip() for row in rows if row and row[0].strip()]
    if addresses and addresses[0].lower() == FOLLOWING_HEADER[0].lower():
        addresses = addresses[1:]
    return addresses


def import_addresses(*, user: User, kind: str, data: bytes, domain: str) -> CsvResult:
    """Follow (kind "follows") or block (kind "blocks") every address in a Mastodon CSV."""
    if kind not in ("follows", "blocks"):
        raise InvalidInput(_("Kind must be follows or blocks."), field="kind")
    result = CsvResult(kind=kind)
    seen = set()
    for address in read_addresses(data):
        key = address.lower().lstrip("@")
        if key in seen:
            continue
        seen.add(key)
        _one(user, kind, address, domain, result)
    return result


def _one(user: User, kind: str, address: str, domain: str, result: CsvResult) -> None:
    match = ADDRESS_RE.match(address)
    if not match:
        result.unknown += 1
        result.problems.append({"item": address[:100], "reason": _("not an account address")})
        return
    name, where = match.group("user"), (match.group("domain") or "").lower()
    if where and where != domain:
        remote = f"{name}@{where}"
        if kind == "follows":
            taken = hooks.collect(hooks.REMOTE_FOLLOW_REQUESTED, user=user, address=remote)
        else:
            taken = hooks.collect(hooks.REMOTE_BLOCK_REQUESTED, user=user, address=remote)
        if any(answer is True for answer in taken):
            result.remote_sent += 1
        else:
            result.remote_unsent += 1
        return
    other = User.objects.filter(username__iexact=name, is_active=True).first()
    if other is None:
        result.unknown += 1
        result.problems.append({"item": address[:100], "reason": _("no such person here")})
        return
    try:
        if kind == "follows":
            made = social.follow_user(follower=user, followee=other)
        else:
            made = social.block_user(blocker=user, blocked=other)
    except DomainError as exc:
        result.unknown += 1
        result.problems.append({"item": address[:100], "reason": exc.message})
        return
    if made:
        result.local += 1
    else:
        result.already += 1
