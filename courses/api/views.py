"""Read-only viewsets of the content API. Each is a queryset, serializers and a filterset;
locale negotiation and the checks every request gets come from Harbour's API base view
(lms/api/views.py), the choice of translation from lms/i18n.py.

Examples::

    GET /api/v1/courses/?locale=pl&subsector=design&ordering=-last_published_at
    GET /api/v1/courses/12/?locale=de          (12 may be any locale's id of the course)
    GET /api/v1/lessons/14/                    (Accept-Language: lt)
    GET /api/v1/preview/?token=…               (a draft, for a partner front end)
"""

import re

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins
from rest_framework.response import Response

from courses import preview
from courses.filters import CaseStudyFilterSet, CourseFilterSet, PartnerFilterSet
from courses.models import CaseStudyPage, Country, CoursePage, LessonPage, Partner, Subsector
from courses.services import locale_summary
from lms.api import sparse
from lms.api.cache import CachedResponseMixin
from lms.api.exceptions import BadRequest
from lms.api.views import HarbourAPIView, HarbourViewSet
from lms.i18n import localized_pk, localized_queryset, requested_locale

from . import batch, serializers

LOCALE_PARAMETERS = [
    OpenApiParameter(
        "locale",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
        description=(
            "The locale to serve. Wins over Accept-Language; without either, en. Content "
            "without a translation comes in the fallback locale with is_fallback: true."
        ),
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="Used when there is no ?locale=, e.g. 'pl, de;q=0.8'.",
    ),
]

# At most 18 digits: a bigger id fits no database integer and would fail in the query.
ID = re.compile(r"[0-9]{1,18}")

NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match ETag still holds.")


class ContentViewSet(CachedResponseMixin, sparse.SparseFieldsViewMixin, HarbourViewSet):
    """A list in the requested locale with fallback; a detail in the requested locale.

    The locale, the parameter checks and the headers come from Harbour's API base view;
    ``?fields=`` from lms/api/sparse.py: ``optimize`` joins and ``relations`` prefetches only
    what the fields served need (``self.wants(name)``).
    """

    # Any id reaches the view, so that "abc" and a missing id get the same neutral 404
    # (``not_found_message``); get_object checks it is a number a database integer holds.
    lookup_value_regex = r"[^/]+"
    model = None
    not_found_message = gettext_lazy("Nothing has this id.")
    detail_serializer_class = None
    default_ordering = ("pk",)

    filter_backends = [DjangoFilterBackend]

    def base_queryset(self):
        """Everything that may be served: served pages; all snippets."""
        return self.model.objects.all()

    def optimize(self, queryset):
        """``queryset`` with the rows it serves joined in (select_related)."""
        return queryset.select_related("locale")

    def relations(self):
        """The many-valued relations the response shows, loaded with prefetch_related()."""
        return []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema generator inspects the model without a request.
            return self.model.objects.none()
        queryset = self.base_queryset()
        if self.action == "list":
            queryset = localized_queryset(queryset, self.requested_locale)
        return (
            self.optimize(queryset)
            .prefetch_related(*self.relations())
            .order_by(*self.default_ordering)
        )

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["requested_locale"] = self.requested_locale
        # Look-ups made once per response (batch.served) are shared with the serializers.
        context.update(self.response_memo)
        return context

    @property
    def response_memo(self):
        if not hasattr(self, "_response_memo"):
            self._response_memo = {}
        return self._response_memo

    def get_object(self):
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if not ID.fullmatch(value):
            raise exceptions.NotFound(self.not_found_message)
        # The id's row first, without its relations: the object served may be its
        # translation, and only that one's relations are loaded.
        queryset = self.filter_queryset(self.get_queryset())
        obj = queryset.prefetch_related(None).filter(pk=value).first()
        if obj is None:
            # Django's message would name the model ("No CoursePage matches the given query.").
            raise exceptions.NotFound(self.not_found_message)
        base = self.optimize(self.base_queryset())
        served_pk = localized_pk(base, obj, self.requested_locale)
        # A translation unpublished since its pk was read leaves the id's own page.
        relations = self.relations()
        served = obj
        if served_pk != obj.pk:
            served = base.prefetch_related(*relations).filter(pk=served_pk).first() or obj
        if served is obj:
            prefetch_related_objects([obj], *relations)
        self.check_object_permissions(self.request, served)
        return served


class ListRetrieveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ContentViewSet):
    pass


class PageQuerysetMixin:
    default_ordering = ("title", "pk")

    def base_queryset(self):
        # type() (content type and subclasses: the same pages) lets the database start from
        # this model's pages through an index instead of walking every page of the locales.
        return batch.served(self.model, self.response_memo).type(self.model)


class PageViewSet(PageQuerysetMixin, ListRetrieveViewSet):
    pass


def documented(list_serializer=None, detail_serializer=None):
    """The locale parameters and the 304 answer in a viewset's schema."""
    actions = {}
    parameters = [*LOCALE_PARAMETERS, sparse.SCHEMA_PARAMETER]
    if list_serializer is not None:
        actions["list"] = extend_schema(
            parameters=parameters,
            responses={200: list_serializer(many=True), 304: NOT_MODIFIED},
        )
    if detail_serializer is not None:
        actions["retrieve"] = extend_schema(
            parameters=parameters, responses={200: detail_serializer, 304: NOT_MODIFIED}
        )
    return extend_schema_view(**actions)


@documented(serializers.CourseSerializer, serializers.CourseDetailSerializer)
class CourseViewSet(PageViewSet):
    """The catalogue: ``?locale=pl&subsector=design&level=beginner&ordering=-title``."""

    model = CoursePage
    cache_tree_models = (CoursePage, LessonPage)
    not_found_message = gettext_lazy("No course has this id.")
    serializer_class = serializers.CourseSerializer
    detail_serializer_class = serializers.CourseDetailSerializer
    filterset_class = CourseFilterSet

    def optimize(self, queryset):
        queryset = super().optimize(queryset)
        if self.wants("cover_image"):
            queryset = queryset.select_related("cover_image")
        return queryset

    def relations(self):
        names = ["subsectors", "countries", "partners"]
        if self.action == "retrieve":
            names.append("related_case_studies")
        return [name for name in names if self.wants(name)]


@documented(detail_serializer=serializers.LessonSerializer)
class LessonViewSet(PageQuerysetMixin, mixins.RetrieveModelMixin, ContentViewSet):
    """One lesson, its body as typed blocks: ``/api/v1/lessons/14/?locale=de``."""

    model = LessonPage
    cache_tree_models = (CoursePage, LessonPage)
    not_found_message = gettext_lazy("No lesson has this id.")
    serializer_class = serializers.LessonSerializer


@documented(serializers.CaseStudySerializer, serializers.CaseStudyDetailSerializer)
class CaseStudyViewSet(PageViewSet):
    """Best-practice case studies: ``?locale=lt&country=LT&partner=rietavas``."""

    model = CaseStudyPage
    not_found_message = gettext_lazy("No case study has this id.")
    serializer_class = serializers.CaseStudySerializer
    detail_serializer_class = serializers.CaseStudyDetailSerializer
    filterset_class = CaseStudyFilterSet

    def relations(self):
        names = ["subsectors", "countries", "partners"]
        if self.action == "retrieve":
            names.append("related_courses")
        return [name for name in names if self.wants(name)]


@documented(serializers.PartnerSerializer, serializers.PartnerDetailSerializer)
class PartnerViewSet(ListRetrieveViewSet):
    """Partner organisations: ``?locale=de&country=DE&kind=cultural``."""

    model = Partner
    not_found_message = gettext_lazy("No partner has this id.")
    serializer_class = serializers.PartnerSerializer
    detail_serializer_class = serializers.PartnerDetailSerializer
    filterset_class = PartnerFilterSet
    default_ordering = ("name", "pk")

    def optimize(self, queryset):
        queryset = super().optimize(queryset)
        # Never select_related() without names: that follows every foreign key.
        for name in ("country", "logo"):
            if self.wants(name):
                queryset = queryset.select_related(name)
        return queryset

    def relations(self):
        return ["subsectors"] if self.wants("subsectors") else []


@documented(serializers.SubsectorSerializer, serializers.SubsectorSerializer)
class SubsectorViewSet(ListRetrieveViewSet):
    """The subsectors of the cultural and creative industries, named in ``?locale=``."""

    model = Subsector
    not_found_message = gettext_lazy("No subsector has this id.")
    serializer_class = serializers.SubsectorSerializer
    default_ordering = ("name", "pk")


@documented(serializers.CountrySerializer, serializers.CountrySerializer)
class CountryViewSet(ListRetrieveViewSet):
    """The countries of the Baltic Sea Region, named in ``?locale=``."""

    model = Country
    not_found_message = gettext_lazy("No country has this id.")
    serializer_class = serializers.CountrySerializer
    default_ordering = ("name", "pk")


class LocaleViewSet(CachedResponseMixin, HarbourViewSet):
    """The content locales, with how many live courses and case studies each has."""

    serializer_class = serializers.LocaleSerializer
    pagination_class = None

    @extend_schema(responses={200: serializers.LocaleSerializer(many=True), 304: NOT_MODIFIED})
    def list(self, request):
        data = serializers.LocaleSerializer(locale_summary(), many=True).data
        return Response(data)


class PreviewView(HarbourAPIView):
    """A draft for a partner front end: ``GET /api/v1/preview/?token=…``. The token comes from
    the admin's preview ("Partner front end") or ``manage.py preview_token``; it names one
    revision of a course, lesson or case study and expires after
    HARBOUR_PREVIEW_TOKEN_MAX_AGE seconds. An expired token is a 401 ``token_expired``, a
    tampered or unknown one a 403 ``invalid_token``. Every other endpoint serves live pages
    only."""

    query_parameters = frozenset({"token"})

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "token",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                description="The preview token the editor's preview made.",
            )
        ],
        responses={200: serializers.PreviewSerializer},
    )
    def get(self, request):
        token = request.query_params.get("token")
        if not token:
            raise BadRequest(_("Send the preview token as ?token=."), code="token_required")
        try:
            draft = preview.open_token(token)
        except preview.TokenExpired as error:
            raise exceptions.NotAuthenticated(str(error), code=error.code) from error
        except preview.TokenInvalid as error:
            raise exceptions.PermissionDenied(str(error), code=error.code) from error
        except preview.DraftNotFound as error:
            raise exceptions.NotFound(str(error)) from error
        if type(draft.page) not in serializers.PREVIEW_TYPES:
            raise exceptions.NotFound(_("This page has no preview in the API."))
        # The draft is served in its own locale, never swapped for a translation.
        self.requested_locale = requested_locale(draft.page.locale.language_code)
        context = {"request": request, "requested_locale": self.requested_locale, "draft": True}
        response = Response(serializers.PreviewSerializer(draft, context=context).data)
        # A draft is for the one who holds the token: no shared cache keeps it.
        response["Cache-Control"] = "private, no-store"
        return response
