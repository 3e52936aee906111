"""The client's IP address: REMOTE_ADDR, or the header a trusted proxy sets, never a header
anyone could send. IPv6 addresses are grouped by /64, the block one subscriber usually gets."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=16)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _parse(value: str):
    value = (value or "").strip().strip('"')
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_address(request):
    """The visitor's address as an ipaddress object, or None when nothing usable arrived.

    Only when the direct peer (REMOTE_ADDR) is one of CROSSNOTE_TRUSTED_PROXIES is the
    CROSSNOTE_CLIENT_IP_HEADER read, right to left, skipping the trusted proxies: the first
    address a trusted hop did not add is the client (a client can prepend anything)."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    networks = _networks(tuple(settings.CROSSNOTE_TRUSTED_PROXIES))
    if peer is None or not networks or not _trusted(peer, networks):
        return peer
    meta_key = "HTTP_" + settings.CROSSNOTE_CLIENT_IP_HEADER.upper().replace("-", "_")
    hops = [_parse(part) for part in request.META.get(meta_key, "").split(",")]
    for hop in reversed(hops):
        if hop is None:
            return peer  # a malformed hop: trust nothing before it
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops and hops[0] is not None else peer


def client_ip(request) -> str:
    """The client address as text ("" when unknown)."""
    address = client_address(request)
    return str(address) if address is not None else ""


def client_ip_group(request) -> str:
    """The key rate limits count by: the IPv4 address, or the IPv6 /64 network."""
    address = client_address(request)
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
