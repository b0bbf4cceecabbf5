"""The network's admin: event series and partner editors (snippets), and the rule that a
partner's editors edit their own organisation's events only (admin_forms.py keeps them to
their partners when they add one)."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import editable_partner_keys
from .models import (
    Competency,
    ContactRequest,
    EventPage,
    EventSeries,
    FocusPeriod,
    PartnerCompetencies,
    PartnerEditors,
)


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    menu_label = _("Event series")
    list_display = ["name", "slug"]
    list_filter = ["locale"]


class PartnerEditorsViewSet(SnippetViewSet):
    model = PartnerEditors
    icon = "group"
    menu_label = _("Partner editors")
    list_display = ["group", "partner"]


class FocusPeriodViewSet(SnippetViewSet):
    """The focus country schedule; a period that overlaps another is refused with a message
    naming that one (FocusPeriod.clean)."""

    model = FocusPeriod
    icon = "site"
    menu_label = _("Focus countries")
    list_display = ["country", "starts_on", "ends_on", "headline"]
    list_filter = ["locale"]
    ordering = ["starts_on"]


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "tag"
    menu_label = _("Competencies")
    list_display = ["name", "slug"]
    list_filter = ["locale"]


class PartnerCompetenciesViewSet(SnippetViewSet):
    model = PartnerCompetencies
    icon = "group"
    menu_label = _("Partner competencies")
    list_display = ["partner", "contact_role"]


class ContactRequestViewSet(SnippetViewSet):
    """Learners' contact requests to partners, newest first, with whether each was emailed."""

    model = ContactRequest
    icon = "mail"
    menu_label = _("Contact requests")
    list_display = ["partner", "user", "created_at", "emailed_at"]
    list_filter = ["partner", "created_at"]
    ordering = ["-created_at"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (
        EventSeriesViewSet,
        FocusPeriodViewSet,
        CompetencyViewSet,
        PartnerCompetenciesViewSet,
        ContactRequestViewSet,
        PartnerEditorsViewSet,
    )
    menu_icon = "date"
    menu_label = _("CCI network")
    menu_name = "network"


register_snippet(NetworkViewSetGroup)


def hosted_by_editor(user, page):
    keys = editable_partner_keys(user)
    if keys is None:
        return True
    hosts = page.hosts.values_list("translation_key", flat=True)
    return any(key in keys for key in hosts)


@hooks.register("before_edit_page")
def only_own_events(request, page):
    specific = page.specific
    if isinstance(specific, EventPage) and not hosted_by_editor(request.user, specific):
        messages.error(request, _("You edit the events of your own organisation only."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
