"""The network's admin: event series and partner editors (snippets), and the rule that a
partner's editors edit their own organisation's events only (admin_forms.py keeps them to
their partners when they add one).

The same rule holds for a partner's competencies and its contact requests: a partner's
editors list, open, edit and answer their own organisation's only (``PartnerScopedPolicy``,
the listings' querysets, and the before-edit and before-delete hooks, so that another
partner's id in the address gets nowhere). Give their group "change" on Partner
competencies and "view" on Contact requests.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .admin_forms import editable_partner_keys, in_reach, partner_in_reach
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


class PartnerScopedPolicy(ModelPermissionPolicy):
    """Django's model permissions, and for a partner's editors only their own partners'
    rows (admin_forms.editable_partner_keys, as for events)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and partner_in_reach(user, instance.partner)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and partner_in_reach(
            user, instance.partner
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return in_reach(super().instances_user_has_any_permission_for(user, actions), user)


register_permission_policy(PartnerCompetencies, PartnerScopedPolicy(PartnerCompetencies))
register_permission_policy(ContactRequest, PartnerScopedPolicy(ContactRequest))


class OwnRecordOnly:
    """For a snippet view of one record without a before-hook (history, usage): another
    partner's record is refused to that partner's editors."""

    def dispatch(self, request, *args, **kwargs):
        found = self.model._default_manager.filter(pk=unquote(str(kwargs.get("pk")))).first()
        if found is not None and not partner_in_reach(request.user, found.partner):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OwnHistoryView(OwnRecordOnly, snippet_views.HistoryView):
    pass


class OwnUsageView(OwnRecordOnly, snippet_views.UsageView):
    pass


class LinkColumn(Column):
    """A column of links, e.g. "Answer", to an admin URL named ``url_name`` with the row."""

    cell_template_name = "network/admin/link_cell.html"

    def __init__(self, name, url_name, text, **kwargs):
        super().__init__(name, **kwargs)
        self.url_name, self.text = url_name, text

    def get_value(self, instance):
        return reverse(self.url_name, args=[instance.pk])

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["text"] = self.text
        return context


class PartnerCompetenciesViewSet(SnippetViewSet):
    model = PartnerCompetencies
    icon = "group"
    menu_label = _("Partner competencies")
    list_display = [
        "partner",
        "contact_role",
        LinkColumn(
            "suggestions",
            "network_partner_suggestions",
            _("Suggested partners"),
            label=_("Match-making"),
        ),
    ]

    history_view_class = OwnHistoryView
    usage_view_class = OwnUsageView

    def get_queryset(self, request):
        return in_reach(PartnerCompetencies.objects.select_related("partner"), request.user)


class ContactRequestViewSet(SnippetViewSet):
    """Learners' contact requests to partners, newest first, with whether each was emailed
    and answered; a partner's editors see and answer their own organisation's."""

    model = ContactRequest
    icon = "mail"
    menu_label = _("Contact requests")
    list_display = [
        "partner",
        "user",
        "created_at",
        "emailed_at",
        "answered_at",
        LinkColumn("answer", "network_contact_answer", _("Read and answer"), label=_("Answer")),
    ]
    list_filter = ["partner", "created_at", "answered_at"]
    ordering = ["-created_at"]
    history_view_class = OwnHistoryView
    usage_view_class = OwnUsageView

    def get_queryset(self, request):
        return in_reach(
            ContactRequest.objects.select_related("partner", "user"), request.user
        ).order_by("-created_at", "-id")


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


SCOPED = (PartnerCompetencies, ContactRequest)


def out_of_reach(request, instance):
    if isinstance(instance, SCOPED) and not partner_in_reach(request.user, instance.partner):
        messages.error(request, _("You see your own organisation's records only."))
        return redirect_to_list(instance)
    return None


def redirect_to_list(instance):
    return redirect(instance.snippet_viewset.get_url_name("list"))


@hooks.register("before_edit_snippet")
def only_own_records(request, instance):
    return out_of_reach(request, instance)


@hooks.register("before_delete_snippet")
def only_own_records_deleted(request, instances):
    for instance in instances:
        refused = out_of_reach(request, instance)
        if refused is not None:
            return refused
    return None


@hooks.register("register_admin_urls")
def network_admin_urls():
    return [
        path(
            "network/contact-requests/<int:pk>/answer/",
            admin_views.ContactAnswerView.as_view(),
            name="network_contact_answer",
        ),
        path(
            "network/partner-suggestions/<int:pk>/",
            admin_views.PartnerSuggestionsView.as_view(),
            name="network_partner_suggestions",
        ),
        path(
            "reports/contact-requests/",
            admin_views.ContactReportView.as_view(),
            name="network_contact_report",
        ),
    ]


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def contact_report_menu_item():
    return PermittedMenuItem(
        _("Contact requests"),
        reverse("network_contact_report"),
        name="contact-requests",
        icon_name="mail",
        order=1400,
        permission="network.view_contactrequest",
    )
