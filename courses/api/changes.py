"""``GET /api/v1/changes/?since=<cursor>``: the change feed, for clients that pull.

Each row is one change of a course, lesson, case study or partner, in the order Harbour
committed them: its ``change`` (created, updated, deleted), the object's type, id,
``translation_key`` and locale, the time, and its API ``url``. An unpublished or deleted
object is a tombstone (``change: deleted``, ``url: null``). A lesson's row names its course
(``course``): a change of a lesson is a change of its course.

Paging is by cursor: every answer has ``cursor`` (the last row's) and ``next``; the client
keeps the cursor and asks again with ``?since=<cursor>``, now or a week later, and gets
exactly the rows it has not seen. Rows are numbered in commit order (outbox.models), so a
write that commits during a read appears after the cursor, never before it: no gaps and no
duplicates while writes go on. ``?type=lesson`` keeps one type; ``?limit=`` (1-500, default
100) sets the page size. One query per page.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from lms.api import links
from lms.api.exceptions import FieldErrors
from lms.api.views import HarbourAPIView
from outbox.events import CONTENT_EVENTS, CONTENT_TYPES
from outbox.models import Event
from outbox.webhooks import API_ROUTES

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
MAX_CURSOR = 2**63 - 1
CHANGES = ("created", "updated", "deleted")


class ChangedCourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    translation_key = serializers.UUIDField()
    url = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Resume after this row with ?since=<cursor>.")
    event = serializers.ChoiceField(choices=CONTENT_EVENTS, help_text="e.g. lesson.published")
    change = serializers.ChoiceField(choices=CHANGES, help_text="deleted: a tombstone")
    type = serializers.ChoiceField(choices=CONTENT_TYPES)
    id = serializers.IntegerField()
    translation_key = serializers.UUIDField()
    locale = serializers.CharField()
    time = serializers.DateTimeField()
    url = serializers.CharField(
        allow_null=True, help_text="The object in the API; null when deleted."
    )
    course = ChangedCourseSerializer(
        allow_null=True, help_text="A lesson's course, which this change changes too."
    )


class ChangeFeedSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="The last row's cursor (or ?since= on an empty page).")
    next = serializers.CharField(help_text="The next page: ask again later if it is empty.")
    has_more = serializers.BooleanField(help_text="More rows are waiting now.")
    results = ChangeSerializer(many=True)


def _cursor(request, name, default, maximum):
    value = request.query_params.get(name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or int(value) > maximum:
        message = (
            _("Give the cursor of a change feed answer, e.g. ?since=120.")
            if name == "since"
            else _("Give a whole number from 1 to %(max)s.") % {"max": maximum}
        )
        raise FieldErrors({name: [message]})
    return int(value)


class ChangeFeedView(HarbourAPIView):
    """``GET /api/v1/changes/?since=120&limit=50&type=course``"""

    query_parameters = frozenset({"locale", "since", "limit", "type"})

    def row(self, request, event):
        deleted = event.data.get("change") == "deleted"
        course = event.data.get("course")
        return {
            "cursor": str(event.seq),
            "event": event.type,
            "change": event.data.get("change", "updated"),
            "type": event.object_type,
            "id": int(event.object_id),
            "translation_key": event.translation_key,
            "locale": event.locale,
            "time": event.occurred_at,
            "url": None
            if deleted
            else links.api_url(request, API_ROUTES[event.object_type], pk=event.object_id),
            "course": {
                "id": course["id"],
                "translation_key": course["translation_key"],
                "url": links.api_url(request, "course-detail", pk=course["id"]),
            }
            if course
            else None,
        }

    @extend_schema(
        operation_id="changes_list",
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                description="The cursor of the last answer; absent: from the beginning.",
                pattern=r"^[0-9]+$",
            ),
            OpenApiParameter(
                "limit",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description=f"Rows per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
            ),
            OpenApiParameter(
                "type",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(CONTENT_TYPES),
                description="Only changes of this type.",
            ),
        ],
        responses={200: ChangeFeedSerializer},
    )
    def get(self, request):
        since = _cursor(request, "since", 0, MAX_CURSOR)
        limit = _cursor(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        if limit < 1:
            raise FieldErrors(
                {"limit": [_("Give a whole number from 1 to %(max)s.") % {"max": MAX_LIMIT}]}
            )
        kind = request.query_params.get("type")
        events = Event.objects.filter(type__in=CONTENT_EVENTS, seq__gt=since)
        if kind is not None:
            if kind not in CONTENT_TYPES:
                raise FieldErrors(
                    {"type": [_("Use one of: %(types)s.") % {"types": ", ".join(CONTENT_TYPES)}]}
                )
            events = events.filter(object_type=kind)
        found = list(events.order_by("seq")[: limit + 1])
        page, has_more = found[:limit], len(found) > limit
        cursor = str(page[-1].seq) if page else str(since)
        query = {"since": cursor}
        if "limit" in request.query_params:
            query["limit"] = limit
        if kind:
            query["type"] = kind
        next_url = (
            links.api_url(request, "changes")
            + "?"
            + "&".join(f"{name}={value}" for name, value in query.items())
        )
        return Response(
            {
                "cursor": cursor,
                "next": next_url,
                "has_more": has_more,
                "results": [self.row(request, event) for event in page],
            }
        )
