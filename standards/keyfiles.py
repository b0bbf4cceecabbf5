"""Harbour's signing keys: private keys in PEM files (PKCS#8, mode 0600), one concept for
every key Harbour signs with (the Ed25519 key of Open Badges credentials, the RSA key of the
LTI tool).

- ``write(path, key)`` stores a new key; an existing file is renamed beside it to
  ``<name>.<YYYYmmddTHHMMSSffffff>.old`` (its rotation time, UTC, to the microsecond, so two
  rotations in one second keep both files), never deleted.
- ``load(path)`` reads a key once per file version (path and modification time).
- ``retired(path)`` lists the old files of a key with their rotation time, newest first, so a
  verifier-facing key set can keep publishing a retired key for a grace period.
"""

import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization

STAMP = "%Y%m%dT%H%M%S%f"
# Files retired before rotation times had microseconds.
STAMPS = (STAMP, "%Y%m%dT%H%M%S")

_cache = {}


def write(path, key):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        now = datetime.datetime.now(datetime.UTC)
        old = path.with_name(f"{path.name}.{now.strftime(STAMP)}.old")
        while old.exists():
            now += datetime.timedelta(microseconds=1)
            old = path.with_name(f"{path.name}.{now.strftime(STAMP)}.old")
        path.replace(old)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.touch(mode=0o600)
    path.write_bytes(pem)
    _cache.clear()
    return path


def load(path):
    """The private key in ``path``; OSError when there is none."""
    path = Path(path)
    stamp = (str(path), path.stat().st_mtime_ns)
    if stamp not in _cache:
        _cache[stamp] = serialization.load_pem_private_key(path.read_bytes(), password=None)
    return _cache[stamp]


def retired(path):
    """``[(rotated_at, old_path)]`` of the key's earlier files, newest first."""
    path = Path(path)
    found = []
    for old in path.parent.glob(f"{path.name}.*.old"):
        stamp = old.name[len(path.name) + 1 : -len(".old")]
        for layout in STAMPS:
            try:
                when = datetime.datetime.strptime(stamp, layout).replace(tzinfo=datetime.UTC)
            except ValueError:
                continue
            found.append((when, old))
            break
    return sorted(found, reverse=True)
