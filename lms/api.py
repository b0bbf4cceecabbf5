"""The /api/v1/ root: each app's API routes, the OpenAPI schema and its docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from courses.api.exceptions import not_found

app_name = "api"

urlpatterns = [
    path("", include("courses.api.urls")),
    path("", include("lms.api_urls")),
    path("search/", include("search.api_urls")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/v1/ is a JSON 404, never an HTML page.
    re_path(r"^.*$", not_found, name="not-found"),
]
