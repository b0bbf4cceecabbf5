"""``GET /api/v1/courses/{id}/export/?format=cc11|thincc13|scorm12&locale=``: a served course
as a package for another learning system (courses/exports.py), for partner sites with an API
key. ``{id}`` may be any locale's id of the course; ``?locale=`` picks its translation, with
the fallback locale where there is none, and ``Content-Language`` says which was served.

Examples::

    curl -H "Authorization: Api-Key $KEY" -o module.imscc \\
        "https://harbour.example/api/v1/courses/12/export/?format=cc11&locale=de"
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation

from courses import exports
from courses.models import CoursePage
from lms.api.authentication import KEYWORD, APIKeyAuthentication, PartnerKeyRequired
from lms.api.exceptions import FieldErrors
from lms.api.views import HarbourAPIView
from lms.i18n import localized

from . import batch
from .views import ID, LOCALE_PARAMETERS


class FormatIsNotARenderer(DefaultContentNegotiation):
    """Errors are JSON whatever the client accepts or ``?format=`` says: for views that answer
    with a file of their own (a package here, where ``?format=`` names it; the baked badge
    image of a certificate), not with one of DRF's renderers."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class CourseExportView(HarbourAPIView):
    """A served course as an IMS Common Cartridge 1.1, thin Common Cartridge 1.3 or SCORM 1.2
    package. Drafts and unpublished courses and lessons are never exported."""

    authentication_classes = [APIKeyAuthentication]
    permission_classes = [PartnerKeyRequired]
    content_negotiation_class = FormatIsNotARenderer
    query_parameters = frozenset({"locale", "format"})

    def get_authenticate_header(self, request):
        # A 401 here always asks for the key, whatever the client sent.
        return KEYWORD

    @extend_schema(
        operation_id="courses_export",
        tags=["courses"],
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                enum=list(exports.FORMATS),
                description=(
                    "cc11: IMS Common Cartridge 1.1 (lessons as web content with their images and "
                    "documents, quizzes as QTI 1.2); thincc13: thin Common Cartridge 1.3 (an LTI "
                    "link to each lesson on Harbour); scorm12: SCORM 1.2 (each lesson a SCO that "
                    "reports completion and its quiz score)."
                ),
            ),
            *LOCALE_PARAMETERS,
        ],
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=(
                    "The package, a zip, as an attachment: a Common Cartridge (.imscc) for "
                    "cc11 and thincc13, a SCORM 1.2 package (.zip) for scorm12."
                ),
            ),
            401: OpenApiResponse(description="No valid API key."),
            404: OpenApiResponse(description="No served course has this id."),
        },
    )
    def get(self, request, pk):
        package_format = request.query_params.get("format")
        if package_format not in exports.FORMATS:
            raise FieldErrors(
                {
                    "format": [
                        _("Choose one of: %(formats)s.") % {"formats": ", ".join(exports.FORMATS)}
                    ]
                }
            )
        not_found = exceptions.NotFound(_("No course has this id."))
        if not ID.fullmatch(str(pk)):
            raise not_found
        base = batch.served(CoursePage).select_related("locale")
        course = base.filter(pk=pk).first()
        if course is None:
            raise not_found
        course, _is_fallback = localized(course, base, self.requested_locale)
        try:
            package = exports.export(request, course, package_format)
        except exports.NotExportable:
            raise not_found from None
        response = HttpResponse(package.content, content_type=package.content_type)
        response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
        response["Content-Language"] = package.language
        return response
