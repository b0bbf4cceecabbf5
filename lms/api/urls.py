"""The /api/v1/ root: the index of endpoints, each app's API routes, the OpenAPI schema and
its docs. The schema and the docs are DRF views with DRF's defaults: they count against no
rate limit."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .exceptions import not_found
from .index import APIIndexView

app_name = "api"

urlpatterns = [
    path("", APIIndexView.as_view(), name="index"),
    path("", include("courses.api.urls")),
    path("", include("lms.api_urls")),
    path("", include("network.api.urls")),
    path("search/", include("search.api_urls")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/v1/ is a JSON 404, never an HTML page.
    re_path(r"^.*$", not_found, name="not-found"),
]
