"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C Data Integrity EdDSA
Cryptosuites v1.0, section 3.2), embedded in the document as ``proof``.

Signing: canonicalize the proof options (with the document's ``@context``) and the document
without its proof, hash each with SHA-256, sign the two hashes concatenated (proof options
first) with Ed25519, and store the signature as base58-btc multibase ``proofValue``.
"""

import hashlib

from cryptography.exceptions import InvalidSignature

from . import jsonld, multikey

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


def _hash_data(document, proof_options):
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof_options.items() if key != "proofValue"}
    options["@context"] = unsecured["@context"]
    options_hash = hashlib.sha256(jsonld.canonicalize(options).encode()).digest()
    document_hash = hashlib.sha256(jsonld.canonicalize(unsecured).encode()).digest()
    return options_hash + document_hash


def sign(document, private_key, verification_method, created, proof_purpose="assertionMethod"):
    """A copy of the document with an embedded proof. ``created`` is an XML Schema dateTime."""
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    signature = private_key.sign(_hash_data(document, proof))
    return {**document, "proof": {**proof, "proofValue": multikey.multibase(signature)}}


def verify(document, public_key_for, proof_purpose="assertionMethod"):
    """Whether the document's one proof is a valid eddsa-rdfc-2022 proof by a key that
    ``public_key_for(verification_method_id)`` returns (None for a key it does not know).
    Never raises for bad input: a malformed document is simply not verified."""
    if not isinstance(document, dict) or "@context" not in document:
        return False
    proof = document.get("proof")
    if not isinstance(proof, dict):
        return False
    if (
        proof.get("type") != PROOF_TYPE
        or proof.get("cryptosuite") != CRYPTOSUITE
        or proof.get("proofPurpose") != proof_purpose
    ):
        return False
    public_key = public_key_for(proof.get("verificationMethod"))
    if public_key is None:
        return False
    try:
        signature = multikey.from_multibase(proof.get("proofValue"))
        public_key.verify(signature, _hash_data(document, proof))
    except (ValueError, TypeError, InvalidSignature, jsonld.JsonLdError):
        return False
    return True
