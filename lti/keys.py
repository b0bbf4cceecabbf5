"""The tool's RSA key (RS256): it signs Deep Linking responses and the client assertions of
AGS token requests, and its public half is the tool's JWKS (``/lti/jwks/``).

The key is a PEM file at ``settings.HARBOUR_LTI_KEY_FILE``, kept like the Open Badges key
(standards.keyfiles): ``manage.py create_lti_key`` writes it, ``--rotate`` makes a new one and
keeps the old file beside it. The JWKS publishes the current key and every key retired less
than ``HARBOUR_LTI_KEY_GRACE_HOURS`` ago, so a platform that cached the key set, or holds a
message signed just before a rotation, still verifies it. A key's ``kid`` is its RFC 7638
thumbprint: a new key never takes an old key's name.
"""

import datetime
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.utils.translation import gettext_lazy
from jwcrypto.jwk import JWK

from standards import keyfiles

KEY_SIZE = 2048


class KeyUnavailable(Exception):
    message = gettext_lazy(
        "Harbour has no LTI key yet: run manage.py create_lti_key on the server."
    )


def key_path():
    return Path(settings.HARBOUR_LTI_KEY_FILE)


def create_key(path=None, replace=False):
    """Write a new RSA key unless one exists (or ``replace``); returns its kid."""
    path = Path(path or key_path())
    if not path.exists() or replace:
        keyfiles.write(path, rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE))
    return kid(keyfiles.load(path))


def _public_jwk(private_key):
    pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return JWK.from_pem(pem)


def kid(private_key):
    return _public_jwk(private_key).thumbprint()


def signing_key():
    """``(private PEM text, kid)`` of the current key."""
    try:
        key = keyfiles.load(key_path())
    except OSError:
        raise KeyUnavailable() from None
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return pem, kid(key)


def public_pem():
    try:
        key = keyfiles.load(key_path())
    except OSError:
        raise KeyUnavailable() from None
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def published_keys(now=None):
    """The private keys whose public halves the JWKS shows: the current one, then those
    retired within the grace period."""
    path = key_path()
    try:
        keys = [keyfiles.load(path)]
    except OSError:
        raise KeyUnavailable() from None
    now = now or datetime.datetime.now(datetime.UTC)
    grace = datetime.timedelta(hours=settings.HARBOUR_LTI_KEY_GRACE_HOURS)
    for rotated_at, old in keyfiles.retired(path):
        if now - rotated_at <= grace:
            keys.append(keyfiles.load(old))
    return keys


def jwks(now=None):
    keys = []
    for private_key in published_keys(now):
        public = json.loads(_public_jwk(private_key).export_public())
        keys.append(public | {"kid": kid(private_key), "alg": "RS256", "use": "sig"})
    return {"keys": keys}
