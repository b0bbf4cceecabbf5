"""URLs of the benchmark server: Harbour's own, plus the baselines it is measured against.

- /api/v2/pages/  Wagtail's API v2, the reference for the catalogue and detail endpoints
- /bench/floor/   a trivial Django JSON view: what any request costs on this stack
"""

from django.http import JsonResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from lms.urls import urlpatterns as harbour_urlpatterns

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PagesAPIViewSet)


def floor(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("api/v2/", api_v2.urls),
    path("bench/floor/", floor, name="bench-floor"),
    *harbour_urlpatterns,
]
