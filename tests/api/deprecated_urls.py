"""The site's URL conf with one deprecated operation more, for tests/api/test_partner_portal.py."""

import datetime

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from lms.api.deprecation import deprecated
from lms.api.views import HarbourAPIView
from lms.urls import urlpatterns as site_urlpatterns


@deprecated(since=datetime.date(2026, 6, 1), sunset=datetime.date(2027, 1, 1), link="api:docs")
class RetiredView(HarbourAPIView):
    query_parameters = frozenset()

    @extend_schema(
        responses=inline_serializer("Retired", fields={"retired": serializers.BooleanField()})
    )
    def get(self, request):
        return Response({"retired": True})


urlpatterns = [path("api/v1/retired/", RetiredView.as_view(), name="retired")] + site_urlpatterns
