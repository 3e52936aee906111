"""Search pages by offset under a hard cap (selectors.MAX_RESULTS): results are ranked by score,
not time, so the (created_at, id) cursors of the feeds do not apply. The cursor stays opaque."""

import base64
import binascii

from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput


def encode_offset(offset: int | None) -> str | None:
    if offset is None:
        return None
    return base64.urlsafe_b64encode(f"s{offset}".encode()).decode().rstrip("=")


def decode_offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
        if not raw.startswith("s") or not raw[1:].isdigit():
            raise ValueError(raw)
        return int(raw[1:])
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise InvalidInput(_("The cursor is not valid."), field="cursor") from exc
