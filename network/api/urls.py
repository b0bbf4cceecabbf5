"""Routes of the CCI network's API, mounted at /api/v1/ by lms/api/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("events", views.EventViewSet, basename="event")
router.register("focus-countries", views.FocusPeriodViewSet, basename="focus-period")
router.register("competencies", views.CompetencyViewSet, basename="competency")

urlpatterns = router.urls + [
    path("focus-country/", views.FocusCountryView.as_view(), name="focus-country"),
    path("competency-map/", views.CompetencyMapView.as_view(), name="competency-map"),
    path("contact-requests/", views.ContactRequestList.as_view(), name="contact-requests"),
    path("match/suggestions/", views.MatchSuggestionsView.as_view(), name="match-suggestions"),
]
