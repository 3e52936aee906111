"""Outgoing HTTP to other servers, SSRF-safe by construction: HTTPS only, the host's addresses
resolved first and every one checked to be public (no loopback, private, link-local, multicast,
reserved or unspecified target), the connection made to the checked address itself (so a DNS
answer cannot change between the check and the connect), with a size, time and redirect limit,
each redirect checked again. CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK (tests and development only)
lets plain HTTP reach loopback addresses so two instances on one machine can federate.
"""

import http.client
import ipaddress
import json
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

USER_AGENT = "Crossnote (ActivityPub; +https://github.com/crossnote)"
ACTIVITY_JSON = "application/activity+json"
ACCEPT = f'{ACTIVITY_JSON}, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


class FetchRefused(Exception):  # noqa: N818 - it says what happened to the request
    """A remote request that was not made or not accepted; `reason` says why. `final`: trying
    again cannot help (a refused target, an oversize answer), unlike a network failure."""

    def __init__(self, reason: str, *, final: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.final = final


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str

    def json(self) -> dict:
        try:
            data = json.loads(self.body)
        except ValueError as exc:
            raise FetchRefused(f"{self.url} did not answer JSON") from exc
        if not isinstance(data, dict):
            raise FetchRefused(f"{self.url} did not answer a JSON object")
        return data


def _loopback_allowed() -> bool:
    return bool(settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK)


def is_public_address(ip: str) -> bool:
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def resolve_target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, checked IP) for `url`, or FetchRefused when it may not be reached."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("https", "http") or not host:
        raise FetchRefused(f"not an HTTPS address: {url}")
    if parts.username or parts.password:
        raise FetchRefused("addresses with credentials are refused")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchRefused(f"bad port in {url}") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"cannot resolve {host}", final=False) from exc
    addresses = sorted({str(info[4][0]) for info in infos})
    if not addresses:
        raise FetchRefused(f"cannot resolve {host}")
    public = all(is_public_address(a) for a in addresses)
    loopback = all(ipaddress.ip_address(a).is_loopback for a in addresses)
    if loopback and _loopback_allowed():
        return scheme, host, port, addresses[0]
    if not public:
        raise FetchRefused(f"{host} resolves to a non-public address; refused")
    if scheme != "https":
        raise FetchRefused(f"plain HTTP is refused: {url}")
    return scheme, host, port, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _once(method, url, body, headers, deadline) -> Response:
    scheme, host, port, ip = resolve_target(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchRefused(f"{url}: took too long")
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = kind(host, port, ip, remaining)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    limit = settings.CROSSNOTE_FEDERATION_MAX_BYTES
    try:
        connection.request(method, target, body=body, headers=headers)
        answer = connection.getresponse()
        length = answer.getheader("Content-Length")
        if length and length.isdigit() and int(length) > limit:
            raise FetchRefused(f"{url}: the answer is larger than {limit} bytes")
        data = answer.read(limit + 1)
        if len(data) > limit:
            raise FetchRefused(f"{url}: the answer is larger than {limit} bytes")
        if time.monotonic() > deadline:
            raise FetchRefused(f"{url}: took too long")
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, data, url)
    except (OSError, http.client.HTTPException) as exc:
        raise FetchRefused(f"{url}: {type(exc).__name__}: {exc}", final=False) from exc
    finally:
        connection.close()


def request(method: str, url: str, *, body: bytes | None = None, headers=None) -> Response:
    """One request with redirects followed (each target checked again) up to the limit."""
    deadline = time.monotonic() + settings.CROSSNOTE_FEDERATION_TIMEOUT
    headers = {"User-Agent": USER_AGENT, **(headers or {})}
    for _hop in range(settings.CROSSNOTE_FEDERATION_MAX_REDIRECTS + 1):
        answer = _once(method, url, body, headers, deadline)
        location = answer.headers.get("location")
        if answer.status in (301, 302, 303, 307, 308) and location and method == "GET":
            url = urljoin(url, location)
            headers.pop("Host", None)
            continue
        return answer
    raise FetchRefused(f"too many redirects from {url}")


def get_json(url: str, *, headers=None) -> dict:
    """GET an ActivityPub (or WebFinger / NodeInfo) JSON document; FetchRefused on any failure."""
    answer = request("GET", url, headers={"Accept": ACCEPT, **(headers or {})})
    if answer.status != 200:
        raise FetchRefused(f"{url} answered {answer.status}")
    return answer.json()
