"""The event calendar in the content API, with the content API's shape: every event carries
``locale``, ``translation_key``, ``available_locales`` and ``is_fallback``; linked partners,
subsectors and countries are named in the requested locale, looked up once per response
(courses/api/batch.py).

Times come twice: ``starts_at``/``ends_at`` in UTC, and ``local_start``/``local_end`` with
the offset of the event's ``timezone``, as the page shows them.
"""

from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from courses.api import batch
from courses.api.serializers import (
    BLOCKS,
    CaseStudyBriefSerializer,
    CountryBriefSerializer,
    CourseBriefSerializer,
    LocalizedSerializer,
    PageSerializerMixin,
    PartnerBriefSerializer,
    SnippetBriefSerializer,
    SubsectorBriefSerializer,
)
from courses.models import CaseStudyPage, CoursePage
from lms.api import links

from ..models import EventPage


class EventSeriesBriefSerializer(SnippetBriefSerializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class EventSerializer(LocalizedSerializer, PageSerializerMixin):
    detail_url_name = "api:event-detail"

    kind = serializers.ChoiceField(choices=EventPage.Kind.choices, read_only=True)
    starts_at = serializers.DateTimeField(read_only=True, help_text="The start, in UTC.")
    ends_at = serializers.DateTimeField(read_only=True, help_text="The end, in UTC.")
    timezone = serializers.CharField(
        read_only=True, help_text="The event's IANA timezone, e.g. Europe/Warsaw."
    )
    local_start = serializers.SerializerMethodField(
        help_text="The start in the event's timezone, ISO 8601 with its offset."
    )
    local_end = serializers.SerializerMethodField(
        help_text="The end in the event's timezone, ISO 8601 with its offset."
    )
    is_past = serializers.SerializerMethodField(help_text="True once the event has ended.")
    online = serializers.BooleanField(read_only=True)
    venue_name = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    hosts = PartnerBriefSerializer(many=True, read_only=True)
    co_hosts = PartnerBriefSerializer(many=True, read_only=True)
    subsectors = SubsectorBriefSerializer(many=True, read_only=True)
    countries = CountryBriefSerializer(many=True, read_only=True)
    series = EventSeriesBriefSerializer(read_only=True, allow_null=True)
    languages = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Languages spoken, as codes."
    )
    registration_url = serializers.CharField(read_only=True, help_text="A URL, or empty.")
    capacity = serializers.IntegerField(read_only=True, allow_null=True)
    cancelled = serializers.BooleanField(read_only=True)
    sample = serializers.BooleanField(
        read_only=True, help_text="A made-up example event, not a real date."
    )
    ics_url = serializers.SerializerMethodField(
        help_text="The event as an iCalendar file, to add it to a calendar."
    )

    def prepare(self, items):
        super().prepare(items)
        m2m = self.served("hosts", "co_hosts", "subsectors", "countries")
        batch.prepare_snippets(self.context, items, countries=self.served("series"), m2m=m2m)

    def get_local_start(self, obj) -> str:
        return timezone.localtime(obj.starts_at, obj.zone).isoformat()

    def get_local_end(self, obj) -> str:
        return timezone.localtime(obj.ends_at, obj.zone).isoformat()

    def get_is_past(self, obj) -> bool:
        return obj.is_past

    def get_ics_url(self, obj) -> str:
        requested = self.requested
        with translation.override(requested.code if requested else None):
            url = reverse("network:event-ics", args=[obj.pk])
        return links.absolute(self.context.get("request"), url)


class EventDetailSerializer(EventSerializer):
    description = serializers.SerializerMethodField()
    programme = serializers.SerializerMethodField(
        help_text="Typed blocks {type, id, value}: the sessions in order."
    )
    venue_address = serializers.CharField(read_only=True)
    online_url = serializers.CharField(read_only=True, help_text="A URL, or empty.")
    related_courses = serializers.SerializerMethodField()
    related_case_studies = serializers.SerializerMethodField()

    def get_description(self, obj) -> str:
        return batch.rich_text(self.context, obj.description, obj.locale_id)

    @extend_schema_field(BLOCKS)
    def get_programme(self, obj):
        return batch.stream(self.context, obj.programme, obj.locale_id)

    @extend_schema_field(CourseBriefSerializer(many=True))
    def get_related_courses(self, obj):
        ids = [page.pk for page in obj.related_courses.all()]
        pages = batch.localized_pages(CoursePage, ids, self.requested, self.context)
        return CourseBriefSerializer(pages, many=True, context=self.context).data

    @extend_schema_field(CaseStudyBriefSerializer(many=True))
    def get_related_case_studies(self, obj):
        ids = [page.pk for page in obj.related_case_studies.all()]
        pages = batch.localized_pages(CaseStudyPage, ids, self.requested, self.context)
        return CaseStudyBriefSerializer(pages, many=True, context=self.context).data


class EventBriefSerializer(LocalizedSerializer, PageSerializerMixin):
    detail_url_name = "api:event-detail"

    starts_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)


class FocusPeriodSerializer(LocalizedSerializer):
    """A focus period: the country, its dates, texts (rich text as HTML) and what it
    features, in the requested locale."""

    country = CountryBriefSerializer(read_only=True)
    starts_on = serializers.DateField(read_only=True)
    ends_on = serializers.DateField(read_only=True)
    is_current = serializers.SerializerMethodField(
        help_text="True for the one period current today."
    )
    headline = serializers.CharField(read_only=True)
    innovation_group = serializers.CharField(
        read_only=True,
        help_text="The Innovation Union Scoreboard 2015 rating: leader, moderate, or empty.",
    )
    cci = serializers.SerializerMethodField(help_text="The state of its CCI (HTML).")
    needs = serializers.SerializerMethodField(help_text="Its needs (HTML).")
    strengths = serializers.SerializerMethodField(help_text="Its strengths (HTML).")
    partners = PartnerBriefSerializer(many=True, read_only=True)
    courses = serializers.SerializerMethodField()
    case_studies = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    def prepare(self, items):
        super().prepare(items)
        batch.prepare_snippets(
            self.context, items, countries=self.served("country"), m2m=self.served("partners")
        )

    def get_is_current(self, obj) -> bool:
        current = self.context.get("current_focus_key")
        return current is not None and obj.translation_key == current

    def get_cci(self, obj) -> str:
        return batch.rich_text(self.context, obj.cci, obj.locale_id)

    def get_needs(self, obj) -> str:
        return batch.rich_text(self.context, obj.needs, obj.locale_id)

    def get_strengths(self, obj) -> str:
        return batch.rich_text(self.context, obj.strengths, obj.locale_id)

    def _pages(self, model, pages):
        ids = [page.pk for page in pages]
        return batch.localized_pages(model, ids, self.requested, self.context)

    @extend_schema_field(CourseBriefSerializer(many=True))
    def get_courses(self, obj):
        pages = self._pages(CoursePage, obj.courses.all())
        return CourseBriefSerializer(pages, many=True, context=self.context).data

    @extend_schema_field(CaseStudyBriefSerializer(many=True))
    def get_case_studies(self, obj):
        pages = self._pages(CaseStudyPage, obj.case_studies.all())
        return CaseStudyBriefSerializer(pages, many=True, context=self.context).data

    @extend_schema_field(EventBriefSerializer(many=True))
    def get_events(self, obj):
        pages = self._pages(EventPage, obj.events.all())
        return EventBriefSerializer(pages, many=True, context=self.context).data


class CompetencySerializer(LocalizedSerializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class AxisSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="A subsector's or competency's slug, a country code.")
    name = serializers.CharField(help_text="Named in the requested locale.")


class CellSerializer(serializers.Serializer):
    row = serializers.CharField()
    column = serializers.CharField()
    count = serializers.IntegerField(help_text="How many partners.")
    directory_url = serializers.CharField(
        allow_null=True, help_text="The partner directory filtered to this cell, or null."
    )


class MatrixSerializer(serializers.Serializer):
    rows = AxisSerializer(many=True)
    columns = AxisSerializer(many=True)
    cells = CellSerializer(many=True, help_text="The cells with at least one partner.")


class CompetencyMapSerializer(serializers.Serializer):
    subsector_country = MatrixSerializer(
        help_text="Partners active in each subsector (rows) by country (columns)."
    )
    offers_seeks = MatrixSerializer(
        help_text="Partners that offer the row's competency and seek the column's."
    )


class MatchPartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True, help_text="ISO 3166-1 alpha-2 code.")
    web_url = serializers.URLField(read_only=True)
    api_url = serializers.URLField(read_only=True)


class MatchSuggestionSerializer(serializers.Serializer):
    partner = MatchPartnerSerializer(read_only=True)
    score = serializers.IntegerField(read_only=True)
    reasons = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="In the requested language."
    )
    offers_you_seek = serializers.ListField(child=serializers.SlugField(), read_only=True)
    seeks_you_offer = serializers.ListField(child=serializers.SlugField(), read_only=True)
    shared_subsectors = serializers.ListField(child=serializers.SlugField(), read_only=True)
    cross_border = serializers.BooleanField(read_only=True)


class MatchSuggestionsSerializer(serializers.Serializer):
    profile_complete = serializers.BooleanField(
        read_only=True, help_text="False until you have said what you offer or seek."
    )
    results = MatchSuggestionSerializer(many=True, read_only=True)


class ContactAnswerSerializer(serializers.Serializer):
    answered_at = serializers.DateTimeField(read_only=True)
    answered_by = serializers.CharField(read_only=True, source="answered_by_name")
    answered_from = serializers.EmailField(read_only=True, source="reply_from")
    message = serializers.CharField(read_only=True, source="reply")


class ContactRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    partner = serializers.IntegerField(
        source="partner_id", help_text="A partner's id, of any locale."
    )
    partner_name = serializers.CharField(read_only=True, source="partner.name")
    message = serializers.CharField(max_length=4000)
    visit_starts_on = serializers.DateField(required=False, allow_null=True)
    visit_ends_on = serializers.DateField(required=False, allow_null=True)
    group_size = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=500
    )
    created_at = serializers.DateTimeField(read_only=True)
    emailed = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField(help_text="sent, or answered")
    answer = serializers.SerializerMethodField(
        help_text="The partner's answer from Harbour's admin, or null before it: who answered, "
        "the address they answered from (shown to you once they have answered) and the text."
    )

    def get_emailed(self, obj) -> bool:
        return obj.emailed_at is not None

    def get_status(self, obj) -> str:
        return "answered" if obj.answered else "sent"

    @extend_schema_field(ContactAnswerSerializer(allow_null=True))
    def get_answer(self, obj):
        if not obj.answered:
            return None
        return ContactAnswerSerializer(obj).data

    def validate(self, attrs):
        from django.utils.translation import gettext as _

        starts, ends = attrs.get("visit_starts_on"), attrs.get("visit_ends_on")
        if starts and ends and ends < starts:
            raise serializers.ValidationError(
                {"visit_ends_on": [_("A study visit cannot end before it starts.")]}
            )
        return attrs
