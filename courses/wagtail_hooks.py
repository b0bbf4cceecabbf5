from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_exports, admin_review, exports
from .models import Country, CoursePage, Partner, Subsector


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "kind", "city", "country"]
    list_filter = ["kind", "country", "locale"]
    search_fields = ["name", "city"]


class SubsectorViewSet(SnippetViewSet):
    model = Subsector
    icon = "tag"
    menu_label = _("Subsectors")
    list_display = ["name", "slug"]
    list_filter = ["locale"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    menu_label = _("Countries")
    list_display = ["name", "code"]
    list_filter = ["locale"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (PartnerViewSet, SubsectorViewSet, CountryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


# --- Machine translation, then human review (admin_review.py) ------------------------------


@hooks.register("register_admin_urls")
def register_review_url():
    return [
        path(
            "harbour/translations/<int:page_id>/review/",
            admin_review.MarkReviewedView.as_view(),
            name=admin_review.URL_NAME,
        )
    ]


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action(
        admin_review.LOG_ACTION,
        _("Mark translation as reviewed"),
        _("Machine translation marked as reviewed"),
    )


# Before wagtail-localize's hook, which answers the edit view of a synced translation with its
# translation editor and so ends the hooks.
@hooks.register("before_edit_page", order=-10)
def machine_translation_notice(request, page):
    if request.method != "GET" or not admin_review.needs_review(page):
        return None
    buttons = []
    if admin_review.can_review(page, request.user):
        buttons.append(
            messages.button(
                admin_review.review_url(page, request.get_full_path()), _("Mark as reviewed")
            )
        )
    messages.warning(
        request,
        _("Machine translated, not reviewed: check the translation, then mark it as reviewed."),
        buttons=buttons,
    )
    return None


@hooks.register("register_page_header_buttons")
def review_header_button(page, user, view_name=None, next_url=None):
    if admin_review.can_review(page, user) and admin_review.needs_review(page):
        yield Button(
            _("Mark as reviewed"),
            admin_review.review_url(page, next_url),
            icon_name="check",
            priority=55,
        )


# --- Course export (admin_exports.py) ------------------------------------------------------


@hooks.register("register_admin_urls")
def register_export_url():
    return [
        path(
            "harbour/courses/<int:page_id>/export/<str:package_format>/",
            admin_exports.export_view,
            name=admin_exports.URL_NAME,
        )
    ]


def export_buttons(page, user):
    page = page.specific_deferred
    if not isinstance(page, CoursePage) or not page.live:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    for priority, (package_format, name) in enumerate(exports.FORMAT_NAMES.items(), start=80):
        yield Button(
            _("Export: %(format)s") % {"format": name},
            admin_exports.export_url(page, package_format),
            icon_name="download",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def export_header_buttons(page, user, view_name=None, next_url=None):
    yield from export_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def export_listing_buttons(page, user, next_url=None):
    yield from export_buttons(page, user)
