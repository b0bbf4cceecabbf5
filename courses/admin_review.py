"""The admin's "Mark as reviewed" for a machine-translated page: a confirmation (GET), then the
review (POST, with the CSRF token). Only an editor who can publish the page may review it.

The edit screen (wagtail-localize's translation editor for synced translations, Wagtail's
editor otherwise) says "Machine translated, not reviewed" with a button to this view; the
page's header and listing menus offer it too (wagtail_hooks.py).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from .machine_translation import mark_of, mark_reviewed

LOG_ACTION = "harbour.translation_reviewed"
URL_NAME = "harbour_mark_translation_reviewed"


def review_url(page, next_url=None):
    from urllib.parse import urlencode

    url = reverse(URL_NAME, args=[page.pk])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def can_review(page, user):
    return page.permissions_for_user(user).can_publish()


def needs_review(page):
    """The draft the editor works on is machine translated and not reviewed since."""
    return mark_of(page, published=False).machine_translated


class MarkReviewedView(WagtailAdminTemplateMixin, View):
    template_name = "courses/admin/mark_reviewed.html"
    page_title = gettext_lazy("Mark as reviewed")
    header_icon = "check"
    # No breadcrumbs: the header then names the action and the page.
    breadcrumbs_items = []

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not can_review(self.page, request.user):
            raise PermissionDenied
        self.next_url = get_valid_next_url_from_request(request) or reverse(
            "wagtailadmin_pages:edit", args=[self.page.pk]
        )
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get(self, request, page_id):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            mark=mark_of(self.page, published=False),
            language=self.page.locale.get_display_name(),
            next_url=self.next_url,
            action_url=reverse(URL_NAME, args=[self.page.pk]),
        )
        return context

    def post(self, request, page_id):
        mark_reviewed(self.page, request.user)
        log(instance=self.page, action=LOG_ACTION, user=request.user)
        messages.success(
            request,
            _("“%(title)s” in %(language)s is marked as reviewed.")
            % {
                "title": self.page.get_admin_display_title(),
                "language": self.page.locale.get_display_name(),
            },
        )
        return redirect(self.next_url)
