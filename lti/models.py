"""Harbour as an LTI 1.3 tool: the platforms registered with it, the platform users it has
mapped to Harbour accounts, and the gradebook columns (AGS line items) its scores go to.

A platform is registered once per (issuer, client id): Canvas uses one issuer for every
customer, so the client id tells registrations apart. Its deployment ids are the
deployments (a whole site, a course) that may launch Harbour; any other is refused.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class Platform(ClusterableModel):
    name = models.CharField(_("name"), max_length=120, help_text=_("E.g. Moodle of a partner."))
    issuer = models.URLField(
        _("issuer"), max_length=255, help_text=_("The platform's iss, e.g. https://moodle.example")
    )
    client_id = models.CharField(
        _("client id"), max_length=255, help_text=_("The id the platform gave Harbour.")
    )
    auth_login_url = models.URLField(
        _("authentication request URL"),
        max_length=500,
        help_text=_("The platform's OIDC authorisation endpoint."),
    )
    auth_token_url = models.URLField(
        _("access token URL"),
        max_length=500,
        help_text=_("The platform's OAuth 2 token endpoint, for grades (AGS)."),
    )
    auth_audience = models.CharField(
        _("token audience"),
        max_length=500,
        blank=True,
        help_text=_("The aud of Harbour's token requests, if not the token URL."),
    )
    key_set_url = models.URLField(
        _("public key set URL"), max_length=500, help_text=_("The platform's JWKS.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("issuer"), FieldPanel("client_id")], heading=_("Who the platform is")
        ),
        MultiFieldPanel(
            [
                FieldPanel("auth_login_url"),
                FieldPanel("auth_token_url"),
                FieldPanel("auth_audience"),
                FieldPanel("key_set_url"),
            ],
            heading=_("The platform's endpoints"),
        ),
        InlinePanel("deployments", heading=_("Deployments"), label=_("deployment")),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("LTI platform")
        verbose_name_plural = _("LTI platforms")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_one_registration")
        ]

    def __str__(self):
        return self.name

    def deployment_ids(self):
        return [deployment.deployment_id for deployment in self.deployments.all()]


class Deployment(Orderable):
    platform = ParentalKey(Platform, on_delete=models.CASCADE, related_name="deployments")
    deployment_id = models.CharField(_("deployment id"), max_length=255)

    panels = [FieldPanel("deployment_id")]

    class Meta(Orderable.Meta):
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment_id"], name="lti_one_deployment_id"
            )
        ]

    def __str__(self):
        return self.deployment_id


class Identity(models.Model):
    """A platform's user (its ``sub``) as a Harbour learner."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="identities", verbose_name=_("platform")
    )
    sub = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lti_identities",
        verbose_name=_("learner"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LTI identity")
        verbose_name_plural = _("LTI identities")
        constraints = [
            models.UniqueConstraint(fields=["platform", "sub"], name="lti_one_user_per_sub")
        ]

    def __str__(self):
        return f"{self.platform}: {self.sub}"


# The AGS scope that lets a tool post scores to a line item.
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


class LineItem(models.Model):
    """Where a learner's score for one course or lesson goes: the AGS line item of the resource
    link they launched, recorded at the launch when the platform grants the score scope."""

    class Kind(models.TextChoices):
        COURSE = "course", _("course")
        LESSON = "lesson", _("lesson")

    identity = models.ForeignKey(
        Identity, on_delete=models.CASCADE, related_name="line_items", verbose_name=_("identity")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    translation_key = models.UUIDField(_("translation key"), db_index=True)
    url = models.URLField(_("line item URL"), max_length=500)
    resource_link_id = models.CharField(_("resource link id"), max_length=255, blank=True)
    deployment_id = models.CharField(_("deployment id"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("LTI line item")
        verbose_name_plural = _("LTI line items")
        constraints = [
            models.UniqueConstraint(
                fields=["identity", "kind", "translation_key", "url"], name="lti_one_line_item"
            )
        ]

    def __str__(self):
        return self.url


def resource_url(request, kind, translation_key):
    """The LTI launch address of a course or lesson (``kind``) for platforms: what Deep
    Linking returns and what a course export's lessons carry."""
    return request.build_absolute_uri(
        reverse("lti:resource", kwargs={"kind": kind, "translation_key": translation_key})
    )
