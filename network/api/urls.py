"""Routes of the CCI network's API, mounted at /api/v1/ by lms/api/urls.py."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("events", views.EventViewSet, basename="event")

urlpatterns = router.urls
