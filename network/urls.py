"""The calendar's iCalendar files, inside i18n_patterns: ``/<lang>/calendar.ics?kind=…`` (the
feed of any filter combination) and ``/<lang>/calendar/<id>.ics`` (one event). Wagtail's
page URLs end in a slash, so the files are plain views beside them. ``/<lang>/focus/``: the
focus country schedule."""

from django.urls import path

from . import web

app_name = "network"

urlpatterns = [
    path("calendar.ics", web.calendar_feed, name="feed"),
    path("calendar/<int:event_id>.ics", web.event_ics, name="event-ics"),
    path("focus/", web.focus_page, name="focus"),
    path("competencies/", web.competency_page, name="competencies"),
    path("match/", web.match_page, name="match"),
    path("match/contact/<int:partner_id>/", web.match_contact, name="match-contact"),
]
