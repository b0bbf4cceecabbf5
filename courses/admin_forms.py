"""The admin forms of the pages and the partner snippet that link subsectors, countries and
partners.

Those links are synchronised fields: a translated page or partner links the source-language
(English) snippets, which wagtail-localize copies over on every sync. So an editor chooses
among the source-language items only, each named once, in the editor's admin language (its
translation there, else its source-language name, ``lms.i18n.snippet_names``), and sorted by
that name. Whatever the object links now stays a valid choice, so a translation saved through
the ordinary edit form keeps its synchronised values.

Cost: one query per field for its names when the form is built, and the choices' own query
when it is rendered.
"""

from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from lms import i18n


class ByLabel(ModelChoiceIterator):
    """The choices sorted by their labels, which are in the editor's language."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: str(choice[1]).casefold())


def linked_pks(instance, name):
    """The primary keys ``instance`` links through ``name`` now, on a saved object or an
    unsaved one (modelcluster keeps unsaved many-to-many values in memory)."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return [obj.pk for obj in getattr(instance, name).all()]
    pk = getattr(instance, field.attname)
    return [pk] if pk is not None else []


def limit_to_source_locale(field, linked=(), requested=None):
    """Let ``field`` (a model choice field of a translatable snippet) offer the source-language
    items, and ``linked``, named in the requested language (default: the active one)."""
    model = field.queryset.model
    requested = requested or i18n.active_locale()
    names = i18n.snippet_names(model, "translation_key", requested)
    field.iterator = ByLabel
    field.queryset = model._default_manager.filter(
        Q(locale__language_code=i18n.fallback_locale_code()) | Q(pk__in=list(linked))
    ).select_related("locale")
    field.label_from_instance = lambda obj: names.get(obj.translation_key, str(obj))


class SourceSnippetChoices:
    """Form mixin: ``source_snippet_fields`` offer source-language snippets only."""

    source_snippet_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        requested = i18n.active_locale()
        for name in self.source_snippet_fields:
            if name in self.fields:
                limit_to_source_locale(
                    self.fields[name], linked_pks(self.instance, name), requested
                )


class LinkedSnippetsPageForm(SourceSnippetChoices, WagtailAdminPageForm):
    """Course and case study pages: their subsectors, countries and partners."""

    source_snippet_fields = ("subsectors", "countries", "partners")


class PartnerForm(SourceSnippetChoices, WagtailAdminModelForm):
    """The partner snippet: its country and subsectors."""

    source_snippet_fields = ("country", "subsectors")
