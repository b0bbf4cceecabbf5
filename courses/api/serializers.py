"""Serializers of the content API. Each lists its fields; a brief form serves nested use.

Every content item carries ``locale`` (what was served), ``translation_key``,
``available_locales`` and ``is_fallback``. What a list needs for all its items at once
(available locales, translated snippet names, image renditions) is looked up in ``prepare``
with a fixed number of queries, whatever the number of items.
"""

from django.urls import reverse
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field, inline_serializer
from rest_framework import serializers

from courses import fallback_text
from courses.models import CaseStudyPage, Country, CoursePage, LessonPage, Partner, Subsector
from lms.api import links
from lms.api.sparse import SparseFieldsSerializerMixin
from lms.i18n import available_locales

from . import batch


def translations_of(model, context=None):
    """Everything of ``model`` that may be served: live, public pages, or all snippets."""
    if hasattr(model.objects, "live"):
        return batch.served(model, context)
    return model.objects.all()


class LocalizedListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.prepare(items)
        return [self.child.to_representation(item) for item in items]


class LocalizedSerializer(SparseFieldsSerializerMixin, serializers.Serializer):
    """What every localized item has, and the batch look-ups before a list is rendered."""

    id = serializers.IntegerField(read_only=True)
    locale = serializers.SerializerMethodField()
    translation_key = serializers.UUIDField(read_only=True)
    is_fallback = serializers.SerializerMethodField()
    available_locales = serializers.SerializerMethodField()

    detail_url_name = None

    class Meta:
        list_serializer_class = LocalizedListSerializer

    def prepare(self, items):
        """Batch look-ups for ``items``; the serializer of a detail calls it with one item."""
        if not items:
            return
        model = type(items[0])
        self._available = {}
        if self.serves("available_locales"):
            self._available = available_locales(translations_of(model, self.context), items)
        self._prepared_ids = {item.pk for item in items}

    def to_representation(self, instance):
        if instance.pk not in getattr(self, "_prepared_ids", ()):
            self.prepare([instance])
        return super().to_representation(instance)

    @property
    def requested(self):
        return self.context.get("requested_locale")

    def get_locale(self, obj) -> str:
        return obj.locale.language_code

    def get_is_fallback(self, obj) -> bool:
        requested = self.requested
        return bool(requested and requested.explicit and obj.locale_id != requested.locale_id)

    def get_available_locales(self, obj) -> list[str]:
        return self._available.get(obj.translation_key, [])

    def api_url(self, obj):
        return links.absolute(
            self.context.get("request"), reverse(self.detail_url_name, args=[obj.pk])
        )


class PageSerializerMixin(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    summary = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField(
        help_text=(
            "The page on the Harbour website for a reader of the requested locale: its "
            "translation, or the fallback page under that language's prefix (/pl/…), with the "
            "interface in the reader's language."
        )
    )
    canonical_url = serializers.SerializerMethodField(
        help_text="The served page's own address on the website, in its own language."
    )
    api_url = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_published_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_url(self, obj) -> str | None:
        return batch.page_url(self.context, obj)

    def get_canonical_url(self, obj) -> str | None:
        return batch.canonical_url(self.context, obj)

    def get_api_url(self, obj) -> str:
        return self.api_url(obj)


class MachineTranslationMixin(serializers.Serializer):
    """Whether the page's text was translated by machine and not reviewed by an editor since
    (courses/machine_translation.py); looked up for a whole list at once."""

    machine_translated = serializers.SerializerMethodField(
        help_text=(
            "True while text of this translation was translated by machine and not reviewed "
            "by an editor since."
        )
    )
    reviewed_at = serializers.SerializerMethodField(
        help_text="When an editor last marked this translation as reviewed; null if never."
    )

    def prepare(self, items):
        super().prepare(items)
        if self.serves("machine_translated", "reviewed_at"):
            batch.prepare_machine_translation(self.context, items)

    def get_machine_translated(self, obj) -> bool:
        return batch.machine_translation_mark(self.context, obj).machine_translated

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_reviewed_at(self, obj):
        reviewed_at = batch.machine_translation_mark(self.context, obj).reviewed_at
        return serializers.DateTimeField().to_representation(reviewed_at) if reviewed_at else None


class UntranslatedSegmentsMixin(serializers.Serializer):
    """How many strings of a translation are still in the source language
    (courses/fallback_text.py); counted for a whole list in one query."""

    untranslated_segments = serializers.SerializerMethodField(
        help_text=(
            "How many text segments of this translation have no translation yet and are "
            "served in the source language (the web page marks them with lang). 0 for a page "
            "in the source language or not translated through the translation editor."
        )
    )

    def prepare(self, items):
        super().prepare(items)
        if not self.serves("untranslated_segments"):
            return
        found = self.context.setdefault("untranslated", {})
        wanted = [item for item in items if item.pk not in found]
        found.update(fallback_text.untranslated(wanted))

    def get_untranslated_segments(self, obj) -> int:
        found = self.context.setdefault("untranslated", {})
        if obj.pk not in found:
            found.update(fallback_text.untranslated([obj]))
        return found[obj.pk].count


# --- Snippets -----------------------------------------------------------------------------


class SnippetBriefSerializer(serializers.Serializer):
    """A snippet inside another item, named in the requested locale when it is translated."""

    def to_representation(self, instance):
        translated = batch.snippet_translation(self.context, instance)
        return super().to_representation(translated)


class SubsectorBriefSerializer(SnippetBriefSerializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class CountryBriefSerializer(SnippetBriefSerializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class PartnerBriefSerializer(SnippetBriefSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class SubsectorSerializer(LocalizedSerializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class CountrySerializer(LocalizedSerializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class PartnerSerializer(LocalizedSerializer):
    detail_url_name = "api:partner-detail"

    name = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    kind = serializers.ChoiceField(choices=Partner.Kind.choices, read_only=True)
    city = serializers.CharField(read_only=True)
    region = serializers.CharField(read_only=True)
    country = CountryBriefSerializer(read_only=True)
    # The model allows an empty website, which is no URI: the schema must not promise one.
    website = serializers.CharField(read_only=True, help_text="A URL, or empty.")
    description = serializers.CharField(read_only=True)
    subsectors = SubsectorBriefSerializer(many=True, read_only=True)
    logo = serializers.SerializerMethodField()
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    updated_at = serializers.DateTimeField(read_only=True)
    api_url = serializers.SerializerMethodField()

    def prepare(self, items):
        super().prepare(items)
        batch.prepare_snippets(
            self.context, items, countries=self.served("country"), m2m=self.served("subsectors")
        )
        if self.serves("logo"):
            batch.prepare_images(self.context, [item.logo for item in items])

    @extend_schema_field(batch.RENDITION_SCHEMA)
    def get_logo(self, obj):
        return batch.rendition(self.context, obj.logo)

    def get_api_url(self, obj) -> str:
        return self.api_url(obj)


class PartnerDetailSerializer(PartnerSerializer):
    address = serializers.CharField(read_only=True)
    postcode = serializers.CharField(read_only=True)


# --- Pages --------------------------------------------------------------------------------

# A StreamField body as ``batch.stream`` gives it: a list of typed blocks, empty for none.
BLOCKS = inline_serializer(
    "Block",
    fields={
        "type": serializers.CharField(),
        "id": serializers.CharField(),
        "value": serializers.JSONField(),
    },
    many=True,
)


class LessonBriefSerializer(LocalizedSerializer, PageSerializerMixin):
    """A lesson in a course's syllabus."""

    detail_url_name = "api:lesson-detail"

    estimated_minutes = serializers.IntegerField(read_only=True)


class CourseSerializer(MachineTranslationMixin, LocalizedSerializer, PageSerializerMixin):
    detail_url_name = "api:course-detail"

    level = serializers.ChoiceField(choices=CoursePage.Level.choices, read_only=True)
    estimated_duration = serializers.IntegerField(
        read_only=True, help_text="Minutes to complete the course."
    )
    cover_image = serializers.SerializerMethodField()
    subsectors = SubsectorBriefSerializer(many=True, read_only=True)
    countries = CountryBriefSerializer(many=True, read_only=True)
    partners = PartnerBriefSerializer(many=True, read_only=True)

    def prepare(self, items):
        super().prepare(items)
        m2m = self.served("subsectors", "countries", "partners")
        batch.prepare_snippets(self.context, items, m2m=m2m)
        if self.serves("cover_image"):
            batch.prepare_images(self.context, [item.cover_image for item in items])

    @extend_schema_field(batch.RENDITION_SCHEMA)
    def get_cover_image(self, obj):
        return batch.rendition(self.context, obj.cover_image)


class CaseStudyBriefSerializer(LocalizedSerializer, PageSerializerMixin):
    detail_url_name = "api:case-study-detail"


class CourseDetailSerializer(UntranslatedSegmentsMixin, CourseSerializer):
    introduction = serializers.SerializerMethodField()
    learning_outcomes = serializers.SerializerMethodField()
    lessons = serializers.SerializerMethodField(help_text="The syllabus: lessons in order.")
    related_case_studies = serializers.SerializerMethodField()

    def get_introduction(self, obj) -> str:
        return batch.rich_text(self.context, obj.introduction, obj.locale_id)

    def get_learning_outcomes(self, obj) -> list[str]:
        return [str(block.value) for block in obj.learning_outcomes]

    @extend_schema_field(LessonBriefSerializer(many=True))
    def get_lessons(self, obj):
        lessons = batch.syllabus(obj, self.context["requested_locale"], self.context)
        return LessonBriefSerializer(lessons, many=True, context=self.context).data

    @extend_schema_field(CaseStudyBriefSerializer(many=True))
    def get_related_case_studies(self, obj):
        ids = [link.case_study_id for link in obj.related_case_studies.all()]
        pages = batch.localized_pages(
            CaseStudyPage, ids, self.context["requested_locale"], self.context
        )
        return CaseStudyBriefSerializer(pages, many=True, context=self.context).data


class CourseBriefSerializer(LocalizedSerializer, PageSerializerMixin):
    detail_url_name = "api:course-detail"


class LessonSerializer(
    UntranslatedSegmentsMixin, MachineTranslationMixin, LocalizedSerializer, PageSerializerMixin
):
    detail_url_name = "api:lesson-detail"

    estimated_minutes = serializers.IntegerField(read_only=True)
    course = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField(
        help_text=(
            "Typed blocks {type, id, value}: rich text as HTML with internal links resolved, "
            "images as renditions, documents as URLs, quizzes without their answers."
        )
    )

    @extend_schema_field(CourseBriefSerializer(allow_null=True))
    def get_course(self, obj):
        parent = batch.parent_course(obj, self.context)
        if parent is None:
            return None
        return CourseBriefSerializer(parent, context=self.context).data

    @extend_schema_field(BLOCKS)
    def get_body(self, obj):
        return batch.stream(self.context, obj.body, obj.locale_id)


class CaseStudySerializer(MachineTranslationMixin, LocalizedSerializer, PageSerializerMixin):
    detail_url_name = "api:case-study-detail"

    project_name = serializers.CharField(read_only=True)
    project_start = serializers.DateField(read_only=True, allow_null=True)
    project_end = serializers.DateField(read_only=True, allow_null=True)
    subsectors = SubsectorBriefSerializer(many=True, read_only=True)
    countries = CountryBriefSerializer(many=True, read_only=True)
    partners = PartnerBriefSerializer(many=True, read_only=True)

    def prepare(self, items):
        super().prepare(items)
        m2m = self.served("subsectors", "countries", "partners")
        batch.prepare_snippets(self.context, items, m2m=m2m)


class CaseStudyDetailSerializer(UntranslatedSegmentsMixin, CaseStudySerializer):
    budget = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True, help_text="EUR"
    )
    challenge = serializers.SerializerMethodField()
    approach = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    lessons_learned = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField(
        help_text="Typed blocks {type, id, value}, as in a lesson's body; empty for none."
    )
    related_courses = serializers.SerializerMethodField()

    def get_challenge(self, obj) -> str:
        return batch.rich_text(self.context, obj.challenge, obj.locale_id)

    def get_approach(self, obj) -> str:
        return batch.rich_text(self.context, obj.approach, obj.locale_id)

    def get_results(self, obj) -> str:
        return batch.rich_text(self.context, obj.results, obj.locale_id)

    def get_lessons_learned(self, obj) -> str:
        return batch.rich_text(self.context, obj.lessons_learned, obj.locale_id)

    @extend_schema_field(BLOCKS)
    def get_body(self, obj):
        return batch.stream(self.context, obj.body, obj.locale_id)

    @extend_schema_field(CourseBriefSerializer(many=True))
    def get_related_courses(self, obj):
        ids = [link.course_id for link in obj.related_courses.all()]
        pages = batch.localized_pages(
            CoursePage, ids, self.context["requested_locale"], self.context
        )
        return CourseBriefSerializer(pages, many=True, context=self.context).data


# --- Preview ------------------------------------------------------------------------------

# What the preview serves, by page model: its type and the serializer of its detail.
PREVIEW_TYPES = {
    CoursePage: ("course", CourseDetailSerializer),
    LessonPage: ("lesson", LessonSerializer),
    CaseStudyPage: ("case_study", CaseStudyDetailSerializer),
}
# Named in SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]: search's hits have a "type" too.
PREVIEW_TYPE_CHOICES = [name for name, _serializer in PREVIEW_TYPES.values()]

PREVIEW_PAGE = PolymorphicProxySerializer(
    component_name="PreviewPage",
    serializers=[CourseDetailSerializer, LessonSerializer, CaseStudyDetailSerializer],
    resource_type_field_name=None,
    help_text="The draft as the detail endpoint of its type would answer it, once published.",
)


class PreviewSerializer(serializers.Serializer):
    """A draft (courses.preview.Draft) for a partner front end; ``page`` has the fields of a
    course, lesson or case study detail, as ``type`` says."""

    type = serializers.SerializerMethodField()
    locale = serializers.SerializerMethodField()
    revision_id = serializers.SerializerMethodField(
        help_text="The revision shown; null for a page saved without revisions."
    )
    revision_created_at = serializers.SerializerMethodField()
    expires_at = serializers.DateTimeField(read_only=True, help_text="When the token expires.")
    page = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=PREVIEW_TYPE_CHOICES))
    def get_type(self, draft):
        return PREVIEW_TYPES[type(draft.page)][0]

    def get_locale(self, draft) -> str:
        return draft.page.locale.language_code

    def get_revision_id(self, draft) -> int | None:
        return draft.revision.pk if draft.revision is not None else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_revision_created_at(self, draft):
        if draft.revision is None:
            return None
        return serializers.DateTimeField().to_representation(draft.revision.created_at)

    @extend_schema_field(PREVIEW_PAGE)
    def get_page(self, draft):
        serializer_class = PREVIEW_TYPES[type(draft.page)][1]
        return serializer_class(draft.page, context=self.context).data


class LocaleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    is_fallback_locale = serializers.BooleanField(
        help_text="Content without a translation is served in this locale."
    )
    courses = serializers.IntegerField(help_text="Live courses in this locale.")
    case_studies = serializers.IntegerField(help_text="Live case studies in this locale.")


__all__ = [
    "CaseStudyDetailSerializer",
    "CaseStudySerializer",
    "CountrySerializer",
    "CourseDetailSerializer",
    "CourseSerializer",
    "LessonSerializer",
    "LocaleSerializer",
    "PartnerDetailSerializer",
    "PartnerSerializer",
    "PreviewSerializer",
    "SubsectorSerializer",
    "Country",
    "LessonPage",
    "Subsector",
]
