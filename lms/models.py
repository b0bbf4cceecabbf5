"""The learner side of Harbour, and the keys partner sites use to call the API."""

import hashlib
import secrets

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
