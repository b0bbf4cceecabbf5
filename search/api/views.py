"""The search API: thin views that validate parameters and call search.services.

Both are served through the response cache (lms/api/cache.py) like the content endpoints: a
repeated search is one cache round trip and no query, until the search index changes
(search.table.TAG) or anything else the hits and facets show does. On Elasticsearch, whose
index writes bump nothing, each search is computed (``lms.api.cache.not_stored``).
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from lms.api.cache import CachedResponseMixin
from lms.api.exceptions import FieldErrors
from lms.api.links import absolute
from lms.api.views import HarbourAPIView
from search import services

from .serializers import (
    AutocompleteParamsSerializer,
    AutocompleteResponseSerializer,
    SearchParamsSerializer,
    SearchResponseSerializer,
)

ACCEPT_LANGUAGE = OpenApiParameter(
    "Accept-Language",
    location=OpenApiParameter.HEADER,
    required=False,
    description="Used when ?locale= is absent.",
)
ERRORS = {503: OpenApiResponse(description="The search backend is unavailable.")}


class BaseSearchView(CachedResponseMixin, HarbourAPIView):
    """The parameters are declared by a serializer; the base view rejects any other. Only a
    200 is stored: a 400 (bad parameters) or a 503 (the backend down) is computed each time."""

    params_serializer_class = None

    def allowed_query_params(self):
        return set(self.params_serializer_class().fields)

    def get_params(self, request):
        serializer = self.params_serializer_class(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        params = dict(serializer.validated_data)
        params["locale"] = self.requested_locale.code
        return params


class SearchView(BaseSearchView):
    """Ranked hits across courses, lessons, case studies and partners in one locale.

    Example: ``/api/v1/search/?q=festival&locale=pl&type=course,case_study&country=PL``
    """

    params_serializer_class = SearchParamsSerializer

    @extend_schema(
        parameters=[SearchParamsSerializer, ACCEPT_LANGUAGE],
        responses={200: SearchResponseSerializer, **ERRORS},
    )
    def get(self, request):
        params = self.get_params(request)
        try:
            result = services.search(
                params["q"],
                params["locale"],
                types=params.get("type"),
                subsector=params.get("subsector"),
                country=params.get("country"),
                page=params["page"],
                page_size=params["page_size"],
                request=request,
            )
        except services.SearchInputError as error:
            raise FieldErrors({error.field or "detail": [str(error)]}) from error
        data = SearchResponseSerializer(
            {
                **vars(result),
                "num_pages": result.num_pages,
                "next": self.page_url(request, result.page + 1) if result.has_next else None,
                "previous": self.page_url(request, result.page - 1)
                if result.has_previous
                else None,
            }
        ).data
        return Response(data)

    def page_url(self, request, page):
        query = request.query_params.copy()
        query["page"] = page
        return absolute(request, f"{request.path}?{query.urlencode()}")


class AutocompleteView(BaseSearchView):
    """Suggestions for what is being typed: titles whose words start with it.

    Example: ``/api/v1/search/autocomplete/?q=lighth&locale=en``
    """

    params_serializer_class = AutocompleteParamsSerializer

    @extend_schema(
        parameters=[AutocompleteParamsSerializer, ACCEPT_LANGUAGE],
        responses={200: AutocompleteResponseSerializer, **ERRORS},
    )
    def get(self, request):
        params = self.get_params(request)
        # A backend that is down raises SearchUnavailable: the one error body, with 503.
        suggestions = services.autocomplete(
            params["q"], params["locale"], limit=params["limit"], request=request
        )
        data = AutocompleteResponseSerializer(
            {
                "query": services.normalise_query(params["q"]),
                "locale": params["locale"],
                "results": suggestions,
            }
        ).data
        return Response(data)
