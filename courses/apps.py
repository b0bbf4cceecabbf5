from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from lms.api import cache

        cache.connect_signals()
        from . import events

        events.connect_signals()
        # The translation status report's hooks live in their own module, beside
        # courses/wagtail_hooks.py.
        from . import wagtail_hooks_reports  # noqa: F401
