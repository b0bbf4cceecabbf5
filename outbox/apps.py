from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outgoing events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .events import subscriptions_changed
        from .models import Subscription

        # The outbox keeps the active subscriptions per process (events.active_subscriptions).
        for signal in (post_save, post_delete):
            signal.connect(
                subscriptions_changed, sender=Subscription, dispatch_uid="harbour-subscriptions"
            )
