"""The standards package alone: bundled contexts, Multikey, status lists, safe canonicalization."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from standards import dataintegrity, jsonld, multikey, statuslist

ROOT = Path(__file__).parents[2]


@pytest.mark.skipif(
    not os.environ.get("CI")
    and (shutil.which("node") is None or not (ROOT / "node_modules" / "did-context").is_dir()),
    reason="node and the npm packages (npm ci) are needed to compare the bundle",
)
def test_the_bundled_contexts_are_those_of_the_npm_packages():
    run = subprocess.run(
        ["node", "standards/contexts/export.cjs", "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(run.stdout) == json.loads(jsonld.BUNDLE.read_text())


def test_an_unbundled_context_is_refused_without_the_network():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.canonicalize({"@context": "https://example.org/ctx.json", "name": "x"})


def test_a_term_no_context_defines_is_refused_rather_than_dropped():
    document = {"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "x", "nope": 1}
    with pytest.raises(jsonld.JsonLdError, match="nope"):
        jsonld.canonicalize(document)


def test_a_multikey_round_trips_and_starts_as_ed25519_keys_do():
    public = Ed25519PrivateKey.generate().public_key()
    value = multikey.public_key_multibase(public)
    assert value.startswith("z6Mk")
    assert multikey.public_key_multibase(multikey.public_key_from_multibase(value)) == value
    with pytest.raises(ValueError):
        multikey.public_key_from_multibase("z" + multikey.base58btc_encode(b"\0" * 34))


def test_a_status_list_sets_exactly_the_bits_given():
    encoded = statuslist.encode([0, 9, 131071])
    assert encoded.startswith("u")
    assert len(statuslist.decode(encoded)) == 131072 // 8
    assert [i for i in (0, 1, 8, 9, 10, 131071) if statuslist.is_set(encoded, i)] == [
        0,
        9,
        131071,
    ]
    with pytest.raises(ValueError):
        statuslist.is_set(encoded, 131072)


def test_a_proof_covers_the_proof_options_too():
    key = Ed25519PrivateKey.generate()
    document = {"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "Harbour"}
    signed = dataintegrity.sign(document, key, "did:web:h#k", "2026-01-01T00:00:00Z")
    public = key.public_key()
    assert dataintegrity.verify(signed, lambda method: public)
    moved = {**signed, "proof": {**signed["proof"], "created": "2027-01-01T00:00:00Z"}}
    assert not dataintegrity.verify(moved, lambda method: public)
    assert not dataintegrity.verify(signed, lambda method: None)
    assert not dataintegrity.verify({**signed, "proof": "x"}, lambda method: public)
