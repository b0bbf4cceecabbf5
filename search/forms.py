from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Country, Subsector
from lms import i18n

from .services import QUERY_MAX_LENGTH, SEARCH_TYPES


def _choices(model, key, locale_code):
    """One choice per key (subsector slug, country code), named in the page's language, else
    in the source language (lms.i18n's one rule)."""
    names = i18n.snippet_names(model, key, i18n.requested_locale(locale_code))
    return [("", _("Any"))] + sorted(names.items(), key=lambda item: item[1].casefold())


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=QUERY_MAX_LENGTH, required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    subsector = forms.ChoiceField(label=_("Subsector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def __init__(self, *args, language_code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [
            (search_type.name, search_type.label) for search_type in SEARCH_TYPES.values()
        ]
        self.fields["subsector"].choices = _choices(Subsector, "slug", language_code)
        self.fields["country"].choices = _choices(Country, "code", language_code)
