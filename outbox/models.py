"""The outbox: every domain event, written in the transaction of the change that causes it,
and one delivery per receiver (a webhook subscription or the xAPI LRS).

``Event.seq`` is the change feed's cursor. Events take their number under a row lock on
``FeedCounter`` held until their transaction commits, so numbers are handed out in commit
order: a reader that has seen number n will never later find a smaller one appear (no gaps
after a page, even while writers run). The lock serialises event-writing transactions, which
are short; it is the price of a gap-free cursor on every database.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def admin_column(label):
    def mark(method):
        method.short_description = label
        return method

    return mark


class FeedCounter(models.Model):
    """One row: the last event number handed out."""

    last = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.last)


class Event(models.Model):
    id = models.UUIDField(_("event id"), primary_key=True, default=uuid.uuid4, editable=False)
    seq = models.BigIntegerField(pgettext_lazy("outbox", "sequence"), unique=True, editable=False)
    type = models.CharField(_("type"), max_length=40, db_index=True)
    occurred_at = models.DateTimeField(_("occurred"), db_index=True)
    # What changed: a content object (course, lesson, case_study, partner) or a learner record.
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    translation_key = models.UUIDField(_("translation key"), null=True, blank=True)
    locale = models.CharField(_("locale"), max_length=10, blank=True)
    # The course page a lesson event belongs to: its change is a change of the course too.
    course_id = models.BigIntegerField(_("course page id"), null=True, blank=True, db_index=True)
    # Learner events belong to a learner; deleting the account deletes them (and stops their
    # deliveries: a deleted learner's statements are never sent).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("learner"),
    )
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = pgettext_lazy("outbox", "event")
        verbose_name_plural = pgettext_lazy("outbox", "events")

    def __str__(self):
        return f"{self.type} {self.object_type}:{self.object_id} ({self.id})"


class Subscription(models.Model):
    """A partner site's webhook endpoint."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("endpoint URL"), max_length=500)
    events = models.JSONField(
        pgettext_lazy("outbox", "events"),
        default=list,
        blank=True,
        help_text=_("Event types; none means all."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    secret = models.CharField(max_length=100, editable=False)
    # After a rotation the previous secret signs too, until previous_secret_expires_at.
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return self.name

    @admin_column(_("Secret"))
    def rotate_link(self):
        return format_html(
            '<a href="{}">{}</a>', reverse("webhooks:rotate", args=[self.pk]), _("Rotate")
        )

    def wants(self, event_type):
        return self.is_active and (not self.events or event_type in self.events)


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        DEAD = "dead", _("dead")

    class Kind(models.TextChoices):
        WEBHOOK = "webhook", _("webhook")
        XAPI = "xapi", _("xAPI statement")
        LTI_SCORE = "lti_score", _("LTI score (AGS)")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=pgettext_lazy("outbox", "event"),
    )
    kind = models.CharField(pgettext_lazy("outbox", "kind"), max_length=10, choices=Kind.choices)
    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    # An LTI score's gradebook column (outbox/ags.py): one delivery per line item.
    line_item = models.ForeignKey(
        "lti.LineItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("LTI line item"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "kind", "subscription"], name="outbox_one_delivery_per_receiver"
            )
        ]

    def __str__(self):
        return (
            f"{self.event.type} → {self.subscription or self.line_item or self.get_kind_display()}"
        )

    @admin_column(_("Replay"))
    def replay_link(self):
        if self.status == self.Status.DELIVERED:
            return ""
        url = reverse("webhook_deliveries:replay", args=[self.pk])
        return format_html('<a href="{}">{}</a>', url, _("Replay"))

    @admin_column(_("Log"))
    def attempt_log(self):
        return "\n".join(
            f"{attempt.at:%Y-%m-%d %H:%M:%S} {attempt.status_code or '-'} {attempt.error}"
            for attempt in self.log.all()[:20]
        )


class DeliveryAttempt(models.Model):
    """The delivery log: one row per request sent."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="log", verbose_name=_("delivery")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error[:40]}"
