"""API keys in the Wagtail admin (Settings → API keys). A new key is shown once, on the page
that follows its creation; only its hash is stored."""

import re

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from .models import APIKey

THROTTLE_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


class APIKeyForm(WagtailAdminModelForm):
    class Meta:
        model = APIKey
        fields = ["name", "partner", "is_active", "throttle_rate"]

    def clean_throttle_rate(self):
        rate = self.cleaned_data["throttle_rate"].strip()
        if rate and not THROTTLE_RATE.match(rate):
            raise ValidationError(
                _("Give a number of requests per second, minute, hour or day, e.g. 1000/hour.")
            )
        return rate


class APIKeyCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        api_key, self.plain_key = APIKey.generate(
            name=data["name"],
            partner=data.get("partner"),
            is_active=data.get("is_active", True),
            throttle_rate=data.get("throttle_rate", ""),
        )
        log(instance=api_key, action="wagtail.create", user=self.request.user)
        return api_key

    def save_action(self):
        # Rendered straight away rather than after a redirect, so the key never sits in the
        # session or a message cookie.
        response = TemplateResponse(
            self.request,
            "lms/admin/api_key_created.html",
            {
                "api_key": self.object,
                "plain_key": self.plain_key,
                "index_url": self.get_success_url(),
                "header_icon": "key",
            },
        )
        add_never_cache_headers(response)
        return response


class APIKeyViewSet(ModelViewSet):
    model = APIKey
    add_view_class = APIKeyCreateView
    icon = "key"
    menu_label = _("API keys")
    add_to_settings_menu = True
    list_display = ["name", "partner", "prefix", "is_active", "throttle_rate", "last_used_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix"]

    def get_form_class(self, for_update=False):
        return APIKeyForm


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return APIKeyViewSet("api_keys")


@hooks.register("before_serve_page")
def mark_opened_lesson(page, request, serve_args, serve_kwargs):
    """A learner who opens a lesson of a course they are enrolled in has started it."""
    from courses.models import LessonPage

    from . import services

    if (
        request.method == "GET"
        and isinstance(page, LessonPage)
        and getattr(request, "user", None) is not None
        and request.user.is_authenticated
    ):
        try:
            services.open_lesson(request.user, page)
        except services.NotFound:
            pass
