"""Personal information in a post: phone numbers, email addresses and ID numbers.

Used to warn authors before they publish their own (or someone else's) contact details
(DESIGN.md §5). Phone numbers are found by libphonenumber's matcher (valid numbers only) in the
author's region, China and the US; Chinese resident ID numbers must pass the ISO 7064 MOD 11-2
check and carry a real birth date; US SSNs must be in an issuable range. Spans point into the
original text; the detail names the kind of information, never the value.
"""

import re
from datetime import UTC, date, datetime

import phonenumbers

from crossnote.moderation.categories import PRIVATE_INFO
from crossnote.moderation.detectors.base import Signal, Span, TextDetector

PHONE_REGIONS = ("CN", "US")  # tried after the author's own region

# Full-width ASCII (０-９, ＠, Ｘ ...) → ASCII, one character for one, so offsets still hold.
FOLD_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}

# Possessive quantifiers (Python 3.11) leave nothing to backtrack into inside a part; only the
# count of domain labels (at most 8) may be retried, so "a@b.com." ends before its full stop.
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])"
    r"[A-Za-z0-9._%+-]{1,64}+@"
    r"(?:[A-Za-z0-9][A-Za-z0-9-]{0,61}+\.){1,8}"
    r"[A-Za-z]{2,24}+(?![A-Za-z0-9_-])"
)
CN_ID = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
US_SSN = re.compile(r"(?<![0-9-])([0-9]{3})-([0-9]{2})-([0-9]{4})(?![0-9-])")
CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CN_ID_CHECK = "10X98765432"  # GB 11643-1999: ISO 7064 MOD 11-2 check character by remainder


class PiiDetector(TextDetector):
    """Finds contact details and ID numbers; one Signal per kind found, with every span."""

    name = "pii"

    def detect(self, text: str, *, language: str = "", region: str = "") -> list[Signal]:
        """Signals (category private_info, score 1.0) for emails, ID numbers and phone numbers."""
        folded = text.translate(FOLD_WIDTH)
        found: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        taken: list[tuple[int, int]] = []
        # Order matters: a phone number inside an email (13812345678@163.com) is the email.
        for rule, detail, spans in (
            ("pii:email", "email address", email_spans(folded)),
            ("pii:cn_id", "ID number", cn_id_spans(folded)),
            ("pii:us_ssn", "ID number", ssn_spans(folded)),
            ("pii:phone", "phone number", phone_spans(text, region)),
        ):
            fresh = [span for span in spans if not any(_overlap(span, t) for t in taken)]
            if fresh:
                taken += fresh
                found[rule] = (detail, fresh)
        return [
            Signal(
                layer="pii",
                category=PRIVATE_INFO,
                score=1.0,
                rule=rule,
                spans=[Span(start, end, text[start:end]) for start, end in spans],
                detail=detail,
            )
            for rule, (detail, spans) in found.items()
        ]


def email_spans(text: str) -> list[tuple[int, int]]:
    """Where email addresses are."""
    return [match.span() for match in EMAIL.finditer(text)]


def cn_id_spans(text: str) -> list[tuple[int, int]]:
    """Where valid 18-character Chinese resident ID numbers are (checksum and birth date)."""
    return [match.span() for match in CN_ID.finditer(text) if is_cn_id(match.group())]


def is_cn_id(number: str) -> bool:
    """An 18-character resident ID with a real birth date and the right check character."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= datetime.now(UTC).year:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number, CN_ID_WEIGHTS, strict=False))
    return CN_ID_CHECK[total % 11] == number[17].upper()


def ssn_spans(text: str) -> list[tuple[int, int]]:
    """Where US Social Security numbers in an issuable range are (ddd-dd-dddd)."""
    return [match.span() for match in US_SSN.finditer(text) if is_ssn(*match.groups())]


def is_ssn(area: str, group: str, serial: str) -> bool:
    """SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def phone_spans(text: str, region: str = "") -> list[tuple[int, int]]:
    """Where valid phone numbers are, read with the author's region and then CN and US."""
    spans: list[tuple[int, int]] = []
    regions = dict.fromkeys(r for r in (region.upper(), *PHONE_REGIONS) if r)
    for default_region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, default_region):
            span = (match.start, match.end)
            if not any(_overlap(span, seen) for seen in spans):
                spans.append(span)
    return sorted(spans)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
