from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("partners/", views.partner_directory, name="partners"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner"),
]
