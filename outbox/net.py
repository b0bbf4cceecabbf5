"""Outgoing HTTP for webhooks and the LRS, refusing addresses inside the network (SSRF).

Every address the host name resolves to must be public: private, loopback, link-local
(cloud metadata at 169.254.169.254), multicast, reserved and unspecified addresses are
refused, and redirects are never followed. HARBOUR_OUTBOX_ALLOW_LOOPBACK lets loopback
through (tests and development, where the receiver runs on 127.0.0.1); it is off in
production.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _


class Refused(Exception):
    """The address may not be called; retrying will not help."""


def allow_loopback():
    return getattr(settings, "HARBOUR_OUTBOX_ALLOW_LOOPBACK", False)


def check_address(address, *, loopback_ok=None):
    loopback_ok = allow_loopback() if loopback_ok is None else loopback_ok
    ip = ipaddress.ip_address(address)
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    if ip.is_loopback and loopback_ok:
        return
    if (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    ):
        raise Refused(_("%(address)s is not a public address.") % {"address": address})


def check_url(url, *, loopback_ok=None):
    """Raise Refused unless the URL is http(s) to a host whose every address is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(_("Only http and https URLs with a host name can be called."))
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise requests.ConnectionError(
            _("%(host)s does not resolve: %(error)s") % {"host": parts.hostname, "error": error}
        ) from error
    for info in infos:
        check_address(info[4][0], loopback_ok=loopback_ok)


def post(url, *, body, headers, auth=None, timeout=None):
    return send("POST", url, body=body, headers=headers, auth=auth, timeout=timeout)


def put(url, *, body, headers, auth=None, timeout=None):
    return send("PUT", url, body=body, headers=headers, auth=auth, timeout=timeout)


def send(method, url, *, body, headers, auth=None, timeout=None):
    check_url(url)
    return requests.request(
        method,
        url,
        data=body,
        headers=headers,
        auth=auth,
        timeout=timeout or getattr(settings, "HARBOUR_OUTBOX_TIMEOUT", 10),
        allow_redirects=False,
    )
