"""The outbox in the Wagtail admin (Settings): webhook subscriptions, whose secret is shown
once on creation and on rotation, and the deliveries, with their log and error, where a dead
one can be replayed."""

import requests
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from . import delivery, net, webhooks
from .events import EVENT_TYPES
from .models import Delivery, Subscription


class SubscriptionForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=pgettext_lazy("outbox", "Events"),
        choices=[(name, name) for name in EVENT_TYPES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("None chosen: every event."),
    )

    class Meta:
        model = Subscription
        fields = ["name", "url", "events", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            net.check_url(url)
        except net.Refused as refused:
            raise ValidationError(str(refused)) from refused
        except requests.ConnectionError as error:
            raise ValidationError(str(error)) from error
        return url


def secret_page(request, subscription, secret, heading):
    response = TemplateResponse(
        request,
        "outbox/admin/secret.html",
        {
            "subscription": subscription,
            "secret": secret,
            "heading": heading,
            "index_url": reverse("webhooks:index"),
        },
    )
    add_never_cache_headers(response)
    return response


class SubscriptionCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        subscription, self.secret = webhooks.subscribe(data["name"], data["url"], data["events"])
        if not data.get("is_active", True):
            subscription.is_active = False
            subscription.save(update_fields=["is_active"])
        log(instance=subscription, action="wagtail.create", user=self.request.user)
        return subscription

    def save_action(self):
        # Rendered at once, never through a redirect: the secret sits in no session or cookie.
        return secret_page(self.request, self.object, self.secret, _("Webhook subscription added"))


def confirm_page(request, heading, message, action, index_url):
    return TemplateResponse(
        request,
        "outbox/admin/confirm.html",
        {"heading": heading, "message": message, "action": action, "index_url": index_url},
    )


def rotate_view(request, pk):
    if not request.user.has_perm("outbox.change_subscription"):
        raise PermissionDenied
    subscription = get_object_or_404(Subscription, pk=pk)
    if request.method != "POST":
        hours = int(webhooks.rotation_window().total_seconds() // 3600)
        return confirm_page(
            request,
            _("Rotate the secret of %(name)s") % {"name": subscription.name},
            _(
                "A new secret signs every delivery from now on. The current one keeps signing "
                "beside it for %(hours)s hours, then stops."
            )
            % {"hours": hours},
            _("Rotate"),
            reverse("webhooks:index"),
        )
    secret = webhooks.rotate(subscription)
    log(instance=subscription, action="wagtail.edit", user=request.user)
    return secret_page(request, subscription, secret, _("Webhook secret rotated"))


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    add_view_class = SubscriptionCreateView
    icon = "link"
    menu_label = gettext_lazy("Webhooks")
    add_to_settings_menu = True
    list_display = ["name", "url", "is_active", "rotate_link"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]

    def get_form_class(self, for_update=False):
        return SubscriptionForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/rotate/", rotate_view, name="rotate"),
        ]


def replay_view(request, pk):
    if not request.user.has_perm("outbox.change_delivery"):
        raise PermissionDenied
    found = Delivery.objects.filter(pk=pk)
    one = get_object_or_404(found)
    if request.method != "POST":
        return confirm_page(
            request,
            _("Replay a delivery"),
            _("Send %(event)s to %(receiver)s again, with the same id.")
            % {"event": one.event.type, "receiver": one.subscription or one.get_kind_display()},
            _("Replay"),
            reverse("webhook_deliveries:index"),
        )
    with transaction.atomic():
        delivery.replay(found)
    messages.success(request, _("The delivery is queued again."))
    return redirect("webhook_deliveries:index")


class MadeByTheOutbox(ModelPermissionPolicy):
    """Deliveries are made by the outbox and replayed, never added or edited by hand."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "resubmit"
    menu_label = gettext_lazy("Deliveries")
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_display = [
        "event",
        "subscription",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "replay_link",
    ]
    list_filter = ["status", "kind", "subscription"]
    inspect_view_fields = [
        "event",
        "kind",
        "subscription",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
        "attempt_log",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/replay/", replay_view, name="replay"),
        ]

    @property
    def permission_policy(self):
        return MadeByTheOutbox(Delivery)

    def get_form_class(self, for_update=False):
        # Deliveries are made by the outbox, never by hand.
        return forms.modelform_factory(Delivery, form=WagtailAdminModelForm, fields=[])


@hooks.register("register_admin_viewset")
def register_outbox_viewsets():
    return [SubscriptionViewSet("webhooks"), DeliveryViewSet("webhook_deliveries")]


@hooks.register("register_permissions")
def outbox_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="outbox")
