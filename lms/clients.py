"""Who is asking: the client's address, which the API's rate limits and the login lockouts
(django-axes, AXES_CLIENT_IP_CALLABLE) count by.

It is ``REMOTE_ADDR``, the address the connection comes from, unless the operator declares
the proxies in front of Harbour. Anyone can send an ``X-Forwarded-For`` header, so it is read
only then:

- ``HARBOUR_TRUSTED_PROXIES`` (settings and environment): addresses or networks of the
  proxies, e.g. ``10.0.0.0/8,127.0.0.1``. A request from one of them comes from the right-most
  address in X-Forwarded-For that is not itself a trusted proxy;
- else DRF's ``NUM_PROXIES`` (``HARBOUR_NUM_PROXIES`` in the environment): how many proxies
  there are; the client is that many addresses from the right of X-Forwarded-For.
"""

import functools
import ipaddress

from django.conf import settings
from rest_framework.settings import api_settings


@functools.lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _forwarded(request):
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [part.strip() for part in header.split(",") if part.strip()]


def is_trusted_proxy(address, networks):
    parsed = _address(address or "")
    return parsed is not None and any(parsed in network for network in networks)


def client_address(request):
    """The address of the client that sent ``request`` (a Django or DRF request)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    networks = _networks(tuple(getattr(settings, "HARBOUR_TRUSTED_PROXIES", ())))
    if networks:
        if not is_trusted_proxy(remote, networks):
            return remote
        for hop in reversed(_forwarded(request)):
            if _address(hop) is None:
                return remote  # a forged or garbled chain: the proxy itself is the client
            if not is_trusted_proxy(hop, networks):
                return hop
        return remote
    proxies = api_settings.NUM_PROXIES
    if proxies:
        hops = _forwarded(request)
        if hops:
            hop = hops[-min(proxies, len(hops))]
            if _address(hop) is not None:
                return hop
    return remote
