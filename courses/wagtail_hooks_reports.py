"""Registers the translation status report under Reports in the Wagtail admin, and the sync of
a course with its lessons. Imported from CoursesConfig.ready(), as lms/wagtail_hooks_reports.py
is from LmsConfig's."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_report(request.user)


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    # Wagtail wraps these URLs in require_admin_access; the views check page permissions.
    return [
        path(
            "reports/translation-status/",
            admin_views.TranslationStatusReportView.as_view(),
            name="courses_translation_status",
        ),
        path(
            "reports/translation-status/sync/<int:page_id>/",
            admin_views.TranslationSyncView.as_view(),
            name="courses_translation_sync",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("courses_translation_status"),
        name="translation-status",
        icon_name="site",
        order=1310,
    )
