"""The event calendar in the content API: a list and a detail, with the content API's
locale, fallback, filter and error rules (courses/api/views.py) and the calendar's one
FilterSet (network/filters.py)::

    GET /api/v1/events/?locale=pl&when=upcoming&country=PL&kind=workshop
    GET /api/v1/events/31/?locale=de

Each event's ``ics_url`` is its iCalendar file; the calendar page's ``calendar.ics`` takes
the same filters as this list.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from courses.api.views import (
    LOCALE_PARAMETERS,
    NOT_MODIFIED,
    ContentViewSet,
    PageViewSet,
    documented,
)
from lms.api import links
from lms.api.cache import CachedResponseMixin
from lms.api.exceptions import BadRequest, FieldErrors
from lms.api.views import HarbourAPIView, HarbourGenericAPIView

from .. import contact, matching, services
from ..competencies import competency_map
from ..filters import EventFilterSet, FocusPeriodFilterSet, current_focus_key
from ..models import Competency, ContactRequest, EventPage, FocusPeriod
from . import serializers


@documented(serializers.EventSerializer, serializers.EventDetailSerializer)
class EventViewSet(PageViewSet):
    """The network's events, soonest first: ``?when=upcoming&partner=media-dizajn``."""

    model = EventPage
    not_found_message = gettext_lazy("No event has this id.")
    serializer_class = serializers.EventSerializer
    detail_serializer_class = serializers.EventDetailSerializer
    filterset_class = EventFilterSet
    default_ordering = ("starts_at", "pk")

    def optimize(self, queryset):
        queryset = super().optimize(queryset)
        if self.wants("series"):
            queryset = queryset.select_related("series")
        return queryset

    def relations(self):
        names = ["hosts", "co_hosts", "subsectors", "countries"]
        if self.action == "retrieve":
            names += ["related_courses", "related_case_studies"]
        return [name for name in names if self.wants(name)]


class FocusContextMixin:
    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["current_focus_key"] = current_focus_key(
                FocusPeriod.objects.all(), timezone.localdate()
            )
        return context


@documented(serializers.FocusPeriodSerializer)
class FocusPeriodViewSet(FocusContextMixin, mixins.ListModelMixin, ContentViewSet):
    """The focus country schedule, in order: ``?when=coming``, ``?when=past``, ``?country=EE``.
    ``GET /api/v1/focus-country/`` is the current period alone."""

    model = FocusPeriod
    serializer_class = serializers.FocusPeriodSerializer
    filterset_class = FocusPeriodFilterSet
    default_ordering = ("starts_on", "pk")

    def optimize(self, queryset):
        queryset = super().optimize(queryset)
        if self.wants("country"):
            queryset = queryset.select_related("country")
        return queryset

    def relations(self):
        names = ("partners", "courses", "case_studies", "events")
        return [name for name in names if self.wants(name)]


class FocusCountryView(FocusContextMixin, CachedResponseMixin, HarbourGenericAPIView):
    """The country in focus now: the period that covers today, else the last one begun
    (network/services.py). A 404 in the one error shape before the schedule starts."""

    serializer_class = serializers.FocusPeriodSerializer
    pagination_class = None

    @extend_schema(
        parameters=LOCALE_PARAMETERS,
        responses={200: serializers.FocusPeriodSerializer, 304: NOT_MODIFIED},
    )
    def get(self, request):
        period = services.current_focus(self.requested_locale)
        if period is None:
            raise exceptions.NotFound(_("No country is in focus yet."))
        period = (
            FocusPeriod.objects.filter(pk=period.pk)
            .select_related("country", "locale")
            .prefetch_related("partners", "courses", "case_studies", "events")
            .get()
        )
        context = self.get_serializer_context()
        context["requested_locale"] = self.requested_locale
        return Response(serializers.FocusPeriodSerializer(period, context=context).data)


@documented(serializers.CompetencySerializer)
class CompetencyViewSet(mixins.ListModelMixin, ContentViewSet):
    """The vocabulary of what partners offer and seek, named in ``?locale=``."""

    model = Competency
    serializer_class = serializers.CompetencySerializer
    default_ordering = ("name", "pk")


def matrix_data(request, matrix, requested, directory=False):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(requested.code):
        base = reverse("courses:partners")
    cells = []
    for (row, column), count in sorted(matrix.counts.items()):
        url = None
        if directory:
            url = links.absolute(request, f"{base}?subsector={row}&country={column}")
        cells.append({"row": row, "column": column, "count": count, "directory_url": url})
    return {
        "rows": [{"key": key, "name": name} for key, name in matrix.rows],
        "columns": [{"key": key, "name": name} for key, name in matrix.columns],
        "cells": cells,
    }


class CompetencyMapView(CachedResponseMixin, HarbourAPIView):
    """The competency map: ``subsector_country`` (each cell links to the filtered partner
    directory) and ``offers_seeks``, counted over the partner organisations."""

    @extend_schema(
        parameters=LOCALE_PARAMETERS,
        responses={200: serializers.CompetencyMapSerializer, 304: NOT_MODIFIED},
    )
    def get(self, request):
        found = competency_map(self.requested_locale)
        requested = self.requested_locale
        return Response(
            {
                "subsector_country": matrix_data(
                    request, found["subsector_country"], requested, directory=True
                ),
                "offers_seeks": matrix_data(request, found["offers_seeks"], requested),
            }
        )


def suggestion_data(request, suggestions, requested):
    from django.urls import reverse

    results = []
    for match, reasons in suggestions:
        slug = match.candidate.slug
        with translation.override(requested.code):
            web = reverse("courses:partner", kwargs={"slug": slug})
        results.append(
            {
                "partner": {
                    "id": match.candidate.key,
                    "slug": slug,
                    "name": match.candidate.name,
                    "country": match.candidate.country,
                    "web_url": links.absolute(request, web),
                    "api_url": links.api_url(request, "partner-detail", pk=match.candidate.key),
                },
                "score": match.score,
                "reasons": reasons,
                "offers_you_seek": match.offers_i_seek,
                "seeks_you_offer": match.seeks_i_offer,
                "shared_subsectors": match.shared_subsectors,
                "cross_border": match.cross_border,
            }
        )
    return results


class MatchSuggestionsView(HarbourAPIView):
    """Cooperation partners suggested to you (token or session), best first, ranked by
    complementarity: what they offer that you seek, what they seek that you offer, a shared
    subsector, another country. Each has its reasons in the requested language. Say what
    you offer and seek on the match-making page."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=LOCALE_PARAMETERS, responses={200: serializers.MatchSuggestionsSerializer}
    )
    def get(self, request):
        requested = self.requested_locale
        seeker = matching.seeker_of(matching.profile_of(request.user))
        with translation.override(requested.code):
            found = matching.suggestions(request.user, requested, seeker=seeker)
        return Response(
            {
                "profile_complete": bool(seeker.offers or seeker.seeks),
                "results": suggestion_data(request, found, requested),
            }
        )


class ContactLimit(exceptions.Throttled):
    """A 429 ``contact_limit``: DRF's exception handler sets Retry-After from ``wait``."""

    default_code = "contact_limit"

    def __init__(self, wait, detail):
        exceptions.APIException.__init__(self, detail, "contact_limit")
        self.wait = wait


class ContactRequestList(mixins.ListModelMixin, HarbourGenericAPIView):
    """Your contact requests to cooperation partners (``GET``, yours only), or write to one
        (``POST {"partner": 12, "message": "…"}``, with ``visit_starts_on``, ``visit_ends_on``
        and ``group_size`` for a study visit). Harbour emails the partner's contact person; you
        never see their address until they answer you from Harbour (``answer``). Your email address
    must be confirmed first (a 403 ``email_unverified``). Five requests a day: the sixth is a 429
    ``contact_limit``."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.ContactRequestSerializer

    def get_queryset(self):
        return ContactRequest.objects.filter(user=self.request.user).select_related("partner")

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        responses={
            201: serializers.ContactRequestSerializer,
            403: OpenApiResponse(
                description="`email_unverified`: confirm your email address first (the link "
                "Harbour emailed at sign-up, or a new one from your profile): the partner "
                "answers you there."
            ),
        }
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            raise FieldErrors(serializer.errors)
        data = serializer.validated_data
        partner = contact.source_partner(data["partner_id"])
        if partner is None:
            raise FieldErrors({"partner": [_("No partner has this id.")]})
        try:
            created = contact.create_request(
                request.user,
                partner,
                data["message"],
                visit_starts_on=data.get("visit_starts_on"),
                visit_ends_on=data.get("visit_ends_on"),
                group_size=data.get("group_size"),
            )
        except contact.ContactError as error:
            if error.code == "contact_limit":
                raise ContactLimit(error.retry_after, error.message) from error
            if error.code == "email_unverified":
                raise exceptions.PermissionDenied(error.message, code=error.code) from error
            raise BadRequest(error.message, code=error.code) from error
        return Response(self.get_serializer(created).data, status=201)
