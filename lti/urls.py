from django.urls import path

from . import views

app_name = "lti"

urlpatterns = [
    path("jwks/", views.jwks, name="jwks"),
    path("login/", views.login_initiation, name="login"),
    path("launch/", views.launch, name="launch"),
    path("resource/<str:kind>/<uuid:translation_key>/", views.resource, name="resource"),
    path("deep-link/<str:launch_id>/", views.deep_link, name="deep-link"),
]
