"""The translation status API: ``GET /api/v1/translation-status/``, from the same service as
the admin's report (``courses.translation_status``). Public and read-only: it names what is
translated and how far, nothing that is not on the site already, and only served pages.

Examples::

    GET /api/v1/translation-status/?locale=pl&state=outdated&type=course
    GET /api/v1/translation-status/?state=missing&page_size=100

Cost: a fixed number of queries per page, whatever its size and the amount of content: the
served-page rule (two), the locales, the count, the rows with their states, their lessons,
the translated pages, and the translations with their segment counts.
"""

from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from wagtail.models import Page

from courses import translation_status
from courses.filters import TranslationStatusFilterSet
from courses.querysets import hidden_q
from courses.translation_status import Kind as TranslationKind
from courses.translation_status import State as TranslationState
from lms.api.pagination import HarbourPagination
from lms.api.views import HarbourViewSet

# --- Serializers ---------------------------------------------------------------------------


class LessonStatesSerializer(serializers.Serializer):
    """How many of a course's lessons are in each state in one locale."""

    missing = serializers.IntegerField()
    outdated = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    not_synced = serializers.IntegerField()
    up_to_date = serializers.IntegerField()

    def to_representation(self, instance):
        counts = dict(instance.lesson_counts)
        return {state.value: counts.get(state, 0) for state in TranslationState}


class LocaleTranslationStatusSerializer(serializers.Serializer):
    locale = serializers.CharField(help_text="The locale translated into, e.g. pl.")
    state = serializers.ChoiceField(
        choices=TranslationState.choices,
        help_text=(
            "The worst of the page's own state and its lessons': missing, outdated, "
            "in_progress, not_synced, up_to_date (worst first)."
        ),
    )
    own_state = serializers.ChoiceField(
        choices=TranslationState.choices,
        source="own.state",
        help_text="The state of the course or case study itself, leaving its lessons aside.",
    )
    translation = serializers.IntegerField(
        source="own.target.pk",
        allow_null=True,
        default=None,
        help_text="The id of the translated page in this locale; null when it is missing.",
    )
    segments = serializers.IntegerField(
        help_text="Text segments of the English page and its lessons, where wagtail-localize "
        "translates them into this locale."
    )
    translated_segments = serializers.IntegerField(
        source="translated", help_text="Of those, the segments translated."
    )
    last_synced_at = serializers.DateTimeField(
        source="own.synced_at",
        allow_null=True,
        help_text="When wagtail-localize last read the English page (its TranslationSource); "
        "null if it does not translate it into this locale.",
    )
    lessons = LessonStatesSerializer(source="*", help_text="The lessons, by state.")


class TranslationStatusSerializer(serializers.Serializer):
    """A course (with its lessons) or a case study, in the source locale, and its translation
    status in each locale (``?locale=`` keeps one)."""

    id = serializers.IntegerField(source="page.pk")
    type = serializers.ChoiceField(choices=TranslationKind.choices, source="kind")
    title = serializers.CharField(source="page.title")
    locale = serializers.SerializerMethodField(help_text="The source locale: en.")
    translation_key = serializers.UUIDField(source="page.translation_key")
    last_published_at = serializers.DateTimeField(
        source="page.last_published_at",
        allow_null=True,
        help_text="When the English page was last published.",
    )
    lessons = serializers.SerializerMethodField(
        help_text="How many lessons the course has (0 for a case study)."
    )
    api_url = serializers.SerializerMethodField()
    locales = LocaleTranslationStatusSerializer(many=True)

    def get_lessons(self, row) -> int:
        return len(row.lessons)

    def get_locale(self, row) -> str:
        return translation_status.source_locale_code()

    def get_api_url(self, row) -> str:
        name = (
            "api:course-detail" if row.kind == TranslationKind.COURSE else "api:case-study-detail"
        )
        url = reverse(name, args=[row.page.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


# --- The view -----------------------------------------------------------------------------


class TranslationStatusPagination(HarbourPagination):
    # The matching rows' ids once, for the count and the page (the filters are the costly part).
    django_paginator_class = translation_status.RowPaginator


# ?locale= is a filter here (the filterset's), of the target locales only.
LOCALE_PARAMETER = OpenApiParameter(
    "locale",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=translation_status.target_locale_codes(),
    description=(
        "Only this locale's status, and where ?state= looks. Without it, every locale but "
        "the source (en); Accept-Language changes nothing here."
    ),
)


@extend_schema_view(
    list=extend_schema(
        parameters=[LOCALE_PARAMETER],
        responses={200: TranslationStatusSerializer(many=True)},
    )
)
class TranslationStatusViewSet(mixins.ListModelMixin, HarbourViewSet):
    """What is missing or out of date, per locale: the served courses (with their lessons)
    and case studies of the source locale, each with its state in every other locale, or in
    ``?locale=`` only. ``?state=`` keeps those in that state (in ``?locale=``, or in any
    locale); ``?type=course`` or ``case_study``. Ordered by title, paged.

    Public, like the rest of the content API: the states say how far translation has got,
    which the site shows anyway, and drafts are left out.
    """

    serializer_class = TranslationStatusSerializer
    filterset_class = TranslationStatusFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = TranslationStatusPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Page.objects.none()
        self.hidden, self.ids = hidden_q(), translation_status.locale_ids()
        return translation_status.status_queryset(hidden=self.hidden, ids=self.ids)

    def shown_locales(self):
        # Only an explicit ?locale= narrows the answer (the filterset has checked it);
        # Accept-Language picks no column.
        code = self.request.query_params.get("locale")
        return [code] if code else translation_status.target_locale_codes()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return translation_status.status_rows(page, self.shown_locales(), self.hidden, self.ids)
