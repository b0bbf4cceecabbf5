"""Bitstring Status List v1.0: a list of at least 131,072 bits (16 KB, so that one holder's
entry hides among many), GZIP-compressed and base64url-encoded without padding behind the
multibase prefix ``u``. Index 0 is the most significant bit of the first byte."""

import base64
import gzip

MINIMUM_BITS = 131_072


def encode(indices, length=MINIMUM_BITS):
    """The ``encodedList`` with the bits at ``indices`` set."""
    bits = bytearray(max(length, MINIMUM_BITS) // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same list always compresses to the same bytes.
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode(encoded):
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("not a base64url multibase value")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(encoded, index):
    bits = decode(encoded)
    if not 0 <= index < len(bits) * 8:
        raise ValueError("index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
