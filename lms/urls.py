from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import views as lms_views
from lms.api.exceptions import not_found

# The database unreachable: a 503 page on the site, JSON under /api/ (lms.views.server_error).
handler500 = "lms.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(".well-known/did.json", lms_views.did_document, name="did-document"),
    path("lti/", include("lti.urls")),
    path("api/v1/", include("lms.api.urls")),
    re_path(r"^api/", not_found),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Learner-facing pages carry the language prefix (/pl/…, /en/…).
urlpatterns += i18n_patterns(
    path("", include("lms.urls_web")),
    path("accounts/", include("lms.urls_accounts")),
    path("search/", include("search.urls")),
    path("", include("courses.urls")),
    path("", include("network.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
