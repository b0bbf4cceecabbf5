"""Open Badges 3.0 baked badges in SVG (OB 3.0, "Baked Badge", SVG): the image carries its
credential, so that the file a learner shares is itself checkable.

Baking: the ``<svg>`` root declares ``xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"``
and its first child is one ``<openbadges:credential>`` whose body is the credential's JSON in
a CDATA section (an embedded proof; the ``verify`` attribute is for VC-JWT, which Harbour does
not issue). Extracting: the first ``openbadges:credential`` element of the SVG, parsed with
defusedxml (no entities, no external documents: an uploaded file is untrusted).
"""

import json

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
CREDENTIAL = f"{{{NAMESPACE}}}credential"


class NotBaked(ValueError):
    """The file is not an SVG with an embedded Open Badges 3.0 credential."""


def credential_element(credential):
    """The ``<openbadges:credential>`` element with the credential's JSON in CDATA. ``]]>``
    can only occur inside a JSON string, where ``\\u003e`` is the same character."""
    text = json.dumps(credential, ensure_ascii=False, indent=1).replace("]]>", "]]\\u003e")
    return f"<openbadges:credential><![CDATA[\n{text}\n]]></openbadges:credential>"


def extract(data):
    """The credential (a dict) baked into SVG bytes. Raises NotBaked."""
    try:
        root = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException, ValueError) as error:
        raise NotBaked(f"not XML: {error}") from None
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise NotBaked("not an SVG image")
    element = root.find(f".//{CREDENTIAL}")
    if element is None:
        raise NotBaked("no openbadges:credential element")
    if element.get("verify"):
        raise NotBaked("a VC-JWT credential, which Harbour does not issue")
    try:
        credential = json.loads(element.text or "")
    except (ValueError, RecursionError):
        raise NotBaked("the credential is not JSON") from None
    if not isinstance(credential, dict):
        raise NotBaked("the credential is not a JSON object")
    return credential
