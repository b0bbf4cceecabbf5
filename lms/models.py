"""The learner side of Harbour, and the keys partner sites use to call the API."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class APIKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class APIKey(models.Model):
    """A key a partner site sends as ``Authorization: Api-Key <key>``.

    Only a hash of the key is stored; the key itself is shown once, when it is created.
    """

    PREFIX_LENGTH = 8

    name = models.CharField(
        _("name"), max_length=100, help_text=_("Who uses the key, e.g. the partner portal")
    )
    partner = models.ForeignKey(
        "courses.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    hashed_key = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    throttle_rate = models.CharField(
        _("throttle rate"),
        max_length=20,
        blank=True,
        help_text=_("For example 1000/hour. Leave empty for the default rate for keys."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = APIKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key):
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def generate(cls, **fields):
        """Create a key and return ``(api_key, plain_key)``; the plain key is never stored."""
        prefix = secrets.token_hex(cls.PREFIX_LENGTH // 2)
        plain = f"{prefix}.{secrets.token_urlsafe(32)}"
        api_key = cls.objects.create(prefix=prefix, hashed_key=cls.hash(plain), **fields)
        return api_key, plain

    @classmethod
    def from_plain(cls, plain):
        prefix, _sep, _rest = (plain or "").partition(".")
        if not prefix or len(prefix) != cls.PREFIX_LENGTH:
            return None
        api_key = cls.objects.active().filter(prefix=prefix).first()
        if api_key is None or not secrets.compare_digest(api_key.hashed_key, cls.hash(plain)):
            return None
        return api_key


# --- Learners -----------------------------------------------------------------------------
#
# Progress is stored against translation keys, never against the page of one locale: the
# same lesson in Polish and in English is one lesson for the learner, and deleting or
# re-creating a page never deletes a learner's history.


def language_choices():
    return settings.LANGUAGES


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=language_choices, default="en"
    )
    # Codes, not foreign keys: the snippets exist once per locale, the learner's choice does not.
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2, e.g. PL")
    )
    subsector = models.CharField(_("subsector"), max_length=80, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    lesson_emails = models.BooleanField(
        _("Email me when a new lesson is published in my courses"), default=False
    )
    # The address the learner proved they read (lms/services/verification.py), and when.
    # Verified means this equals the account's email now: a changed email is unverified.
    verified_email = models.EmailField(_("verified email"), blank=True)
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return str(self.user)

    @classmethod
    def mark_verified(cls, user):
        """Records the account's present address as verified (the link's work, and the
        demo's own accounts)."""
        from django.utils import timezone

        profile, _created = cls.objects.get_or_create(user=user)
        if not profile.email_verified:
            profile.verified_email = user.email
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["verified_email", "email_verified_at", "updated_at"])
        return profile

    @property
    def email_verified(self):
        email = self.user.email
        return bool(
            email and self.email_verified_at and self.verified_email.casefold() == email.casefold()
        )


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course_key = models.UUIDField(_("course translation key"), db_index=True)
    # The language the learner enrolled in, for the editors' report per locale.
    locale = models.CharField(_("locale"), max_length=10, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    # When the course was first complete; lessons published later are "new" for this learner.
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="unique_enrolment")
        ]

    def __str__(self):
        return f"{self.user} · {self.course_key}"


class LessonProgress(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    # Status only ever moves forward in this order.
    ORDER = {Status.NOT_STARTED: 0, Status.IN_PROGRESS: 1, Status.COMPLETED: 2}

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson_key = models.UUIDField(_("lesson translation key"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    position = models.CharField(
        _("position"),
        max_length=255,
        blank=True,
        help_text=_("Where the learner stopped: a block id or a percentage"),
    )
    time_spent = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson_key"], name="unique_lesson_progress"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.lesson_key}: {self.status}"


class QuizAttempt(models.Model):
    """One graded attempt at one quiz block. Every attempt is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    lesson_key = models.UUIDField(_("lesson translation key"))
    quiz_id = models.CharField(_("quiz block id"), max_length=64)
    locale = models.CharField(_("locale"), max_length=10, blank=True)
    answers = models.JSONField(_("answers"), default=dict)
    results = models.JSONField(_("results"), default=list)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "lesson_key", "quiz_id"])]

    def __str__(self):
        return f"{self.user} · {self.quiz_id}: {self.score}%"


class Reflection(models.Model):
    """A learner's private note on one reflection block of a lesson. Only its learner reads
    it; it belongs to the lesson's translation key, so it is the same note in every language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    lesson_key = models.UUIDField(_("lesson translation key"))
    block_id = models.CharField(_("reflection block id"), max_length=64)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["lesson_key", "block_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson_key", "block_id"], name="unique_reflection"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.block_id}"


class Certificate(models.Model):
    """Proof that a learner completed a course, checkable by anyone who has the code.

    When a learner deletes their account the certificate stays verifiable but loses its
    link to the person and their name.
    """

    code = models.CharField(_("code"), max_length=32, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course_key = models.UUIDField(_("course translation key"))
    learner_name = models.CharField(_("learner name"), max_length=255, blank=True)
    # When the learner confirmed the name to print (asked on their first certificate).
    name_confirmed_at = models.DateTimeField(_("name confirmed"), null=True, blank=True)
    course_title = models.CharField(_("course title"), max_length=255)
    locale = models.CharField(_("locale"), max_length=10, blank=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    # Set by the admin's "revoke" action; the Bitstring Status List then has the bit at the
    # certificate's id set, and the verify page and the API say it is revoked.
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="unique_certificate")
        ]

    def __str__(self):
        return self.code

    @property
    def is_anonymised(self):
        return self.user_id is None

    @property
    def is_revoked(self):
        return self.revoked_at is not None
