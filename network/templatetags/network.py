"""Template tags that put the network on other pages: the calendar's link in the header and
the next events on the home page, in the active language (its fallback where it has none)."""

from django import template
from django.utils import timezone

from lms.i18n import active_code, active_locale

register = template.Library()


@register.simple_tag
def event_calendar():
    """The calendar page in the active language, or None: one query."""
    from ..web import localized_calendar

    return localized_calendar()


@register.simple_tag
def upcoming_events(limit=3):
    """The next events that have not ended, as (event, is_fallback): one query."""
    from ..web import event_cards, localized_events

    events = (
        localized_events(active_locale())
        .filter(ends_at__gte=timezone.now(), cancelled=False)
        .select_related("locale")
        .order_by("starts_at", "pk")[:limit]
    )
    return event_cards(events, active_code())


@register.simple_tag
def current_focus():
    """The focus country now, named in the active language, or None: two queries."""
    from ..web import current_focus_entry

    return current_focus_entry()
