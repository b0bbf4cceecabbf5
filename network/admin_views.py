"""The admin's screens for a partner's editors, beside the snippets (network/wagtail_hooks.py):

- ``/admin/network/contact-requests/<id>/answer/``: a contact request in full and the form
  that answers it (``contact.answer_request``: emailed to the requester, Reply-To the
  partner's contact);
- ``/admin/network/partner-suggestions/<id>/``: the partners that complement a partner
  (``matching.partner_suggestions``), for its ``PartnerCompetencies`` record;
- ``/admin/reports/contact-requests/``: contact requests counted per partner and status.

Each shows a partner's editors their own organisation's records only (``admin_forms.in_reach``,
the rule events follow); another partner's id is a 404. Superusers and network staff (editors
of no partner) see all.
"""

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.i18n import active_locale

from . import contact, matching
from .admin_forms import in_reach
from .models import ContactRequest, PartnerCompetencies


class AnswerForm(forms.Form):
    reply = forms.CharField(
        label=gettext_lazy("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Emailed to the requester from Harbour, with your organisation's contact address "
            "to reply to. They see that address once you have answered."
        ),
    )


class NetworkAdminView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    raise_exception = True

    def get_breadcrumbs_items(self):
        return []


class ContactAnswerView(NetworkAdminView):
    template_name = "network/admin/contact_answer.html"
    permission_required = "network.view_contactrequest"
    page_title = gettext_lazy("Answer a contact request")
    header_icon = "mail"

    def get_object(self):
        found = in_reach(
            ContactRequest.objects.select_related("user", "partner"), self.request.user
        )
        request = found.filter(pk=self.kwargs["pk"]).first()
        if request is None:
            raise Http404(_("No contact request of your organisation has this id."))
        return request

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("contact_request", self.get_object())
        context.setdefault("form", AnswerForm())
        return context

    def post(self, request, *args, **kwargs):
        found = self.get_object()
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                contact.answer_request(found, request.user, form.cleaned_data["reply"])
            except contact.ContactError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("Your answer is on its way to %(name)s.")
                    % {"name": found.user.get_full_name() or found.user.get_username()},
                )
                return redirect("network_contact_answer", pk=found.pk)
        context = self.get_context_data(contact_request=found, form=form)
        return self.render_to_response(context, status=400)


class PartnerSuggestionsView(NetworkAdminView):
    template_name = "network/admin/partner_suggestions.html"
    permission_required = "network.change_partnercompetencies"
    page_title = gettext_lazy("Suggested partners")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = in_reach(
            PartnerCompetencies.objects.select_related("partner__country").prefetch_related(
                "offers", "seeks", "partner__subsectors"
            ),
            self.request.user,
        )
        record = records.filter(pk=self.kwargs["pk"]).first()
        if record is None:
            raise Http404(_("No partner of your organisation has this id."))
        context["record"] = record
        context["suggestions"] = matching.partner_suggestions(record, active_locale())
        return context


class ContactReportView(NetworkAdminView):
    """Contact requests per partner: how many, how many answered, how many wait."""

    template_name = "network/admin/contact_report.html"
    permission_required = "network.view_contactrequest"
    page_title = gettext_lazy("Contact requests")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = (
            in_reach(ContactRequest.objects.all(), self.request.user)
            .values("partner_id", "partner__name")
            .annotate(
                total=Count("id"),
                answered=Count("id", filter=Q(answered_at__isnull=False)),
                waiting=Count("id", filter=Q(answered_at__isnull=True)),
            )
            .order_by("partner__name", "partner_id")
        )
        context["rows"] = list(rows)
        context["totals"] = {
            name: sum(row[name] for row in context["rows"])
            for name in ("total", "answered", "waiting")
        }
        return context
