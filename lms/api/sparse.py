"""Sparse fields: ``?fields=title,summary,url`` keeps those fields of each item (and ``id`` and
``locale``, always: an item says what it is and which language it is in, and Content-Language
stays true), ``?fields=-body`` drops ``body``, and ``?fields=title,-summary`` is the same as
``?fields=title``. As in Wagtail's API v2 and JSON:API's sparse fieldsets, a client asks
only for what it shows.

An unknown name is a 400 listing the valid ones. The fields left out are never computed:
their batch look-ups (``prepare``) and prefetches are skipped too, so a list without its
relations costs fewer queries (tests/api/test_query_counts.py). Nested items (a course's
lessons) keep all their fields. The response cache keys on the value, in a canonical order
(``canonical``).

- ``SparseFieldsViewMixin``: for a viewset, the ``fields`` parameter, ``wanted_fields()``
  and ``wants(name)``, and the serializer's context;
- ``SparseFieldsSerializerMixin``: for the serializer of the items.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from .exceptions import FieldErrors

PARAMETER = "fields"
ALWAYS = ("id", "locale")
CONTEXT_KEY = "sparse_fields"

SCHEMA_PARAMETER = OpenApiParameter(
    PARAMETER,
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=(
        "Sparse fields: a comma-separated list of the fields to keep (id and locale always "
        "come), "
        "e.g. title,summary,url; a name with a minus sign is left out, e.g. -body. Fields "
        "left out cost nothing. An unknown name is a 400 that lists the valid ones."
    ),
)


def names(raw):
    return [name.strip() for name in (raw or "").split(",") if name.strip()]


def canonical(raw):
    """The value in one order, so that the response cache keys ``title,url`` and
    ``url,title`` alike."""
    return ",".join(sorted(set(names(raw))))


def wanted(raw, available):
    """The names of the fields to serve, in the serializer's order; None for all of them.
    Raises FieldErrors for an unknown name."""
    requested = names(raw)
    if not requested:
        return None
    available = list(available)
    unknown = [name for name in requested if name.removeprefix("-") not in available]
    if unknown:
        raise FieldErrors(
            {
                PARAMETER: [
                    _("Unknown fields: %(unknown)s. Valid fields: %(valid)s.")
                    % {"unknown": ", ".join(unknown), "valid": ", ".join(available)}
                ]
            }
        )
    keep = {name for name in requested if not name.startswith("-")}
    drop = {name[1:] for name in requested if name.startswith("-")}
    if not keep:
        keep = set(available)
    keep = (keep | set(ALWAYS)) - (drop - set(ALWAYS))
    return [name for name in available if name in keep]


class SparseFieldsViewMixin:
    """Put it before Harbour's API base view, on a viewset with ``get_serializer_class``."""

    query_parameters = frozenset({"locale", PARAMETER})

    def wanted_fields(self):
        if not hasattr(self, "_wanted_fields"):
            serializer_class = self.get_serializer_class()
            available = serializer_class().fields.keys()
            self._wanted_fields = wanted(self.request.query_params.get(PARAMETER), available)
        return self._wanted_fields

    def wants(self, name):
        fields = self.wanted_fields()
        return fields is None or name in fields

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "request", None) is not None and not getattr(
            self, "swagger_fake_view", False
        ):
            context[CONTEXT_KEY] = (self.get_serializer_class(), self.wanted_fields())
        return context


class SparseFieldsSerializerMixin:
    """Serves only the wanted fields when it is the serializer the view asked for; the same
    class nested in another keeps all its fields."""

    def get_fields(self):
        fields = super().get_fields()
        serializer_class, keep = self.context.get(CONTEXT_KEY, (None, None))
        if keep is None or type(self) is not serializer_class or self.nested():
            return fields
        return {name: field for name, field in fields.items() if name in keep}

    def nested(self):
        parent = self.parent
        if parent is not None and getattr(parent, "many", False):
            parent = parent.parent
        return parent is not None

    def serves(self, *names):
        """Whether any of ``names`` is served: a batch look-up for none of them is skipped."""
        return any(name in self.fields for name in names)

    def served(self, *names):
        """Those of ``names`` that are served."""
        return tuple(name for name in names if name in self.fields)
