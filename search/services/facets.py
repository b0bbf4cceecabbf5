"""Facet counts of search hits: by type, subsector and country, named in the locale searched
(lms.i18n.snippet_names: the requested locale, else the source locale)."""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from wagtail.models import Page

from courses.models import Country, Subsector
from lms import i18n
from lms.api.cache import label, memo_of

from .types import FACET_DIMENSIONS, FacetValue


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


class Owner:
    """Where a model's subsectors and countries come from: the model itself, or for a page type
    without them (a lesson) its parent page type (the course)."""

    def __init__(self, model):
        self.model = model
        self.parent = None
        if not _has_field(model, "subsectors") and issubclass(model, Page):
            for parent in model.allowed_parent_page_models():
                if _has_field(parent, "subsectors"):
                    self.parent = parent
                    break

    @cached_property
    def source(self):
        return self.parent or self.model

    def relation(self, dimension):
        names, _key, _label = FACET_DIMENSIONS[dimension]
        for name in names:
            if _has_field(self.source, name):
                return name
        return None

    def matching_ids(self, dimension, value):
        """A subquery of the ids of ``self.model`` objects tagged ``value``."""
        relation = self.relation(dimension)
        if relation is None:
            return self.model.objects.none().values("pk")
        key = FACET_DIMENSIONS[dimension][1]
        owners = self.source._default_manager.filter(**{f"{relation}__{key}": value})
        if self.parent is None:
            return owners.values("pk")
        step = self.model.steplen
        return (
            self.model._default_manager.annotate(
                parent_path=Substr("path", 1, Length("path") - step)
            )
            .filter(parent_path__in=owners.values("path"))
            .values("pk")
        )

    def owners_of(self, ids):
        """{object id: id of the object its tags are on}: itself, or its parent page, found in
        one query (the parent's path is the page's without its last step; path is unique)."""
        if self.parent is None:
            return {pk: pk for pk in ids}
        step = self.model.steplen
        parent = self.parent._default_manager.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - step)
        ).values("pk")[:1]
        rows = (
            self.model._default_manager.filter(pk__in=ids)
            .annotate(owner_pk=Subquery(parent))
            .values_list("pk", "owner_pk")
        )
        return dict(rows)

    def tags(self, dimension, ids, owner_of=None):
        """{object id: set of keys} for ``ids``; ``owner_of`` is ``owners_of(ids)`` when the
        caller has it already."""
        relation = self.relation(dimension)
        if relation is None or not ids:
            return {}
        key = FACET_DIMENSIONS[dimension][1]
        if owner_of is None:
            owner_of = self.owners_of(ids)
        field_ = self.source._meta.get_field(relation)
        owners = {owner for owner in owner_of.values() if owner is not None}
        if field_.many_to_many:
            through = field_.remote_field.through
            source_name = field_.m2m_field_name()
            target_name = field_.m2m_reverse_field_name()
            rows = through.objects.filter(**{f"{source_name}__in": owners}).values_list(
                source_name, f"{target_name}__{key}"
            )
        else:
            rows = self.source._default_manager.filter(pk__in=owners).values_list(
                "pk", f"{relation}__{key}"
            )
        keys_of = {}
        for owner, value in rows:
            if value is not None:
                keys_of.setdefault(owner, set()).add(value)
        return {pk: keys_of.get(owner, set()) for pk, owner in owner_of.items()}


def facet_counts(candidates_by_type, counts, search_types, requested):
    """The facets of each type's candidates ({type name: [(score, pk)]}), found by asking
    where each hit's tags are (itself, or a lesson's course)."""
    hits = {}
    for search_type in search_types:
        ids = [pk for _score, pk in candidates_by_type.get(search_type.name, [])]
        if ids:
            owner = Owner(search_type.model)
            hits[search_type.name] = (owner, ids, owner.owners_of(ids))
    totals = {}
    for dimension in FACET_DIMENSIONS:
        totals[dimension] = {}
        for owner, ids, owner_of in hits.values():
            for keys in owner.tags(dimension, ids, owner_of).values():
                for value in keys:
                    totals[dimension][value] = totals[dimension].get(value, 0) + 1
    return facets_from_totals(counts, totals, search_types, requested)


def facets_from_totals(counts, totals, search_types, requested):
    """``{dimension: [FacetValue]}`` from the counts by type ({type name: count}) and by key
    ({dimension: {key: count}}), most first, each key named in the locale searched."""
    facets = {
        "type": [
            FacetValue(t.name, str(t.label), counts.get(t.name, 0))
            for t in search_types
            if counts.get(t.name)
        ]
    }
    for dimension in FACET_DIMENSIONS:
        found = totals.get(dimension, {})
        facets[dimension] = [
            FacetValue(value, label, found[value])
            for value, label in _labels(dimension, found, requested)
        ]
        facets[dimension].sort(key=lambda facet: (-facet.count, facet.label))
    return facets


def _labels(dimension, values, requested):
    """(key, name in the requested locale, else in the source locale) for each facet key."""
    model = _facet_model(dimension)
    key = FACET_DIMENSIONS[dimension][1]
    names = memo_of(
        [model],
        ("snippet-names", label(model), requested),
        lambda: i18n.snippet_names(model, key, requested),
    )
    return [(value, names.get(value, value)) for value in values]


def _facet_model(dimension):
    return {"subsector": Subsector, "country": Country}[dimension]
