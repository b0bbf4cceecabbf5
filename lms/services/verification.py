"""Confirming a learner's email address: the signed, expiring link Harbour emails at sign-up
and whenever the address changes, and what it proves.

- The link signs the learner's id and the address it was sent to, and works for
  ``HARBOUR_EMAIL_VERIFICATION_HOURS``; a changed, cut or expired link, or one for an address
  the account no longer has, verifies nothing (``check`` says which).
- Verified means ``Profile.verified_email`` is the account's email now (``is_verified``): a
  learner who changes the address is unverified until they open the new link.
- The email goes through the task queue after the transaction commits, in the learner's
  language (``emails._send``). Asking again is limited per learner by the
  ``verification_email`` rate (``lms.api.throttling.LearnerActionThrottle``).
- Contact requests to partners need a verified address (network/contact.py).
"""

import enum

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from lms.models import Profile

from .emails import _send, language_of, site_url

SALT = "harbour.email-verification"
THROTTLE_SCOPE = "verification_email"


class Check(enum.Enum):
    VALID = "valid"
    INVALID = "invalid"  # changed, cut short, or not a link of ours
    EXPIRED = "expired"
    OUTDATED = "outdated"  # made for an address the account no longer has


def max_age():
    return settings.HARBOUR_EMAIL_VERIFICATION_HOURS * 3600


def token_for(user, email=None):
    return signing.dumps({"u": user.pk, "e": email or user.email}, salt=SALT, compress=True)


def check(token):
    """``(Check, user or None)`` for a link's token."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        return Check.EXPIRED, None
    except (signing.BadSignature, TypeError, ValueError):
        return Check.INVALID, None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return Check.INVALID, None
    user = get_user_model().objects.filter(pk=data["u"], is_active=True).first()
    if user is None:
        return Check.INVALID, None
    if not user.email or user.email.casefold() != str(data.get("e", "")).casefold():
        return Check.OUTDATED, user
    return Check.VALID, user


def is_verified(user):
    if not getattr(user, "is_authenticated", False):
        return False
    profile = Profile.objects.filter(user=user).select_related("user").first()
    return bool(profile and profile.email_verified)


def state(user):
    """What the pages show: ``{"email", "verified", "verified_at"}``."""
    profile = Profile.objects.filter(user=user).select_related("user").first()
    verified = bool(profile and profile.email_verified)
    return {
        "email": user.email,
        "verified": verified,
        "verified_at": profile.email_verified_at if verified else None,
    }


def verify(token):
    """Marks the token's address verified; returns the ``Check`` (VALID when done)."""
    result, user = check(token)
    if result is Check.VALID:
        Profile.mark_verified(user)
    return result


@task()
def send_verification_email(user_id, email):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    # A link for an address the account has left since would verify nothing.
    if user is None or not user.email or user.email.casefold() != email.casefold():
        return 0
    with translation.override(language_of(user)):
        url = site_url(reverse("lms:verify-email", kwargs={"token": token_for(user, email)}))
    _send(
        user,
        "verify_email",
        {"verify_url": url, "hours": settings.HARBOUR_EMAIL_VERIFICATION_HOURS},
    )
    return 1


def send_link(user):
    """Queues the email with a new link once the transaction commits (no limit: sign-up)."""
    if not user.email:
        return
    user_id, email = user.pk, user.email
    transaction.on_commit(lambda: send_verification_email.enqueue(user_id, email))


def wait_message(seconds):
    minutes = max(1, -(-int(seconds or 0) // 60))
    return ngettext(
        "You asked for several links already. Please try again in %(minutes)s minute.",
        "You asked for several links already. Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def resend_link(request):
    """The learner asks for a new link: ``(sent, message)``, within the rate limit."""
    from lms.api.throttling import LearnerActionThrottle

    user = request.user
    if is_verified(user):
        return False, _("Your email address is already confirmed.")
    throttle = LearnerActionThrottle(THROTTLE_SCOPE)
    if not throttle.allow(request):
        return False, wait_message(throttle.wait())
    send_link(user)
    return True, _("We sent a new link to %(email)s. It works for %(hours)s hours.") % {
        "email": user.email,
        "hours": settings.HARBOUR_EMAIL_VERIFICATION_HOURS,
    }


def email_changed(request, old_email):
    """After the learner saved their account: a new address is unverified and gets a link
    (counted against the same limit). Returns a message for the page, or None."""
    from lms.api.throttling import LearnerActionThrottle

    user = request.user
    if (old_email or "").casefold() == (user.email or "").casefold():
        return None
    throttle = LearnerActionThrottle(THROTTLE_SCOPE)
    if not throttle.allow(request):
        return _("Your new address is saved but not confirmed yet. Ask for a link again later.")
    send_link(user)
    return _("We sent a link to %(email)s: open it to confirm your new address.") % {
        "email": user.email
    }
