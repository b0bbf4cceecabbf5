"""JSON-LD processing that never touches the network.

Contexts come from ``contexts/bundle.json``, written by ``contexts/export.cjs`` from the npm
packages that publish them (the W3C Verifiable Credentials 2.0, Open Badges 3.0.3, DID 1.0 and
Multikey contexts, pinned in package.json). Any other URL is refused, so a credential that names an
unknown context cannot be canonicalized, and neither signed nor verified.

Canonicalization is RDFC-1.0 (the algorithm pyld calls URDNA2015) to N-Quads, in safe mode: a
property the contexts do not define raises instead of being dropped silently, because a
dropped property would not be covered by the signature.
"""

import functools
import json
from pathlib import Path

from pyld import jsonld

BUNDLE = Path(__file__).with_name("contexts") / "bundle.json"


class JsonLdError(ValueError):
    """The document is not JSON-LD that Harbour can canonicalize."""


@functools.cache
def bundled_contexts():
    """{context URL: {"package", "version", "document"}} from the bundle."""
    return json.loads(BUNDLE.read_text(encoding="utf-8"))["contexts"]


def document_loader(url, options=None):
    entry = bundled_contexts().get(url)
    if entry is None:
        raise jsonld.JsonLdError(
            f"Context {url} is not bundled.",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": entry["document"],
    }


def _refuse_dropped(property_name):
    raise JsonLdError(f"The term {property_name!r} is not defined by the document's contexts.")


def canonicalize(document):
    """The document as canonical N-Quads (RDFC-1.0). Raises JsonLdError."""
    processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
    try:
        return processor.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": document_loader,
            },
        )
    except jsonld.JsonLdError as error:
        cause = error
        while cause is not None:
            if isinstance(cause, JsonLdError):
                raise cause from None
            cause = cause.__cause__
        raise JsonLdError(str(error)) from error
