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
uses ``served_inline()``: the same rule, with the two small results kept in the process until a
change makes them stale (``lms.api.cache.memo_of``), so that reading the page is one query.
"""

from django.db.models import Q
from wagtail.models import Page, PageManager
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


def kept_hidden_q():
    """``hidden_q()``, kept in the process while the response cache's ``all`` keeps its
    version, which every change to an unpublished section or a view restriction bumps
    (lms/api/cache.py, ``memo_of``): one cache read instead of two queries, the second of
    which scans the page table."""
    from lms.api.cache import memo_of

    return memo_of([], "hidden_q", hidden_q)


def served_inline(queryset):
    """``served()`` without the queries before the query, for a queryset of any page type:
    for looking up one page (or a page and its parent). (Correlated subqueries on the page's
    ancestors were tried first: they scanned the page table for each row.)"""
    return served(queryset, kept_hidden_q())


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
