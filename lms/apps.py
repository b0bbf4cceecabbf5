from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning")

    def ready(self):
        # The admin report's hooks live in their own module; lms/wagtail_hooks.py is free for
        # other admin screens of this app.
        from . import wagtail_hooks_reports  # noqa: F401
