from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("CCI network")

    def ready(self):
        from lms.services import accounts

        from . import signals  # noqa: F401
        from .contact import export_match_making

        accounts.EXPORT_SECTIONS["match_making"] = export_match_making
