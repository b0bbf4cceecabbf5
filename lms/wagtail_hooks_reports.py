"""Registers the learning report under Reports in the Wagtail admin. Imported from
LmsConfig.ready(), so it does not collide with lms/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import LearningReportView


@hooks.register("register_admin_urls")
def register_learning_report_url():
    # Wagtail wraps these URLs in require_admin_access: learners without admin access are
    # sent to the admin log-in, never shown the report.
    return [
        path("reports/learning/", LearningReportView.as_view(), name="lms_learning_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_learning_report_menu_item():
    return MenuItem(
        _("Learning"),
        reverse("lms_learning_report"),
        name="learning",
        icon_name="doc-full",
        order=1300,
    )
