"""Headless preview: a partner front end shows an editor's draft through the API.

An editor who opens the preview gets a short-lived signed token for the latest revision of
the page; the partner front end sends it to ``GET /api/v1/preview/?token=…`` and gets the
draft in the API's own format. Nothing is stored: the token is the page id and the revision
id, signed with the site's SECRET_KEY (Django's TimestampSigner, salt ``harbour.preview``),
and it expires after ``HARBOUR_PREVIEW_TOKEN_MAX_AGE`` seconds (default 600)::

    token = make_token(page).token
    draft = open_token(token)          # draft.page: the revision's page object

An expired token raises ``TokenExpired``, anything else that does not verify ``TokenInvalid``,
and a token whose page or revision is gone ``DraftNotFound``. Opening a token costs two
queries (the page, the revision).

When ``HARBOUR_HEADLESS_PREVIEW_URL`` is set, the pages with ``HeadlessPreviewMixin`` get a
second preview mode in the admin, "Partner front end", which shows that URL with a fresh
token (``?content_type=courses.lessonpage&token=…``, the parameters wagtail-headless-preview
front ends read). Wagtail's own preview stays the default mode, and is the only one when the
variable is unset.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

SALT = "harbour.preview"
HEADLESS_PREVIEW_MODE = "headless"


class PreviewError(Exception):
    code = "invalid_token"


class TokenExpired(PreviewError):
    code = "token_expired"


class TokenInvalid(PreviewError):
    code = "invalid_token"


class DraftNotFound(PreviewError):
    code = "not_found"


def max_age():
    return int(getattr(settings, "HARBOUR_PREVIEW_TOKEN_MAX_AGE", 600))


def headless_preview_url():
    """The partner front end's preview address, or "" when none is configured."""
    return getattr(settings, "HARBOUR_HEADLESS_PREVIEW_URL", "") or ""


def _signer():
    return signing.TimestampSigner(salt=SALT)


@dataclass(frozen=True)
class PreviewToken:
    token: str
    page: Page
    revision: object  # wagtail.models.Revision, or None for a page saved without revisions
    expires_at: datetime.datetime


@dataclass(frozen=True)
class Draft:
    page: Page  # the specific page as the revision has it
    revision: object
    expires_at: datetime.datetime


def make_token(page):
    """A token for the latest revision of ``page`` (what the editor saw when they opened the
    preview)."""
    page = page.specific
    revision = page.get_latest_revision()
    payload = {"page": page.pk, "revision": revision.pk if revision else None}
    token = _signer().sign_object(payload)
    return PreviewToken(
        token, page, revision, timezone.now() + datetime.timedelta(seconds=max_age())
    )


def _signed_at(token):
    # A TimestampSigner value is "payload:timestamp:signature", the timestamp in base 62.
    return datetime.datetime.fromtimestamp(
        signing.b62_decode(token.rsplit(":", 2)[1]), tz=datetime.UTC
    )


def open_token(token, max_age_seconds=None):
    """The draft a token names. Raises TokenExpired, TokenInvalid or DraftNotFound."""
    age = max_age() if max_age_seconds is None else max_age_seconds
    try:
        payload = _signer().unsign_object(token or "", max_age=age)
    except signing.SignatureExpired as error:
        raise TokenExpired(_("The preview token has expired.")) from error
    except (signing.BadSignature, ValueError) as error:
        raise TokenInvalid(_("The preview token is not valid.")) from error
    if not isinstance(payload, dict) or not isinstance(payload.get("page"), int):
        raise TokenInvalid(_("The preview token is not valid."))
    page = Page.objects.filter(pk=payload["page"]).specific().first()
    if page is None:
        raise DraftNotFound(_("The page of this preview no longer exists."))
    revision = None
    if payload.get("revision") is not None:
        revision = page.revisions.filter(pk=payload["revision"]).first()
        if revision is None:
            raise DraftNotFound(_("The revision of this preview no longer exists."))
    draft = revision.as_object() if revision is not None else page
    expires_at = _signed_at(token) + datetime.timedelta(seconds=age)
    return Draft(draft, revision, expires_at)


def partner_url(preview_token):
    """The partner front end's address for a token, its own query parameters kept."""
    parts = urlsplit(headless_preview_url())
    page = preview_token.page
    query = parse_qsl(parts.query, keep_blank_values=True) + [
        ("content_type", f"{page._meta.app_label}.{page._meta.model_name}"),
        ("token", preview_token.token),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


class HeadlessPreviewMixin:
    """For the page models the preview API serves: a "Partner front end" preview mode when
    HARBOUR_HEADLESS_PREVIEW_URL is set. The default mode stays Wagtail's own."""

    @property
    def preview_modes(self):
        modes = list(super().preview_modes)
        if headless_preview_url():
            modes.append((HEADLESS_PREVIEW_MODE, _("Partner front end")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name != HEADLESS_PREVIEW_MODE or not headless_preview_url():
            return super().serve_preview(request, mode_name)
        # The preview form holds unsaved edits; the token names the latest saved revision.
        saved = Page.objects.filter(pk=self.pk).first() if self.pk else None
        context = {"page": self, "max_age_minutes": max(1, max_age() // 60)}
        if saved is not None:
            preview_token = make_token(saved)
            context.update(
                preview_url=partner_url(preview_token),
                revision=preview_token.revision,
                expires_at=preview_token.expires_at,
            )
        return TemplateResponse(request, "courses/admin/headless_preview.html", context)
