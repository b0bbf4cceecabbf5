"""``GET /api/v1/find/?path=/pl/courses/x/``: what the website serves at an address, as the
API's address of it. A partner who knows a page's address (or a full URL of it) need not
page through a catalogue to find its id.

The path is routed as a visit would be (``courses.web.routing.object_at``: the language
prefix, the fallback tree, a partner's page), so ``/pl/…`` of a page that has no Polish
translation finds the English page. The answer is a 302 to the object's detail in the API,
in the language of the path's prefix (``?locale=pl``), with the same address in the body; an
address that serves no course, lesson, case study or partner is a 404 in the one error shape.
Costs the site's routing queries and one query to check that the object is served.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from courses.models import CaseStudyPage, CoursePage, LessonPage, Partner
from courses.web.routing import object_at
from lms.api import links
from lms.api.exceptions import BadRequest
from lms.api.views import HarbourAPIView

from . import batch

# What /find/ finds, by model: its type and the URL name of its detail in the API.
FOUND_TYPES = {
    CoursePage: ("course", "course-detail"),
    LessonPage: ("lesson", "lesson-detail"),
    CaseStudyPage: ("case_study", "case-study-detail"),
    Partner: ("partner", "partner-detail"),
}
FOUND_TYPE_CHOICES = [name for name, _route in FOUND_TYPES.values()]


class FoundSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=FOUND_TYPE_CHOICES)
    id = serializers.IntegerField()
    locale = serializers.CharField(help_text="The language of the address's prefix.")
    api_url = serializers.CharField(help_text="The object in the API; also the Location.")


def is_served(obj):
    if isinstance(obj, Partner):
        return True
    return batch.served(type(obj)).filter(pk=obj.pk).exists()


class FindView(HarbourAPIView):
    """``GET /api/v1/find/?path=/pl/courses/working-across-borders/`` → 302 to
    ``/api/v1/courses/12/?locale=pl``."""

    query_parameters = frozenset({"path"})

    @extend_schema(
        operation_id="find_retrieve",
        parameters=[
            OpenApiParameter(
                "path",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                description=(
                    "An address on the Harbour website, with its language prefix, e.g. "
                    "/pl/courses/working-across-borders/ (a full URL works too)."
                ),
            )
        ],
        responses={
            302: OpenApiResponse(
                FoundSerializer,
                description="Found: Location is the object's address in the API.",
            )
        },
    )
    def get(self, request):
        path = request.query_params.get("path")
        if not path:
            raise BadRequest(
                _("Send the address as ?path=, e.g. ?path=/pl/courses/x/."), code="path_required"
            )
        found = object_at(request._request, path)
        obj = found[0] if found else None
        if type(obj) not in FOUND_TYPES or not is_served(obj):
            raise exceptions.NotFound(_("Nothing in the API is at this address."))
        kind, route = FOUND_TYPES[type(obj)]
        code = found[1]
        url = links.api_url(request, route, pk=obj.pk) + f"?locale={code}"
        body = {"type": kind, "id": obj.pk, "locale": code, "api_url": url}
        return Response(body, status=status.HTTP_302_FOUND, headers={"Location": url})
