"""LTI platforms in the Wagtail admin (Settings → LTI platforms): issuer, client id, the
platform's endpoints and its deployment ids."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Platform


class PlatformViewSet(ModelViewSet):
    model = Platform
    icon = "link-external"
    menu_label = gettext_lazy("LTI platforms")
    add_to_settings_menu = True
    list_display = ["name", "issuer", "client_id", "is_active"]
    search_fields = ["name", "issuer", "client_id"]
    exclude_form_fields = ["created_at"]


@hooks.register("register_admin_viewset")
def register_platforms():
    return PlatformViewSet("lti_platforms")
