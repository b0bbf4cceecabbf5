"""Parameters and responses of the search API, declared for validation and the OpenAPI schema."""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from search.services import PAGE_SIZE_MAX, QUERY_MAX_LENGTH, SEARCH_TYPES


def _split(values):
    """``?type=course,lesson`` and ``?type=course&type=lesson`` mean the same."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class QueryParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=QUERY_MAX_LENGTH,
        help_text=_("What to look for. Punctuation and operators are ignored."),
    )
    locale = serializers.CharField(
        required=False,
        max_length=10,
        help_text=format_lazy(
            _("Content language, one of {codes}; else Accept-Language, else en."),
            codes=", ".join(code for code, _name in settings.LANGUAGES),
        ),
    )


class SearchParamsSerializer(QueryParamsSerializer):
    type = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=format_lazy(
            _("Limit to these types (repeat or comma-separate): {types}."),
            types=", ".join(SEARCH_TYPES),
        ),
    )
    subsector = serializers.SlugField(
        required=False, max_length=80, help_text=_("A subsector's slug, e.g. design.")
    )
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$",
        required=False,
        help_text=_("An ISO 3166-1 alpha-2 country code, e.g. PL."),
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000, default=1)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=PAGE_SIZE_MAX, default=20
    )

    def validate_type(self, value):
        types = _split(value)
        unknown = sorted(set(types) - set(SEARCH_TYPES))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown type %(unknown)s. Valid types: %(valid)s.")
                % {"unknown": ", ".join(unknown), "valid": ", ".join(SEARCH_TYPES)}
            )
        return types

    def validate_country(self, value):
        return value.upper()


class AutocompleteParamsSerializer(QueryParamsSerializer):
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=PAGE_SIZE_MAX, default=10
    )


class HitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(SEARCH_TYPES))
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField(allow_null=True, help_text=_("The page on the site, if any."))
    api_url = serializers.CharField()
    locale = serializers.CharField(help_text=_("The language of what is served."))
    is_fallback = serializers.BooleanField(
        help_text=_("True when this is the fallback locale's version: no translation is served.")
    )
    snippet = serializers.CharField(
        help_text=_("HTML-escaped text around the matched words, which are wrapped in <mark>.")
    )
    score = serializers.FloatField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    type = FacetValueSerializer(many=True)
    subsector = FacetValueSerializer(many=True)
    country = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField(help_text=_("The words that were searched for."))
    locale = serializers.CharField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = HitSerializer(many=True, source="hits")
    facets = FacetsSerializer()


class SuggestionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(SEARCH_TYPES))
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    api_url = serializers.CharField()
    locale = serializers.CharField()
    is_fallback = serializers.BooleanField()


class AutocompleteResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    locale = serializers.CharField()
    results = SuggestionSerializer(many=True)
