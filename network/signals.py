"""Publishing an event keeps its iCalendar SEQUENCE (services.record_publication); a change
to the network's snippets empties the API's response cache, as a page's does."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from lms.api.cache import content_changed

from . import services
from .models import EventPage


@receiver(page_published, dispatch_uid="network-event-published")
def event_published(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        services.record_publication(instance)


@receiver(post_save, dispatch_uid="network-snippet-saved")
@receiver(post_delete, dispatch_uid="network-snippet-deleted")
def network_snippet_changed(sender, instance, **kwargs):
    if sender._meta.app_label == "network" and sender.__name__ != "EventCalendarState":
        content_changed()
