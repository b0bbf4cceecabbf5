"""The event page's admin form.

- Hosts, co-hosts, subsectors and countries are chosen among the source-language snippets
  (courses.admin_forms), as on courses.
- Start and end are typed in the event's timezone, whatever the editor's own: the form shows
  the stored UTC moments in that timezone and reads what is typed back in it.
- An editor whose groups belong to partners (``PartnerEditors``) hosts events for those
  partners only, and names at least one of them as host; superusers and editors of no
  partner choose freely. The same rule (``editable_partner_keys``, ``partner_in_reach``,
  ``in_reach``) keeps them to their partners' competencies and contact requests
  (network/wagtail_hooks.py).
"""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from courses.admin_forms import SourceSnippetChoices
from lms.i18n import language_name


def editable_partner_keys(user):
    """The translation keys of the partners ``user`` edits events for, or None for any."""
    from .models import PartnerEditors

    if user is None or user.is_superuser:
        return None
    keys = set(
        PartnerEditors.objects.filter(group__in=user.groups.all()).values_list(
            "partner__translation_key", flat=True
        )
    )
    return keys or None


def partner_in_reach(user, partner):
    """Whether ``user`` works for ``partner`` (of any locale): always for superusers and
    editors of no partner, else when one of their groups is that partner's editors."""
    keys = editable_partner_keys(user)
    return keys is None or (partner is not None and partner.translation_key in keys)


def in_reach(queryset, user, partner_field="partner"):
    """The rows of ``queryset`` whose partner ``user`` works for."""
    keys = editable_partner_keys(user)
    if keys is None:
        return queryset
    return queryset.filter(**{f"{partner_field}__translation_key__in": keys})


class EventPageForm(SourceSnippetChoices, WagtailAdminPageForm):
    source_snippet_fields = ("hosts", "co_hosts", "subsectors", "countries")

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=[(code, language_name(code)) for code, _n in settings.WAGTAIL_CONTENT_LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        zone = self._zone(instance.timezone)
        for name in ("starts_at", "ends_at"):
            value = getattr(instance, name, None)
            if value is not None and name in self.fields:
                # Naive, in the event's timezone: the widget shows it as it is.
                self.initial[name] = timezone.make_naive(value, zone)
        self.partner_keys = editable_partner_keys(getattr(self, "for_user", None))
        if self.partner_keys is not None and "hosts" in self.fields:
            field = self.fields["hosts"]
            field.queryset = field.queryset.filter(translation_key__in=self.partner_keys)
            field.help_text = _("You add events for your own organisation.")

    @staticmethod
    def _zone(name):
        try:
            return zoneinfo.ZoneInfo(name or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def clean(self):
        cleaned = super().clean()
        zone = self._zone(cleaned.get("timezone") or self.instance.timezone)
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if value is not None:
                # The field read the text in the editor's timezone; read it in the event's.
                typed = timezone.make_naive(value, timezone.get_current_timezone())
                cleaned[name] = timezone.make_aware(typed, zone)
        if self.partner_keys is not None:
            hosts = cleaned.get("hosts")
            if hosts is not None and not any(
                host.translation_key in self.partner_keys for host in hosts
            ):
                self.add_error("hosts", _("Name your organisation as a host of the event."))
        return cleaned


class FocusPeriodForm(SourceSnippetChoices, WagtailAdminModelForm):
    """A focus period: its country and featured partners among the source-language snippets."""

    source_snippet_fields = ("country", "partners")


class CompetenciesForm(SourceSnippetChoices, WagtailAdminModelForm):
    """A partner's competencies: the partner and the vocabulary in the source language. A
    partner's editor declares for their own organisation only."""

    source_snippet_fields = ("partner", "offers", "seeks")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keys = editable_partner_keys(getattr(self, "for_user", None))
        if keys is not None and "partner" in self.fields:
            field = self.fields["partner"]
            field.queryset = field.queryset.filter(translation_key__in=keys)
            field.help_text = _("You describe your own organisation.")
