"""Contact requests: a learner writes to a cooperation partner. The request is stored and
emailed to the partner's private contact by a task on the queue (django-tasks), after the
transaction commits, in the partner's language; the requester never sees the address.
A learner may send ``DAILY_LIMIT`` requests in any 24 hours, once they have confirmed their
email address (lms/services/verification.py): the partner answers to it.

The partner answers by email (the request's Reply-To is the learner), or from the admin
(``answer_request``): the answer is emailed to the learner through the queue, in the
learner's language, with the partner's contact as Reply-To, and from then on the requester
(and only they) sees who answered and the address they answered from."""

import datetime
import math

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from courses.models import Partner
from lms.i18n import fallback_locale_code, supported_locale_codes
from lms.services import verification
from lms.services.emails import language_of, send_rendered

from .models import ContactRequest, PartnerCompetencies

DAILY_LIMIT = 5

# The language a partner is written to in, by its country; others get the fallback.
COUNTRY_LANGUAGES = {
    "DE": "de",
    "AT": "de",
    "DK": "da",
    "SE": "sv",
    "FI": "fi",
    "EE": "et",
    "LV": "lv",
    "LT": "lt",
    "PL": "pl",
}


class ContactError(Exception):
    """``retry_after``: for ``contact_limit``, the seconds until a request may be sent."""

    def __init__(self, message, code, retry_after=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.retry_after = retry_after


def partner_language(partner):
    code = COUNTRY_LANGUAGES.get(partner.country.code.upper(), "")
    return code if code in supported_locale_codes() else fallback_locale_code()


def source_partner(partner_id):
    """The source-language record of the partner with this id (of any locale), or None."""
    found = Partner.objects.filter(pk=partner_id).values_list("translation_key", flat=True).first()
    if found is None:
        return None
    return (
        Partner.objects.filter(translation_key=found, locale__language_code=fallback_locale_code())
        .select_related("country")
        .first()
    )


LIMIT_WINDOW = datetime.timedelta(days=1)


def seconds_until_next(user):
    """How long until ``user`` may send a request again: 0 below the limit, else until the
    oldest of the window's requests leaves it."""
    now = timezone.now()
    recent = ContactRequest.objects.filter(user=user, created_at__gte=now - LIMIT_WINDOW)
    dates = list(recent.order_by("-created_at").values_list("created_at", flat=True))
    if len(dates) < DAILY_LIMIT:
        return 0
    oldest_counted = dates[DAILY_LIMIT - 1]
    return max(1, math.ceil((oldest_counted + LIMIT_WINDOW - now).total_seconds()))


def create_request(
    user, partner, message, visit_starts_on=None, visit_ends_on=None, group_size=None
):
    """Stores the request and queues its email; ContactError when over the daily limit or
    when the partner has no contact person."""
    from django.utils.translation import gettext as _

    if not verification.is_verified(user):
        raise ContactError(
            _(
                "Please confirm your email address before you write to partners: they answer "
                "you there. Open the link we emailed you, or ask for a new one."
            ),
            "email_unverified",
        )
    if not PartnerCompetencies.objects.filter(partner=partner).exclude(contact_email="").exists():
        raise ContactError(
            _("This partner has no contact person in Harbour yet."), "no_contact_person"
        )
    with transaction.atomic():
        # The learner's row, locked: two requests at once cannot both pass the limit.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        wait = seconds_until_next(user)
        if wait:
            raise ContactError(
                _("You can send %(limit)s contact requests a day. Please try again tomorrow.")
                % {"limit": DAILY_LIMIT},
                "contact_limit",
                retry_after=wait,
            )
        request = ContactRequest.objects.create(
            user=user,
            partner=partner,
            message=message,
            visit_starts_on=visit_starts_on,
            visit_ends_on=visit_ends_on,
            group_size=group_size,
        )
        transaction.on_commit(lambda: send_contact_request.enqueue(request.pk))
    return request


@task()
def send_contact_request(request_id):
    found = ContactRequest.objects.select_related("user", "partner__country").filter(pk=request_id)
    request = found.first()
    if request is None or request.emailed_at is not None:
        return 0
    contact = PartnerCompetencies.objects.filter(partner=request.partner).first()
    if contact is None or not contact.contact_email:
        return 0
    send_rendered(
        "network/email/contact_request",
        {"request": request, "requester": request.user, "partner": request.partner},
        to=[contact.contact_email],
        language=partner_language(request.partner),
        reply_to=[request.user.email] if request.user.email else [],
    )
    ContactRequest.objects.filter(pk=request.pk).update(emailed_at=timezone.now())
    return 1


def answer_request(request, editor, reply):
    """The partner's answer from the admin, by ``editor``: stored, and emailed to the
    requester once the transaction commits. ContactError when it was answered already or the
    partner has no contact address to answer from."""
    from django.utils.translation import gettext as _

    with transaction.atomic():
        locked = ContactRequest.objects.select_for_update().get(pk=request.pk)
        if locked.answered_at is not None:
            raise ContactError(_("This request has been answered already."), "already_answered")
        contact = PartnerCompetencies.objects.filter(partner=locked.partner).first()
        if contact is None or not contact.contact_email:
            raise ContactError(
                _("Give the partner a contact email first: the answer comes from it."),
                "no_contact_person",
            )
        locked.answered_at = timezone.now()
        locked.answered_by = editor
        locked.answered_by_name = editor.get_full_name() or editor.get_username()
        locked.reply_from = contact.contact_email
        locked.reply = reply
        locked.save(
            update_fields=["answered_at", "answered_by", "answered_by_name", "reply_from", "reply"]
        )
        transaction.on_commit(lambda: send_contact_reply.enqueue(locked.pk))
    return locked


@task()
def send_contact_reply(request_id):
    request = ContactRequest.objects.select_related("user", "partner").filter(pk=request_id).first()
    if request is None or request.answered_at is None or request.reply_emailed_at is not None:
        return 0
    if not request.user.email:
        return 0
    send_rendered(
        "network/email/contact_reply",
        {"request": request, "requester": request.user, "partner": request.partner},
        to=[request.user.email],
        language=language_of(request.user),
        reply_to=[request.reply_from],
    )
    ContactRequest.objects.filter(pk=request.pk).update(reply_emailed_at=timezone.now())
    return 1


def export_match_making(user):
    """The learner's match-making profile and contact requests, for their data export."""
    from .models import MatchProfile

    profile = (
        MatchProfile.objects.filter(user=user)
        .select_related("country")
        .prefetch_related("offers", "seeks", "subsectors")
        .first()
    )
    requests = ContactRequest.objects.filter(user=user).select_related("partner")
    return {
        "profile": {
            "offers": sorted(c.slug for c in profile.offers.all()),
            "seeks": sorted(c.slug for c in profile.seeks.all()),
            "country": profile.country.code.upper() if profile.country_id else "",
            "subsectors": sorted(s.slug for s in profile.subsectors.all()),
        }
        if profile
        else None,
        "contact_requests": [
            {
                "partner": request.partner.name,
                "message": request.message,
                "visit_starts_on": request.visit_starts_on.isoformat()
                if request.visit_starts_on
                else None,
                "visit_ends_on": request.visit_ends_on.isoformat()
                if request.visit_ends_on
                else None,
                "group_size": request.group_size,
                "created_at": request.created_at.isoformat(),
                "emailed_at": request.emailed_at.isoformat() if request.emailed_at else None,
                "answered_at": request.answered_at.isoformat() if request.answered_at else None,
                "answered_by": request.answered_by_name,
                "answered_from": request.reply_from,
                "answer": request.reply,
            }
            for request in requests
        ],
    }
