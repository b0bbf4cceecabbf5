"""What "served" means for Harbour's pages, written once.

A page is served (on the site, in the API, in search, and for learners' progress) when it is
live, public (outside every private section), and every one of its ancestors is live: a lesson
whose course was unpublished is gone with its course. Every listing, detail, syllabus, search
and learner look-up starts from ``served()``; ``localized(requested)`` then picks each
translation group's version in the requested locale, else in the fallback locale
(``lms.i18n``)::

    CoursePage.objects.served().localized(requested)
    served(Page.objects.all())          # the same rule for a queryset of any page type

Cost: ``served()`` reads the view restrictions and the unpublished pages that have children
(two small queries) when the queryset is built. A response that builds many querysets passes
``hidden=hidden_q()`` to compute them once. A look-up of one page (a learner's progress write)
uses ``served_inline()``: the same rule as ``NOT EXISTS`` subqueries on the page's own
ancestors, in the one query that reads the page.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from lms.i18n import localized_queryset

NOTHING = Q(pk__in=[])


def unpublished_sections_q():
    """Pages under an unpublished page. Only pages with children can hide anything, and
    there are few of them: their paths are read once and matched as prefixes."""
    q = Q()
    for path in Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True):
        q |= Q(path__startswith=path)
    return q if q else NOTHING


def hidden_q():
    """Pages that are live but must not be served: in a private section or under an
    unpublished page."""
    private = Page.objects.all().private_q()
    unpublished = unpublished_sections_q()
    if private == NOTHING:
        return unpublished
    if unpublished == NOTHING:
        return private
    return private | unpublished


def served(queryset, hidden=None):
    """``queryset`` limited to the pages that may be served."""
    hidden = hidden_q() if hidden is None else hidden
    queryset = queryset.live()
    return queryset if hidden == NOTHING else queryset.exclude(hidden)


def hidden_inline_q():
    """``hidden_q()`` as subqueries correlated with the page: an unpublished ancestor, or a
    view restriction on the page or an ancestor. Costs no query to build; each row probes
    the page tree's unique path index once per ancestor level."""
    steplen = Page.steplen
    unpublished = Page.objects.filter(
        live=False,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, F("depth") * steplen),
    )
    restricted = PageViewRestriction.objects.filter(
        page__depth__lte=OuterRef("depth"),
        page__path=Substr(OuterRef("path"), 1, F("page__depth") * steplen),
    )
    return Exists(unpublished) | Exists(restricted)


def served_inline(queryset):
    """``served()`` without the queries before the query, for a queryset of any page type:
    for looking up one page (or a page and its parent)."""
    return queryset.live().exclude(hidden_inline_q())


class HarbourPageQuerySet(PageQuerySet):
    def served(self, hidden=None):
        return served(self, hidden)

    def served_inline(self):
        """``served()`` without the queries before the query: for looking up one page."""
        return served_inline(self)

    def localized(self, requested):
        return localized_queryset(self, requested)


class HarbourPageManager(PageManager.from_queryset(HarbourPageQuerySet)):
    pass
