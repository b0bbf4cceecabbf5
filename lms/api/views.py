"""Harbour's API base view: the request contract every endpoint under /api/v1/ shares.

The policy lives here, on the views, not in the global ``REST_FRAMEWORK`` setting: Wagtail's
admin API and wagtail-localize's editor are DRF views too, and keep DRF's defaults.

What every Harbour API view does:

- JSON in, JSON out (parsers and renderers);
- authentication by API key (partner sites), session or token (learners), and one throttle
  with a rate per kind of client (``throttling.py``);
- errors in one shape (``exceptions.py``);
- a 400 for any query parameter it does not declare (``query_parameters`` plus, for lists,
  the filterset's and the paginator's), and for a filter or paging parameter sent empty;
- the locale: ``?locale=`` > Accept-Language > en; an unknown ``?locale=`` is a 400
  (``lms.i18n``). ``self.requested_locale`` holds it;
- ``Content-Language``: the languages of the body actually served (an item served in the
  fallback locale adds its language), and ``Vary: Accept-Language``;
- the client's rate limit on every answer the throttle counted (``RateLimit`` and
  ``RateLimit-Policy``, throttling.py), 429s included;
- for an operation marked ``@deprecated`` (deprecation.py), ``Deprecation``, ``Sunset`` and a
  ``Link`` to the notes.

Subclass ``HarbourAPIView``, ``HarbourGenericAPIView`` or ``HarbourViewSet``.
"""

from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework import generics, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from lms import i18n

from .authentication import APIKeyAuthentication
from .exceptions import BadRequest, FieldErrors, exception_handler
from .pagination import HarbourPagination
from .parsers import HarbourJSONParser
from .throttling import HarbourRateThrottle


def body_languages(data, first=None):
    """The language codes of the content in a response body, ``first`` first: the ``locale``
    of the object, or of each item of a list or a page of results."""
    if isinstance(data, dict):
        if isinstance(data.get("locale"), str):
            return [data["locale"]]
        items = data.get("results")
    else:
        items = data
    if not isinstance(items, list):
        return []
    codes = [item["locale"] for item in items if isinstance(item, dict) and "locale" in item]
    if first in codes:
        codes.insert(0, first)
    return list(dict.fromkeys(code for code in codes if isinstance(code, str)))


class HarbourAPIMixin:
    renderer_classes = [JSONRenderer]
    parser_classes = [HarbourJSONParser]
    authentication_classes = [
        APIKeyAuthentication,
        SessionAuthentication,
        TokenAuthentication,
    ]
    permission_classes = [AllowAny]
    throttle_classes = [HarbourRateThrottle]
    pagination_class = HarbourPagination
    # The query parameters every action of the view accepts; lists add their filters'.
    query_parameters = frozenset({"locale"})
    requested_locale = None
    # Set by lms.api.deprecation.deprecated().
    deprecation = None

    def get_exception_handler(self):
        return exception_handler

    def is_list(self):
        """A list answer, which takes the filterset's and the paginator's parameters too."""
        action = getattr(self, "action", None)
        if action is not None:
            return action == "list"
        return self.request.method == "GET" and hasattr(self, "list")

    def list_query_params(self):
        """The filterset's and the paginator's parameters, which a list takes."""
        names = set()
        if self.is_list():
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                names |= set(filterset_class.base_filters)
            if getattr(self, "paginator", None) is not None:
                names |= self.paginator.query_parameters()
        return names

    def allowed_query_params(self):
        return set(self.query_parameters) | self.list_query_params()

    def check_query_params(self, request):
        allowed = self.allowed_query_params()
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise BadRequest(
                _("Unknown query parameters: %(unknown)s. Allowed: %(allowed)s.")
                % {
                    "unknown": ", ".join(unknown),
                    "allowed": ", ".join(sorted(allowed)) or _("none"),
                },
                code="unknown_parameter",
            )
        # An empty filter or paging value is no value: a 400 for each alike, as the schema
        # says (minLength 1), rather than "absent" for some and "invalid" for others. The
        # views' own parameters check theirs (an empty ?locale= is an unknown locale).
        listed = self.list_query_params()
        empty = sorted(
            {
                name
                for name, values in request.query_params.lists()
                if "" in values and name in listed
            }
        )
        if empty:
            raise FieldErrors(
                {name: [_("Give a value, or leave the parameter out.")] for name in empty}
            )

    def negotiate_locale(self, request):
        try:
            return i18n.negotiate_locale(
                request.query_params.get("locale"), request.headers.get("Accept-Language")
            )
        except i18n.UnknownLocale as error:
            raise BadRequest(str(error), code="unknown_locale") from error

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_query_params(request)
        self.requested_locale = self.negotiate_locale(request)

    def content_languages(self, response):
        """The value of Content-Language for a response."""
        requested = self.requested_locale
        first = requested.code if requested else None
        if response.status_code < 400:
            codes = body_languages(getattr(response, "data", None), first)
            if codes:
                return ", ".join(codes)
        return first

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        quota = getattr(request, "quota", None)
        if quota is not None:
            for name, value in quota.headers().items():
                response[name] = value
        if self.deprecation is not None:
            for name, value in self.deprecation.headers(request).items():
                if name == "Link" and response.has_header("Link"):
                    value = f"{response['Link']}, {value}"
                response[name] = value
        if not response.has_header("Content-Language"):
            language = self.content_languages(response)
            if language:
                response["Content-Language"] = language
        return response


class HarbourAPIView(HarbourAPIMixin, APIView):
    # A plain view answers what it builds; only lists of generic views are paged.
    pagination_class = None


class HarbourGenericAPIView(HarbourAPIMixin, generics.GenericAPIView):
    pass


class HarbourViewSet(HarbourAPIMixin, viewsets.GenericViewSet):
    pass
