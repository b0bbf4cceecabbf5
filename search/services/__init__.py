"""Search across courses, lessons, case studies and partners, one locale at a time.

- ``types``: what is searchable (``SEARCH_TYPES``), the results and the errors;
- ``query``: ``search`` and ``autocomplete``, asking Wagtail's search backend of the locale;
- ``facets``: counts by type, subsector and country;
- ``highlight``: excerpts with the matched words marked.
"""

from courses.filters import normalise_query

from .highlight import highlight
from .query import autocomplete, search
from .types import (
    PAGE_SIZE_MAX,
    QUERY_MAX_LENGTH,
    SEARCH_TYPES,
    FacetValue,
    Hit,
    SearchInputError,
    SearchResult,
    SearchType,
    SearchUnavailable,
)

__all__ = [
    "PAGE_SIZE_MAX",
    "QUERY_MAX_LENGTH",
    "SEARCH_TYPES",
    "FacetValue",
    "Hit",
    "SearchInputError",
    "SearchResult",
    "SearchType",
    "SearchUnavailable",
    "autocomplete",
    "highlight",
    "normalise_query",
    "search",
]
