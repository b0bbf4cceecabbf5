"""The learner's match-making profile: what they offer and seek, their country and
subsectors, chosen from the source-language vocabulary and named in the reader's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Country, Subsector
from lms.i18n import fallback_locale_code, snippet_names

from .models import Competency, MatchProfile


def source(model):
    return model._default_manager.filter(locale__language_code=fallback_locale_code())


class MatchProfileForm(forms.Form):
    offers = forms.MultipleChoiceField(
        label=_("What I offer"), required=False, widget=forms.CheckboxSelectMultiple
    )
    seeks = forms.MultipleChoiceField(
        label=_("What I seek"), required=False, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ChoiceField(label=_("The country I work in"), required=False)
    subsectors = forms.MultipleChoiceField(
        label=_("The subsectors I am active in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, requested, profile=None, **kwargs):
        if profile is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "offers": [c.slug for c in profile.offers.all()],
                "seeks": [c.slug for c in profile.seeks.all()],
                "country": profile.country.code.upper() if profile.country_id else "",
                "subsectors": [s.slug for s in profile.subsectors.all()],
            }
        super().__init__(*args, **kwargs)
        competencies = sorted(
            snippet_names(Competency, "slug", requested).items(), key=lambda i: i[1].casefold()
        )
        self.fields["offers"].choices = competencies
        self.fields["seeks"].choices = competencies
        countries = sorted(
            (
                (code.upper(), name)
                for code, name in snippet_names(Country, "code", requested).items()
            ),
            key=lambda i: i[1].casefold(),
        )
        self.fields["country"].choices = [("", _("Not said"))] + countries
        self.fields["subsectors"].choices = sorted(
            snippet_names(Subsector, "slug", requested).items(), key=lambda i: i[1].casefold()
        )

    def save(self, user):
        data = self.cleaned_data
        profile, _created = MatchProfile.objects.get_or_create(user=user)
        profile.country = (
            source(Country).filter(code__iexact=data["country"]).first()
            if data["country"]
            else None
        )
        profile.save()
        profile.offers.set(source(Competency).filter(slug__in=data["offers"]))
        profile.seeks.set(source(Competency).filter(slug__in=data["seeks"]))
        profile.subsectors.set(source(Subsector).filter(slug__in=data["subsectors"]))
        return profile


class ContactRequestForm(forms.Form):
    message = forms.CharField(label=_("Your message"), max_length=4000, widget=forms.Textarea)
    visit_starts_on = forms.DateField(
        label=_("Study visit from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    visit_ends_on = forms.DateField(
        label=_("Study visit to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    group_size = forms.IntegerField(
        label=_("Group size"), required=False, min_value=1, max_value=500
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("visit_starts_on"), data.get("visit_ends_on")
        if starts and ends and ends < starts:
            self.add_error("visit_ends_on", _("A study visit cannot end before it starts."))
        return data
