"""HTTP signatures: what we sign verifies (draft-cavage as Mastodon sends it, and RFC 9421), and
every way a signature can be wrong is refused with its reason."""

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest

from crossnote.federation.signatures import (
    SignatureRefused,
    new_key_pair,
    sign_request,
    sign_request_rfc9421,
    verify_request,
)

URL = "https://crossnote.example/ap/users/lin/inbox"
KEY_ID = "https://mastodon.example/users/alice#main-key"
BODY = (
    b'{"@context":"https://www.w3.org/ns/activitystreams",'
    b'"id":"https://mastodon.example/users/alice#follows/1","type":"Follow",'
    b'"actor":"https://mastodon.example/users/alice",'
    b'"object":"https://crossnote.example/ap/users/lin"}'
)


@cache
def keys():
    return new_key_pair()


@cache
def other_keys():
    return new_key_pair()


def lookup(key_id):
    assert key_id == KEY_ID
    return keys()[1]


def verify(headers, *, body=BODY, url=URL, method="POST", now=None, window=3600):
    return verify_request(
        method=method, url=url, headers=headers, body=body, public_key=lookup, window=window,
        now=now,
    )  # fmt: skip


def cavage(body=BODY, when=None, private=None):
    return sign_request(
        method="POST", url=URL, body=body, key_id=KEY_ID, private_pem=private or keys()[0],
        when=when,
    )  # fmt: skip


def test_a_cavage_signature_like_mastodons_verifies():
    headers = cavage()
    assert headers["Host"] == "crossnote.example"
    assert (
        headers["Digest"] == "SHA-256=" + base64.b64encode(hashlib.sha256(BODY).digest()).decode()
    )
    assert 'headers="(request-target) host date digest"' in headers["Signature"]
    assert 'algorithm="rsa-sha256"' in headers["Signature"]
    verified = verify(headers)
    assert verified.key_id == KEY_ID and verified.scheme == "cavage"


def test_hs2019_as_newer_mastodon_labels_it_verifies():
    headers = cavage()
    headers["Signature"] = headers["Signature"].replace(
        'algorithm="rsa-sha256"', 'algorithm="hs2019"'
    )
    assert verify(headers).scheme == "cavage"


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda h: h.pop("Signature"), "not signed"),
        (lambda h: h.update(Signature=h["Signature"].replace('signature="', 'signature="AAAA')),
         "does not match"),
        (lambda h: h.update(Signature=h["Signature"].replace('signature="', 'signature="!')),
         "not base64"),
        (lambda h: h.update(Digest="SHA-256=" + base64.b64encode(b"x" * 32).decode()),
         "Digest does not match"),
        (lambda h: h.update(Host="evil.example"), "does not match"),
        (lambda h: h.update(Signature=h["Signature"].replace(" digest", "")),
         "does not cover the Digest"),
        (lambda h: h.update(Signature=h["Signature"].replace("(request-target) ", "")),
         "does not cover (request-target)"),
        (lambda h: h.update(Signature=h["Signature"].replace("rsa-sha256", "hmac-sha256")),
         "unsupported signature algorithm"),
        (lambda h: h.pop("Date"), "signed header is missing: date"),
    ],
)  # fmt: skip
def test_a_spoilt_cavage_signature_is_refused_with_its_reason(spoil, reason):
    headers = cavage()
    spoil(headers)
    with pytest.raises(SignatureRefused) as refused:
        verify(headers)
    assert reason in refused.value.reason


def test_a_changed_body_is_refused_by_its_digest():
    with pytest.raises(SignatureRefused, match="Digest does not match"):
        verify(cavage(), body=BODY.replace(b"Follow", b"Block"))


def test_another_path_is_refused():
    with pytest.raises(SignatureRefused, match="does not match"):
        verify(cavage(), url="https://crossnote.example/ap/inbox")


def test_a_date_outside_the_window_is_refused_both_ways():
    old = datetime.now(UTC) - timedelta(hours=2)
    with pytest.raises(SignatureRefused, match="outside the accepted window"):
        verify(cavage(when=old))
    future = datetime.now(UTC) + timedelta(hours=2)
    with pytest.raises(SignatureRefused, match="outside the accepted window"):
        verify(cavage(when=future))
    assert verify(cavage(when=old), window=3 * 3600).key_id == KEY_ID


def test_a_signature_by_another_key_is_refused():
    with pytest.raises(SignatureRefused, match="does not match"):
        verify(cavage(private=other_keys()[0]))


def test_an_unsigned_date_is_not_enough():
    headers = cavage()
    headers["Signature"] = headers["Signature"].replace(" date", "")
    with pytest.raises(SignatureRefused, match="neither Date nor"):
        verify(headers)


def test_an_rfc9421_signature_verifies_and_is_refused_when_spoilt():
    headers = sign_request_rfc9421(
        method="POST", url=URL, body=BODY, key_id=KEY_ID, private_pem=keys()[0]
    )
    assert headers["Signature-Input"].startswith('sig1=("@method" "@target-uri" "content-digest")')
    verified = verify(headers)
    assert verified.scheme == "rfc9421" and verified.key_id == KEY_ID
    with pytest.raises(SignatureRefused, match="Content-Digest does not match"):
        verify(headers, body=BODY + b" ")
    with pytest.raises(SignatureRefused, match="does not match"):
        verify(headers, url=URL + "?x=1")
    stale = sign_request_rfc9421(
        method="POST", url=URL, body=BODY, key_id=KEY_ID, private_pem=keys()[0],
        created=int((datetime.now(UTC) - timedelta(hours=3)).timestamp()),
    )  # fmt: skip
    with pytest.raises(SignatureRefused, match="outside the accepted window"):
        verify(stale)
    forged = dict(headers, Signature="sig1=:" + base64.b64encode(b"0" * 256).decode() + ":")
    with pytest.raises(SignatureRefused, match="does not match"):
        verify(forged)


def test_a_get_needs_no_digest():
    headers = sign_request(method="GET", url=URL, body=None, key_id=KEY_ID, private_pem=keys()[0])
    assert "Digest" not in headers
    assert verify(headers, method="GET", body=b"").covered == ("(request-target)", "host", "date")
