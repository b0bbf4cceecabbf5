"""Open Badges 3.0: every certificate is also an ``OpenBadgeCredential`` (W3C Verifiable
Credentials Data Model 2.0), signed with an embedded Data Integrity proof (``eddsa-rdfc-2022``,
Ed25519) and revocable through a Bitstring Status List.

- The issuer is ``did:web:<host>``: its DID document, at ``/.well-known/did.json``, publishes
  the public key as a Multikey. The key id is a fingerprint of the key, so a new key never
  takes an old key's name.
- The private key is a PEM file at ``settings.HARBOUR_BADGE_KEY_FILE``, made by
  ``manage.py create_badge_key`` and never in the repository. A rotation retires the key to
  ``<file>.<time>.old`` beside it (standards.keyfiles): only the current key signs, and the
  DID document lists every retired key's public half after it, so credentials signed before
  a rotation keep verifying. Deleting an ``.old`` file withdraws that key (a compromised one).
- A credential is signed when it is asked for, with ``created`` and ``validFrom`` set to the
  certificate's issue time: Ed25519 is deterministic, so the same certificate gives the same
  credential until its course's text or the key changes.
- The status list's index of a certificate is its database id. Signing or verifying costs no
  query beyond the certificate itself (and, for the status list, one over revoked ids).
"""

import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.models import Certificate
from standards import baking, dataintegrity, keyfiles, multikey, statuslist

from .certificates import certificate_course, normalise_code

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
MEDIA_TYPE = "application/vc+ld+json"
CODE_IN_ID = re.compile(r"/certificates/([A-Za-z0-9-]+)/credential/?$")


class CredentialsUnavailable(Exception):
    """No signing key: ``manage.py create_badge_key`` has not been run for this site."""

    message = gettext_lazy(
        "Credentials cannot be signed yet: the site has no signing key "
        "(manage.py create_badge_key)."
    )


# --- the key -----------------------------------------------------------------------------


def key_path():
    return Path(settings.HARBOUR_BADGE_KEY_FILE)


def create_key(path=None, replace=False):
    """Write a new Ed25519 key as PEM (mode 0600) and return its public Multikey value.
    An existing key is kept unless ``replace``; then the old file is kept beside it
    (standards.keyfiles)."""
    path = Path(path or key_path())
    if path.exists() and not replace:
        return multikey.public_key_multibase(_load(path).public_key())
    key = Ed25519PrivateKey.generate()
    keyfiles.write(path, key)
    return multikey.public_key_multibase(key.public_key())


def _load(path):
    key = keyfiles.load(path)
    if not isinstance(key, Ed25519PrivateKey):
        raise CredentialsUnavailable(f"{path} does not hold an Ed25519 key")
    return key


def signing_key():
    """The site's private key, read once per file version."""
    try:
        return _load(key_path())
    except OSError:
        raise CredentialsUnavailable() from None


def published_keys():
    """{key id fragment: public key} of every key the DID document lists: the current one
    first, then the retired ones, newest first. A retired file that does not hold an Ed25519
    key is left out, never trusted. Raises CredentialsUnavailable without a current key."""
    current = signing_key().public_key()
    keys = {key_fragment(current): current}
    for _rotated_at, old in keyfiles.retired(key_path()):
        try:
            public_key = _load(old).public_key()
        except (OSError, ValueError, CredentialsUnavailable):
            continue
        keys.setdefault(key_fragment(public_key), public_key)
    return keys


def key_fragment(public_key):
    digest = hashlib.sha256(multikey.public_key_multibase(public_key).encode()).hexdigest()
    return f"key-{digest[:16]}"


# --- the issuer --------------------------------------------------------------------------


def issuer_did(request):
    """did:web of the host the client called; a port's colon is percent-encoded."""
    return "did:web:" + request.get_host().replace(":", "%3A")


def did_document(request):
    """The issuer's DID document: its keys as Multikeys, for assertions (credentials): the
    current key first, then the retired ones that still verify what they signed."""
    did = issuer_did(request)
    methods = [
        {
            "id": f"{did}#{fragment}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": multikey.public_key_multibase(public_key),
        }
        for fragment, public_key in published_keys().items()
    ]
    return {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def issuer_profile(request):
    return {
        "id": issuer_did(request),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


def _timestamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sign(document, request, created):
    key = signing_key()
    method = f"{issuer_did(request)}#{key_fragment(key.public_key())}"
    return dataintegrity.sign(document, key, method, _timestamp(created))


# --- credentials -------------------------------------------------------------------------


def status_list_url(request):
    return request.build_absolute_uri(reverse("api:credential-status-list"))


def credential_url(request, certificate):
    return request.build_absolute_uri(
        reverse("api:certificate-credential", kwargs={"code": certificate.code})
    )


def identity_object(certificate):
    """The learner as a salted SHA-256 of their e-mail address (OB 3.0 IdentityObject); none
    once the account is deleted. The salt is stable per certificate and says nothing."""
    user = certificate.user
    email = (getattr(user, "email", "") or "").strip().lower() if user else ""
    if not email:
        return None
    salt = hmac.new(
        settings.SECRET_KEY.encode(), certificate.code.encode(), hashlib.sha256
    ).hexdigest()[:16]
    return {
        "type": "IdentityObject",
        "identityHash": "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest(),
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def achievement(certificate):
    """The course, in the learner's language where it is live in it."""
    language = certificate.locale or settings.LANGUAGE_CODE
    course = certificate_course(certificate, language)
    title = course.title if course is not None else certificate.course_title
    with translation.override(language):
        narrative = _("Complete every lesson of the course “%(title)s” on %(site)s.") % {
            "title": title,
            "site": settings.WAGTAIL_SITE_NAME,
        }
    return {
        "id": f"urn:uuid:{certificate.course_key}",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": title,
        "description": (course.summary if course is not None else "") or title,
        "criteria": {"narrative": narrative},
        "inLanguage": course.locale.language_code if course is not None else language,
    }


def credential_name(certificate, title):
    with translation.override(certificate.locale or settings.LANGUAGE_CODE):
        return _("Certificate: %(course)s") % {"course": title}


def open_badge_credential(certificate, request):
    """The certificate as a signed OpenBadgeCredential (a dict, ready for JSON)."""
    subject = {"type": ["AchievementSubject"], "achievement": achievement(certificate)}
    if certificate.learner_name:
        subject["name"] = certificate.learner_name
    identity = identity_object(certificate)
    if identity is not None:
        subject["identifier"] = [identity]
    status_url = status_list_url(request)
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_url(request, certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": credential_name(certificate, subject["achievement"]["name"]),
        "issuer": issuer_profile(request),
        "validFrom": _timestamp(certificate.issued_at),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status_url}#{certificate.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.pk),
            "statusListCredential": status_url,
        },
    }
    return _sign(credential, request, certificate.issued_at)


def baked_badge(certificate, request):
    """The certificate's badge image, an SVG with its signed credential baked in (Open Badges
    3.0 baking, standards.baking), its words in the learner's language; and the credential."""
    credential = open_badge_credential(certificate, request)
    language = credential["credentialSubject"]["achievement"]["inLanguage"]
    with translation.override(certificate.locale or settings.LANGUAGE_CODE):
        image = render_to_string(
            "lms/badge.svg",
            {
                "baked": mark_safe(baking.credential_element(credential)),
                "name": credential["name"],
                "language": language,
                "learner": certificate.learner_name
                or _("a learner who has since deleted their account"),
                "course": credential["credentialSubject"]["achievement"]["name"],
                "site": settings.WAGTAIL_SITE_NAME,
                "issued": certificate.issued_at,
                "code": certificate.code,
            },
        )
    return image.encode(), credential


def status_list_credential(request):
    """The signed BitstringStatusListCredential of revocations: a certificate's bit, at its
    id, is set once it is revoked. One query."""
    revoked = Certificate.objects.filter(revoked_at__isnull=False)
    ids = list(revoked.values_list("id", flat=True))
    highest = Certificate.objects.aggregate(highest=Max("id"))["highest"] or 0
    url = status_list_url(request)
    now = timezone.now().replace(microsecond=0)
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(request),
        "validFrom": _timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": statuslist.encode(ids, length=(highest // 8 + 1) * 8),
        },
    }
    return _sign(credential, request, now)


def revoke(certificates):
    """Revoke certificates not revoked yet; returns how many were."""
    return certificates.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def reinstate(certificates):
    return certificates.filter(revoked_at__isnull=False).update(revoked_at=None)


# --- verification ------------------------------------------------------------------------


@dataclass
class CredentialCheck:
    """What checking an uploaded credential found. ``valid``: signed by this site's key,
    unchanged, for a certificate it issued, and not revoked."""

    signature: bool
    certificate: Certificate | None = None
    revoked: bool = False

    @property
    def valid(self):
        return self.signature and self.certificate is not None and not self.revoked


def _our_key(document):
    """The public key when the proof names one of this site's published keys (the current
    one or a retired one) under the credential's issuer."""
    keys = published_keys()
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer

    def resolve(method):
        if not isinstance(method, str) or not isinstance(issuer_id, str):
            return None
        did, _sep, name = method.partition("#")
        if did != issuer_id or not did.startswith("did:web:"):
            return None
        return keys.get(name)

    return resolve


def check_credential(document):
    """Check a credential someone holds: its proof, which certificate it is, and revocation."""
    if not isinstance(document, dict):
        return CredentialCheck(signature=False)
    signature = dataintegrity.verify(document, _our_key(document))
    if not signature:
        return CredentialCheck(signature=False)
    match = CODE_IN_ID.search(str(document.get("id", "")))
    code = normalise_code(match.group(1)) if match else None
    certificate = Certificate.objects.filter(code=code).first() if code else None
    status = document.get("credentialStatus") or {}
    if certificate is not None and str(status.get("statusListIndex")) != str(certificate.pk):
        certificate = None
    return CredentialCheck(
        signature=True,
        certificate=certificate,
        revoked=bool(certificate and certificate.is_revoked),
    )
