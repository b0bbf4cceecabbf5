"""What a validated LTI message does in Harbour, for lti.views.

- A resource link launch (``LtiResourceLinkRequest``) names a course or a lesson by its
  ``target_link_uri``, one of Harbour's resource URLs (``/lti/resource/<kind>/<translation
  key>/``: the address Deep Linking returns and the thin Common Cartridge writes). The
  platform's user (``iss`` and ``sub``) becomes a Harbour learner, created without a password
  on the first launch; they are enrolled in the course and land on the course or lesson in the
  launch's language (``launch_presentation.locale``, if it is one of the nine; else their
  profile's) or its fallback.
- With the AGS claim and its score scope, the launch records the resource link's line item:
  quiz attempts (a lesson's) and course completion (a course's) then go back to it through
  the outbox (outbox/ags.py).
- A Deep Linking request (``LtiDeepLinkingRequest``) opens the picker; ``deep_link_items``
  turns the chosen course or lesson into an ``ltiResourceLink`` content item, with a
  ``lineItem`` when it is scorable (a course, and a lesson with a quiz).
"""

import hashlib
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from courses.models import CoursePage, LessonPage
from lms import i18n
from lms.api import links
from lms.services import accounts, enrolment
from lms.services.pages import lesson_course

from .models import SCORE_SCOPE, Identity, LineItem, resource_url
from .tool import LaunchRefused

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
MESSAGE_TYPE = CLAIM + "message_type"
TARGET_LINK_URI = CLAIM + "target_link_uri"
RESOURCE_LINK = CLAIM + "resource_link"
DEPLOYMENT_ID = CLAIM + "deployment_id"
LAUNCH_PRESENTATION = CLAIM + "launch_presentation"
ROLES = CLAIM + "roles"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest"
DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest"
KINDS = {"course": CoursePage, "lesson": LessonPage}
TEACHING_ROLES = ("#Instructor", "#Administrator", "#ContentDeveloper", "#TeachingAssistant")


def is_harbours(request, url):
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and parts.netloc == request.get_host()


def target_of(request, url):
    """``(kind, translation_key)`` of one of Harbour's resource URLs; LaunchRefused else."""
    if not is_harbours(request, url):
        raise LaunchRefused(
            _("The link's target (%(url)s) is not an address of this Harbour site.")
            % {"url": url or "-"}
        )
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        match = None
    if match is None or match.view_name != "lti:resource":
        raise LaunchRefused(
            _("The link's target (%(url)s) is not a Harbour course or lesson.") % {"url": url}
        )
    return match.kwargs["kind"], match.kwargs["translation_key"]


def claim(body, name):
    """A claim that the spec makes an object, or ``{}`` when it is missing or of another
    type: a platform's malformed claim is ignored, never a 500."""
    value = body.get(name)
    return value if isinstance(value, dict) else {}


def claim_text(value, limit):
    """A string claim cut to ``limit``, or "" when it is missing or not a string."""
    return value[:limit] if isinstance(value, str) else ""


def launch_language(body):
    locale = claim(body, LAUNCH_PRESENTATION).get("locale")
    return i18n.match_language(locale) if isinstance(locale, str) else None


def served_page(kind, translation_key, code):
    """The served course or lesson of that translation group in language ``code`` (or its
    fallback), or None."""
    requested = i18n.requested_locale(code or i18n.fallback_locale_code())
    model = KINDS[kind]
    return (
        model.objects.served()
        .localized(requested)
        .filter(translation_key=translation_key)
        .select_related("locale")
        .first()
    )


def username_for(platform, sub):
    digest = hashlib.sha256(f"{platform.issuer}\n{platform.client_id}\n{sub}".encode())
    return f"lti-{digest.hexdigest()[:24]}"


def learner(platform, body, language=None):
    """The Harbour learner of the platform's ``sub``: found, or created without a password."""
    sub = body.get("sub")
    if not sub:
        raise LaunchRefused(_("The launch names no user (sub)."))
    with transaction.atomic():
        identity = (
            Identity.objects.select_related("user").filter(platform=platform, sub=sub).first()
        )
        if identity is None:
            user, _created = get_user_model().objects.get_or_create(
                username=username_for(platform, sub),
                defaults={
                    "first_name": claim_text(body.get("given_name"), 150),
                    "last_name": claim_text(body.get("family_name"), 150),
                    "email": launch_email(body),
                },
            )
            if _created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                profile = accounts.profile_for(user)
                if language:
                    profile.preferred_language = language
                    profile.save(update_fields=["preferred_language"])
            identity, _created = Identity.objects.get_or_create(
                platform=platform, sub=sub, defaults={"user": user}
            )
    return identity


def launch_email(body):
    """The platform's email for a new learner, unless it is too long or another account
    has it already (as sign-up refuses it): then the learner starts without one."""
    email = body.get("email")
    if not isinstance(email, str) or len(email) > 254:
        return ""
    if get_user_model().objects.filter(email__iexact=email).exists():
        return ""
    return email


def record_line_item(identity, kind, translation_key, body):
    endpoint = claim(body, AGS_ENDPOINT)
    url = endpoint.get("lineitem")
    if not url or SCORE_SCOPE not in (endpoint.get("scope") or []):
        return None
    line_item, _created = LineItem.objects.update_or_create(
        identity=identity,
        kind=kind,
        translation_key=translation_key,
        url=url,
        defaults={
            "resource_link_id": str(claim(body, RESOURCE_LINK).get("id") or "")[:255],
            "deployment_id": str(body.get(DEPLOYMENT_ID) or "")[:255],
        },
    )
    return line_item


def resource_launch(request, platform, body):
    """Sign the platform's user in as a Harbour learner and return ``(user, url)``: where the
    launch lands."""
    kind, translation_key = target_of(request, body.get(TARGET_LINK_URI))
    language = launch_language(body)
    identity = learner(platform, body, language)
    language = language or accounts.profile_for(identity.user).preferred_language
    page = served_page(kind, translation_key, language)
    if page is None:
        raise LaunchRefused(_("This course or lesson is not published on Harbour (any more)."))
    course = page if kind == "course" else lesson_course(page)
    if course is None:
        raise LaunchRefused(_("This lesson's course is not published on Harbour."))
    enrolment.enrol(identity.user, course)
    record_line_item(identity, kind, translation_key, body)
    return identity.user, links.page_url(request, page, language=language)


def may_deep_link(body):
    roles = body.get(ROLES) or []
    return any(role.endswith(TEACHING_ROLES) for role in roles)


def content_item(request, kind, page):
    """The Deep Linking 2.0 ``ltiResourceLink`` of a course or lesson, with a ``lineItem``
    (0-100) when Harbour sends it a score: a course's completion, a lesson's quiz."""
    item = {
        "type": "ltiResourceLink",
        "title": page.title,
        "url": resource_url(request, kind, page.translation_key),
    }
    text = getattr(page, "search_description", "") or ""
    if text:
        item["text"] = text
    scorable = kind == "course" or bool(page.quiz_blocks())
    if scorable:
        item["lineItem"] = {
            "scoreMaximum": 100,
            "label": page.title,
            "resourceId": f"{kind}:{page.translation_key}",
            "tag": "completion" if kind == "course" else "quiz",
        }
    return item


def picked(kind, translation_key, code):
    if kind not in KINDS:
        return None
    return served_page(kind, translation_key, code)


def export_identities(user):
    """The learner's data export: the platforms they came from, as whom, and where their
    scores go."""
    found = []
    for identity in (
        Identity.objects.filter(user=user).select_related("platform").prefetch_related("line_items")
    ):
        found.append(
            {
                "platform": identity.platform.name,
                "issuer": identity.platform.issuer,
                "sub": identity.sub,
                "since": identity.created_at.isoformat(),
                "gradebook_columns": [
                    {
                        "kind": item.kind,
                        "translation_key": str(item.translation_key),
                        "url": item.url,
                    }
                    for item in identity.line_items.all()
                ],
            }
        )
    return found


DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
DL_CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
NotFound = enrolment.NotFound
