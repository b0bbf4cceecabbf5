"""Ed25519 keys as Multikey (W3C Controlled Identifiers): ``publicKeyMultibase`` is ``z`` and
base58-btc of the multicodec prefix 0xed 0x01 and the 32 raw bytes of the public key."""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519_PUB = b"\xed\x01"
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58btc_encode(data):
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = ALPHABET[rest] + out
    zeros = len(data) - len(data.lstrip(b"\0"))
    return ALPHABET[0] * zeros + out


def base58btc_decode(text):
    number = 0
    for char in text:
        index = ALPHABET.find(char)
        if index < 0:
            raise ValueError("not base58-btc")
        number = number * 58 + index
    zeros = len(text) - len(text.lstrip(ALPHABET[0]))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase(data):
    return "z" + base58btc_encode(data)


def from_multibase(text):
    if not isinstance(text, str) or not text.startswith("z"):
        raise ValueError("not a base58-btc multibase value")
    return base58btc_decode(text[1:])


def public_key_multibase(public_key):
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return multibase(ED25519_PUB + raw)


def public_key_from_multibase(text):
    data = from_multibase(text)
    if len(data) != 34 or not data.startswith(ED25519_PUB):
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(data[2:])
