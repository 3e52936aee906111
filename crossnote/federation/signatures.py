"""HTTP signatures as the fediverse uses them: signing outgoing requests the way Mastodon does
(draft-cavage-http-signatures-12: a `Signature` header over (request-target) host date digest,
rsa-sha256, with a `Digest: SHA-256=` of the body) and verifying incoming ones in that form or in
RFC 9421's (`Signature-Input` + `Signature`, with `Content-Digest`), as newer peers send.

Verification is pure: it takes the request's parts and a function that returns the public key
for a key id, and raises SignatureRefused with the reason, so the inbox can log it and answer
401 before anything is stored.
"""

import base64
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


class SignatureRefused(Exception):  # noqa: N818 - it says what happened to the request
    """The request's signature is missing, malformed, stale or wrong; `reason` says which."""

    def __init__(self, reason: str, status: int = 401):
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Verified:
    key_id: str
    scheme: str  # "cavage" | "rfc9421"
    covered: tuple[str, ...]


# --- keys ------------------------------------------------------------------------------------


def new_key_pair() -> tuple[str, str]:
    """(private PEM, public PEM) of a fresh 2048-bit RSA key (what Mastodon and Pixelfed use)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@lru_cache(maxsize=4096)
def _private_key(private_pem: str):
    """Loaded once per process: OpenSSL's check of an RSA private key on load costs ~100 ms,
    more than the signature itself (bench/federation.py). Our keys are made by new_key_pair."""
    return serialization.load_pem_private_key(
        private_pem.encode(), password=None, unsafe_skip_rsa_key_validation=True
    )


@lru_cache(maxsize=4096)
def _public_key(public_pem: str):
    return serialization.load_pem_public_key(public_pem.encode())


def _rsa_sign(private_pem: str, data: bytes) -> bytes:
    key = _private_key(private_pem)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("only RSA keys sign here")
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def _rsa_verify(public_pem: str, signature: bytes, data: bytes) -> bool:
    try:
        key = _public_key(public_pem)
    except ValueError as exc:
        raise SignatureRefused("the actor's public key cannot be read") from exc
    if not isinstance(key, rsa.RSAPublicKey):
        raise SignatureRefused("only RSA keys are accepted")
    try:
        key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def digest_header(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def content_digest_header(body: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"


def http_date(when: datetime | None = None) -> str:
    return format_datetime(when or datetime.now(UTC), usegmt=True)


# --- signing (draft-cavage, as Mastodon sends) -----------------------------------------------


def _target(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    path = parts.path or "/"
    return parts.netloc, path + (f"?{parts.query}" if parts.query else "")


def sign_request(
    *,
    method: str,
    url: str,
    body: bytes | None,
    key_id: str,
    private_pem: str,
    when: datetime | None = None,
) -> dict[str, str]:
    """The headers (Host, Date, Digest for a body, Signature) that sign this request."""
    host, target = _target(url)
    headers = {"Host": host, "Date": http_date(when)}
    covered = ["(request-target)", "host", "date"]
    if body is not None:
        headers["Digest"] = digest_header(body)
        covered.append("digest")
    lines = []
    for name in covered:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {target}")
        else:
            lines.append(f"{name}: {headers[name.title()]}")
    signature = base64.b64encode(_rsa_sign(private_pem, "\n".join(lines).encode())).decode()
    headers["Signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(covered)}",'
        f'signature="{signature}"'
    )
    return headers


def sign_request_rfc9421(
    *,
    method: str,
    url: str,
    body: bytes | None,
    key_id: str,
    private_pem: str,
    created: int | None = None,
) -> dict[str, str]:
    """RFC 9421 headers for this request (what some newer servers send; used by the tests and
    by peers that ask for it)."""
    created = created if created is not None else int(datetime.now(UTC).timestamp())
    headers: dict[str, str] = {"Host": _target(url)[0]}
    covered = ['"@method"', '"@target-uri"']
    if body is not None:
        headers["Content-Digest"] = content_digest_header(body)
        covered.append('"content-digest"')
    params = f'({" ".join(covered)});created={created};keyid="{key_id}";alg="rsa-v1_5-sha256"'
    lines = []
    for item in covered:
        name = item.strip('"')
        value = {
            "@method": method.upper(),
            "@target-uri": url,
            "content-digest": headers.get("Content-Digest", ""),
        }[name]
        lines.append(f"{item}: {value}")
    lines.append(f'"@signature-params": {params}')
    signature = base64.b64encode(_rsa_sign(private_pem, "\n".join(lines).encode())).decode()
    headers["Signature-Input"] = f"sig1={params}"
    headers["Signature"] = f"sig1=:{signature}:"
    return headers


# --- verifying -------------------------------------------------------------------------------

_PARAM = re.compile(r'([a-zA-Z]+)="([^"]*)"')


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _check_date(value: str | None, now: datetime, window: int) -> None:
    if not value:
        raise SignatureRefused("the signed request has no Date header")
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError) as exc:
        raise SignatureRefused("the Date header cannot be read") from exc
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if abs((now - when).total_seconds()) > window:
        raise SignatureRefused("the Date header is outside the accepted window")


def _check_created(created: int, now: datetime, window: int) -> None:
    if abs(now.timestamp() - created) > window:
        raise SignatureRefused("the signature's created time is outside the accepted window")


def _check_digest(headers: Mapping[str, str], body: bytes, covered: list[str]) -> None:
    if "digest" not in covered:
        raise SignatureRefused("the signature does not cover the Digest of the body")
    value = _header(headers, "digest") or ""
    for part in value.split(","):
        algorithm, _, encoded = part.strip().partition("=")
        if algorithm.lower() == "sha-256":
            if encoded != base64.b64encode(hashlib.sha256(body).digest()).decode():
                raise SignatureRefused("the Digest does not match the body")
            return
    raise SignatureRefused("the request has no SHA-256 Digest")


def verify_cavage(
    *,
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    public_key: Callable[[str], str],
    now: datetime,
    window: int,
) -> Verified:
    raw = _header(headers, "signature")
    if not raw:
        raise SignatureRefused("the request is not signed")
    params = dict(_PARAM.findall(raw))
    key_id, signature = params.get("keyId"), params.get("signature")
    if not key_id or not signature:
        raise SignatureRefused("the Signature header lacks keyId or signature")
    if params.get("algorithm", "hs2019") not in ("rsa-sha256", "hs2019"):
        raise SignatureRefused("unsupported signature algorithm")
    covered = params.get("headers", "date").lower().split()
    if "(request-target)" not in covered:
        raise SignatureRefused("the signature does not cover (request-target)")
    lines = []
    for name in covered:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        elif name in ("(created)", "(expires)"):
            value = params.get(name.strip("()"), "")
            if not value.isdigit():
                raise SignatureRefused(f"the signature's {name} is missing")
            lines.append(f"{name}: {value}")
        else:
            value = _header(headers, name)
            if value is None:
                raise SignatureRefused(f"a signed header is missing: {name}")
            lines.append(f"{name}: {value}")
    if "date" in covered:
        _check_date(_header(headers, "date"), now, window)
    elif "(created)" in covered:
        _check_created(int(params["created"]), now, window)
    else:
        raise SignatureRefused("the signature covers neither Date nor (created)")
    if method.upper() == "POST":
        _check_digest(headers, body, covered)
    try:
        decoded = base64.b64decode(signature, validate=True)
    except ValueError as exc:
        raise SignatureRefused("the signature is not base64") from exc
    if not _rsa_verify(public_key(key_id), decoded, "\n".join(lines).encode()):
        raise SignatureRefused("the signature does not match")
    return Verified(key_id=key_id, scheme="cavage", covered=tuple(covered))


_INPUT = re.compile(r'([A-Za-z0-9_-]+)=\(([^)]*)\)((?:;[a-z]+=(?:"[^"]*"|\d+))*)')


def _rfc9421_component(name: str, *, method: str, url: str, headers: Mapping[str, str]) -> str:
    parts = urlsplit(url)
    derived = {
        "@method": method.upper(),
        "@target-uri": url,
        "@authority": parts.netloc.lower(),
        "@scheme": parts.scheme,
        "@path": parts.path or "/",
        "@query": f"?{parts.query}",
        "@request-target": (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
    }
    if name.startswith("@"):
        if name not in derived:
            raise SignatureRefused(f"unsupported derived component {name}")
        return derived[name]
    value = _header(headers, name)
    if value is None:
        raise SignatureRefused(f"a signed header is missing: {name}")
    return value.strip()


def verify_rfc9421(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    public_key: Callable[[str], str],
    now: datetime,
    window: int,
) -> Verified:
    raw_input, raw_signature = _header(headers, "signature-input"), _header(headers, "signature")
    if not raw_input or not raw_signature:
        raise SignatureRefused("the request is not signed")
    match = _INPUT.search(raw_input)  # the first signature when there are several
    if not match:
        raise SignatureRefused("the Signature-Input header cannot be read")
    label, inner, rest = match.groups()
    covered = [c.strip('"') for c in inner.split()]
    params = dict(re.findall(r';\s*([a-z]+)=("[^"]*"|\d+)', rest))
    key_id = params.get("keyid", "").strip('"')
    if not key_id:
        raise SignatureRefused("the Signature-Input has no keyid")
    if params.get("alg", '"rsa-v1_5-sha256"').strip('"') != "rsa-v1_5-sha256":
        raise SignatureRefused("unsupported signature algorithm")
    if not params.get("created", "").isdigit():
        raise SignatureRefused("the signature has no created time")
    _check_created(int(params["created"]), now, window)
    if "@method" not in covered or not {"@target-uri", "@request-target", "@path"} & set(covered):
        raise SignatureRefused("the signature does not cover the method and target")
    if method.upper() == "POST":
        if "content-digest" not in covered:
            raise SignatureRefused("the signature does not cover the Content-Digest of the body")
        if _header(headers, "content-digest") != content_digest_header(body):
            raise SignatureRefused("the Content-Digest does not match the body")
    found = re.search(rf"{re.escape(label)}=:([A-Za-z0-9+/=]+):", raw_signature)
    if not found:
        raise SignatureRefused("the Signature header has no signature for the input")
    lines = [
        f'"{name}": {_rfc9421_component(name, method=method, url=url, headers=headers)}'
        for name in covered
    ]
    lines.append(f'"@signature-params": ({inner}){rest.strip()}')
    decoded = base64.b64decode(found.group(1))
    if not _rsa_verify(public_key(key_id), decoded, "\n".join(lines).encode()):
        raise SignatureRefused("the signature does not match")
    return Verified(key_id=key_id, scheme="rfc9421", covered=tuple(covered))


def signature_key_id(headers: Mapping[str, str]) -> str:
    """The key id a request says it is signed with (before anything is verified)."""
    signature_input = _header(headers, "signature-input")
    if signature_input:
        found = re.search(r'keyid="([^"]+)"', signature_input)
        if found:
            return found.group(1)
    raw = _header(headers, "signature") or ""
    return dict(_PARAM.findall(raw)).get("keyId", "")


def verify_request(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    public_key: Callable[[str], str],
    window: int,
    now: datetime | None = None,
) -> Verified:
    """Verify an incoming request signed either way; raises SignatureRefused with the reason."""
    now = now or datetime.now(UTC)
    if _header(headers, "signature-input"):
        return verify_rfc9421(
            method=method,
            url=url,
            headers=headers,
            body=body,
            public_key=public_key,
            now=now,
            window=window,
        )
    return verify_cavage(
        method=method,
        path=_target(url)[1],
        headers=headers,
        body=body,
        public_key=public_key,
        now=now,
        window=window,
    )
