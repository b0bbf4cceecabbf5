"""The translation status of Harbour's content, read from wagtail-localize's own records.

For each course (with its lessons) and each case study of the source locale (English), and
each of the other content locales, one state:

- ``missing``: no translation in that locale. An alias made by wagtail-localize's tree sync is
  no translation, as wagtail-localize itself counts it.
- ``outdated``: the English page was published after wagtail-localize last read it
  (``Page.last_published_at`` later than ``TranslationSource.last_updated_at``): what
  translators see is an older English text until someone syncs.
- ``in_progress``: segments of the source have no translation in that locale yet (a
  ``StringSegment`` without a ``StringTranslation``, counted as ``Translation.get_progress``
  counts them), or the translation is a draft while the English page is live.
- ``not_synced``: a translation exists but wagtail-localize keeps no record of it (it was
  copied, or its synced translation was stopped): whether it is current is not known.
- ``up_to_date``: none of these.

The states are ranked in that order, worst first. A course's state in a locale is the worst of
its own and its lessons'.

The rule is written once, as a list of SQL conditions (``conditions``): ``page_rank`` makes it
the rank of a page, ``in_states`` a filter that tests no more than it must (that a page is
missing says it is not outdated without reading its segments). So the listing is filtered by
state and paged in the database, and the admin report and the API show the same thing::

    rows = in_state(status_queryset(), "outdated", locale="pl")
    page = RowPaginator(rows, 20).page(1)   # the ids of the matching rows, once
    statuses = status_rows(page, ["pl"])    # [StatusRow], every figure of these locales

Cost, whatever the number of courses, lessons and locales: the listing is one query for the
matching ids and one for a page of rows; ``status_rows`` reads the rows and their lessons with
their ranks, the translated pages, and the translations with their segment counts (and the
locales, unless given). On the bench dataset (1,000 English courses of 10 lessons, 30 % of
them in each other locale, with wagtail-localize's records), ``tests/courses`` and the README
give the figures.

A state for machine translations that nobody has reviewed yet would go between
``in_progress`` and ``not_synced``: one more condition and one more ``State``.
"""

import contextlib
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection, models, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from lms.i18n import fallback_locale_code, supported_locale_codes

from .models import CaseStudyPage, CoursePage, LessonPage
from .querysets import served


class State(models.TextChoices):
    """Worst first: the order is the rank."""

    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Outdated")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_SYNCED = "not_synced", _("Not synced")
    UP_TO_DATE = "up_to_date", _("Up to date")


STATES = list(State)
RANK = {state: rank for rank, state in enumerate(STATES)}


class Kind(models.TextChoices):
    COURSE = "course", _("Course")
    CASE_STUDY = "case_study", _("Case study")


KIND_MODELS = {Kind.COURSE: CoursePage, Kind.CASE_STUDY: CaseStudyPage}


def source_locale_code():
    """The locale every page is written in first and translated from."""
    return fallback_locale_code()


def target_locale_codes():
    """The locales pages are translated into: every content locale but the source."""
    return [code for code in supported_locale_codes() if code != source_locale_code()]


# --- The rule, in SQL ---------------------------------------------------------------------


def is_translated(locale_id):
    """For a ``StringSegment`` row: it has a valid translation into ``locale_id`` (a value or
    an expression). wagtail-localize's ``Translation.get_progress`` counts the same way."""
    return Exists(
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_id,
            has_error=False,
        )
    )


def conditions(locale_id):
    """The rule, for a row of a page queryset in ``locale_id``: ``[(state, condition)]``, tried
    in order; the page is in the state of the first that holds, else up to date.

    Each condition is an EXISTS on a unique index: the page by key and locale, the source by
    object and locale, the translation by source and locale, the string translation by
    locale, string and context.
    """
    key = OuterRef("translation_key")
    target = Page.objects.filter(translation_key=key, locale_id=locale_id, alias_of__isnull=True)
    synced = Translation.objects.filter(
        source__object_id=key,
        source__locale_id=OuterRef("locale_id"),
        target_locale_id=locale_id,
        enabled=True,
    )
    untranslated = StringSegment.objects.filter(
        source__object_id=key, source__locale_id=OuterRef("locale_id")
    ).filter(~is_translated(locale_id))
    return [
        (State.MISSING, ~Exists(target)),
        (State.NOT_SYNCED, ~Exists(synced)),
        (
            State.OUTDATED,
            Exists(synced.filter(source__last_updated_at__lt=OuterRef("last_published_at"))),
        ),
        # A draft of a live page first: it is cheaper to find than an untranslated segment.
        (
            State.IN_PROGRESS,
            (Q(live=True) & ~Exists(target.filter(live=True))) | Exists(untranslated),
        ),
    ]


def page_rank(locale_id):
    """For a row of a page queryset: the rank of its own state in ``locale_id``."""
    return Case(
        *[When(condition, then=Value(RANK[state])) for state, condition in conditions(locale_id)],
        default=Value(RANK[State.UP_TO_DATE]),
        output_field=models.IntegerField(),
    )


def in_states(locale_id, states):
    """For a row of a page queryset: its own state in ``locale_id`` is one of ``states``; the
    same rule as ``page_rank``, as a condition. It tests only what it needs to, cheapest
    first: that a page is missing says it is not outdated without reading its segments."""
    match, earlier = None, []
    for state, condition in conditions(locale_id):
        if state in states:
            term = condition
            for previous in reversed(earlier):
                term = ~previous & term
            match = term if match is None else match | term
        earlier.append(condition)
    if State.UP_TO_DATE in states:
        term = ~earlier[0]
        for previous in earlier[1:]:
            term = term & ~previous
        match = term if match is None else match | term
    return match


def children_interval(path):
    """The range of the paths of a page's children, as treebeard's ``child_of`` uses it."""
    return path + Page.alphabet[0] * Page.steplen, path + Page.alphabet[-1] * Page.steplen


def lessons_of(hidden=None):
    """For a row of a page queryset: its lessons, its children of the lesson type in its
    locale, found by a range of the tree's path index (as treebeard finds children). With
    ``hidden`` (``courses.querysets.hidden_q()``), only the served ones."""
    lessons = unindexed(Page.objects.all(), lesson_type=True).filter(
        depth=OuterRef("depth") + 1,
        path__gt=OuterRef("path"),
        path__lte=Concat(
            OuterRef("path"),
            Value(Page.alphabet[-1] * Page.steplen),
            output_field=models.CharField(),
        ),
        _locale=OuterRef("locale_id"),
    )
    return lessons if hidden is None else served(lessons, hidden)


def unindexed(pages, lesson_type=False):
    """``pages`` with the aliases ``_type`` and ``_locale``: the content type and locale as
    expressions (``+ 0``), which no index serves, and ``_type`` set to the lesson type. The
    path range is what finds a course's lessons: by the index on content type or locale,
    SQLite read every lesson (or every page of the locale) for each course."""
    pages = pages.alias(_type=F("content_type_id") + 0, _locale=F("locale_id") + 0)
    if lesson_type:
        pages = pages.filter(_type=ContentType.objects.get_for_model(LessonPage).pk)
    return pages


def in_summary_state(locale_id, state, hidden=None):
    """For a row: the worst state of the page and its lessons in ``locale_id`` is ``state``.
    Neither the page nor a lesson is in a worse state, and one of them is in this one."""
    worse = [other for other in STATES if RANK[other] < RANK[state]]
    lessons = lessons_of(hidden)
    match = in_states(locale_id, [state]) | Exists(lessons.filter(in_states(locale_id, [state])))
    if worse:
        match = (
            ~in_states(locale_id, worse)
            & ~Exists(lessons.filter(in_states(locale_id, worse)))
            & match
        )
    return match


def locale_ids():
    """``{language code: Locale id}``: one query."""
    return dict(Locale.objects.values_list("language_code", "pk"))


class StatusQuerySet(PageQuerySet):
    """Pages with what their states need: the locales' ids and the served-page rule."""

    status_ids = None
    status_hidden = None

    def _clone(self):
        clone = super()._clone()
        clone.status_ids, clone.status_hidden = self.status_ids, self.status_hidden
        return clone


def status_queryset(hidden=None, ids=None):
    """The courses and case studies of the source locale, ordered by title. Filter it with
    ``in_state`` and ``of_kind``.

    - ``hidden``: ``courses.querysets.hidden_q()`` for only the pages (and lessons) that are
      served, as the public API shows them; without it drafts too, as editors see them;
    - ``ids``: ``locale_ids()``, when the caller has read them already.

    The states are computed only where a filter asks for them, and for the rows of a page in
    ``status_rows``, never selected here: a database sorts the rows it selects with all their
    columns, so states selected here would be computed for every row, not for a page of them.
    """
    ids = locale_ids() if ids is None else ids
    content_types = ContentType.objects.get_for_models(*KIND_MODELS.values())
    rows = StatusQuerySet(Page).filter(
        locale_id=ids.get(source_locale_code()),
        content_type__in=list(content_types.values()),
    )
    rows.status_ids, rows.status_hidden = ids, hidden
    if hidden is not None:
        rows = served(rows, hidden)
    return rows.order_by("title", "pk")


def in_state(rows, state, locale=None):
    """The rows of ``status_queryset`` in ``state`` in ``locale``, or in any target locale."""
    state, ids = State(state), rows.status_ids
    match = None
    for code in [locale] if locale else target_locale_codes():
        term = in_summary_state(ids.get(code), state, rows.status_hidden)
        match = term if match is None else match | term
    return rows.filter(match)


def of_kind(rows, kind):
    """The rows of ``status_queryset`` that are courses, or case studies."""
    return rows.filter(content_type=ContentType.objects.get_for_model(KIND_MODELS[Kind(kind)]))


@contextlib.contextmanager
def without_jit():
    """PostgreSQL compiles a query to machine code when its estimated cost passes
    ``jit_above_cost``. The states' many small subplans make the estimate large, though each
    is an index probe; at the bench's size compiling took 7 of the 7.5 seconds of a query. So
    these queries run with JIT off, for the transaction only (``SET LOCAL``)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


class RowPaginator(Paginator):
    """Pages of ``status_queryset`` rows. The filters by state are the costly part of the
    listing, so the matching rows' ids are read once (one query, which gives the count too)
    rather than once for the count and again for the page; then a page's rows by id."""

    def __init__(self, object_list, per_page, **kwargs):
        with without_jit():
            ids = list(object_list.values_list("pk", flat=True))
        super().__init__(ids, per_page, **kwargs)

    def _get_page(self, object_list, number, paginator):
        pages = Page.objects.in_bulk(list(object_list))
        return super()._get_page([pages[pk] for pk in object_list], number, paginator)


# --- What a page of rows shows -------------------------------------------------------------


@dataclass
class PageStatus:
    """One page (the course, a lesson, a case study) in one locale."""

    page: Page
    locale: str
    state: State
    target: Page | None = None  # the translation, if any
    source_id: int | None = None  # its TranslationSource, if wagtail-localize keeps one
    translation_id: int | None = None  # the enabled Translation into ``locale``, if any
    synced_at: object = None  # TranslationSource.last_updated_at
    segments: int = 0
    translated: int = 0

    @property
    def changed_at(self):
        """When the English page was last published: after ``synced_at`` when outdated."""
        return self.page.last_published_at

    @property
    def percent(self):
        return round(100 * self.translated / self.segments) if self.segments else 100


@dataclass
class LocaleStatus:
    """A course (with its lessons) or a case study in one locale: a cell of the report."""

    locale: str
    state: State
    own: PageStatus
    lessons: list = field(default_factory=list)

    @property
    def pages(self):
        return [self.own, *self.lessons]

    @property
    def action(self):
        """The page whose state is the cell's: the one to act on first (the course before
        its lessons, lessons in their order)."""
        return next(status for status in self.pages if status.state == self.state)

    @property
    def lesson_counts(self):
        """``[(state, number of lessons)]`` of the states some lesson is in, worst first."""
        counts = {}
        for status in self.lessons:
            counts[status.state] = counts.get(status.state, 0) + 1
        return [(state, counts[state]) for state in STATES if state in counts]

    @property
    def segments(self):
        return sum(status.segments for status in self.pages if status.translation_id)

    @property
    def translated(self):
        return sum(status.translated for status in self.pages if status.translation_id)

    @property
    def percent(self):
        return round(100 * self.translated / self.segments) if self.segments else 100


@dataclass
class StatusRow:
    page: Page
    kind: Kind
    lessons: list
    locales: list  # [LocaleStatus], in the order of the codes asked for

    def __iter__(self):
        return iter(self.locales)


def summarised(code, own, lessons):
    """The LocaleStatus of a page with its lessons: the worst of their states."""
    worst = min([own, *lessons], key=lambda status: RANK[status.state]).state
    return LocaleStatus(locale=code, state=worst, own=own, lessons=lessons)


def _target_fields():
    return ("id", "title", "translation_key", "locale", "live", "url_path", "path", "depth")


def status_rows(rows, codes=None, hidden=None, ids=None):
    """Everything a page of ``status_queryset`` rows shows in the locales ``codes`` (default:
    every target locale); give it the ``hidden`` and ``ids`` the rows were made with. Three
    queries (the rows and their lessons with their own ranks, the translated pages, the
    translations with their segment counts), and one for the locales unless ``ids`` is given.

    A row's state is the worst of its own rank and its lessons', as ``summary_rank`` has it
    in SQL for the filters; the lessons here are the same (children of the lesson type in the
    row's locale, served ones with ``hidden``)."""
    rows = list(rows)
    codes = list(codes or target_locale_codes())
    ids = locale_ids() if ids is None else ids
    if not rows:
        return []
    course_type = ContentType.objects.get_for_model(CoursePage)
    lesson_type = ContentType.objects.get_for_model(LessonPage)

    # The rows and their lessons, each with its own rank per locale: one query. The rows by
    # id, the lessons by ranges of the path index (no subquery, which PostgreSQL would test
    # for every page of the tree).
    wanted = Q(pk__in=[row.pk for row in rows])
    children = Q()
    for row in rows:
        if row.content_type_id == course_type.pk:
            children |= Q(path__range=children_interval(row.path))
    if children:
        wanted |= children & Q(_type=lesson_type.pk, _locale=ids.get(source_locale_code()))
    ranked = unindexed(Page.objects.all()).filter(wanted)
    if hidden is not None:
        # The rows are served already; this leaves out the lessons that are not.
        ranked = served(ranked, hidden)
    ranked = ranked.annotate(**{f"own_{code}": page_rank(ids.get(code)) for code in codes})
    with without_jit():
        by_pk = {page.pk: page for page in ranked.order_by("path")}
    rows = [by_pk.get(row.pk, row) for row in rows]
    lessons_by_course = {row.pk: [] for row in rows}
    by_path = {row.path: row.pk for row in rows}
    for page in by_pk.values():
        if page.content_type_id == lesson_type.pk:
            lessons_by_course[by_path[page.path[: -Page.steplen]]].append(page)

    pages = rows + [lesson for lessons in lessons_by_course.values() for lesson in lessons]
    keys = {page.translation_key for page in pages}
    wanted_ids = {ids[code] for code in codes if code in ids}

    # The translations of these pages in the locales shown: one query.
    targets = {
        (page.translation_key, page.locale.language_code): page
        for page in Page.objects.filter(
            translation_key__in=keys, locale_id__in=wanted_ids, alias_of__isnull=True
        )
        .select_related("locale")
        .only(*_target_fields())
    }

    # wagtail-localize's enabled translations of their sources, with segment counts: one query.
    segments = (
        StringSegment.objects.filter(source_id=OuterRef("source_id")).order_by().values("source")
    )
    translations = {}
    for row in (
        Translation.objects.filter(
            source__object_id__in=keys,
            source__locale_id=ids.get(source_locale_code()),
            target_locale_id__in=wanted_ids,
            enabled=True,
        )
        .annotate(
            segments=Coalesce(Subquery(segments.annotate(n=Count("pk")).values("n")), 0),
            translated=Coalesce(
                Subquery(
                    segments.filter(is_translated(OuterRef(OuterRef("target_locale_id"))))
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
        )
        .values(
            "pk",
            "source_id",
            "source__object_id",
            "source__last_updated_at",
            "target_locale__language_code",
            "segments",
            "translated",
        )
    ):
        translations[(row["source__object_id"], row["target_locale__language_code"])] = row

    def status(page, code):
        translation = translations.get((page.translation_key, code), {})
        return PageStatus(
            page=page,
            locale=code,
            state=STATES[getattr(page, f"own_{code}")],
            target=targets.get((page.translation_key, code)),
            source_id=translation.get("source_id"),
            translation_id=translation.get("pk"),
            synced_at=translation.get("source__last_updated_at"),
            segments=translation.get("segments", 0),
            translated=translation.get("translated", 0),
        )

    result = []
    for row in rows:
        lessons = lessons_by_course[row.pk]
        result.append(
            StatusRow(
                page=row,
                kind=Kind.COURSE if row.content_type_id == course_type.pk else Kind.CASE_STUDY,
                lessons=lessons,
                locales=[
                    summarised(
                        code, status(row, code), [status(lesson, code) for lesson in lessons]
                    )
                    for code in codes
                ],
            )
        )
    return result


# --- Sync a course with its lessons --------------------------------------------------------


@dataclass
class SyncResult:
    synced: list = field(default_factory=list)  # [(page, [locale codes])]
    started: list = field(default_factory=list)  # [(page, [locale codes])]: new translations


def sync_sources(page):
    """``[(page, TranslationSource, [enabled Translation])]`` of ``page`` and its descendants in
    its locale that wagtail-localize translates: what "Sync translated pages" updates."""
    pages = [page.specific, *page.get_descendants().filter(locale_id=page.locale_id).specific()]
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=[p.translation_key for p in pages], locale_id=page.locale_id
        )
    }
    found = []
    for item in pages:
        source = sources.get(item.translation_key)
        if source is None:
            continue
        translations = list(
            source.translations.filter(enabled=True).select_related("target_locale")
        )
        if translations:
            found.append((item, source, translations))
    return found


@transaction.atomic
def sync_with_descendants(page, user=None, publish=False, translate_new=False):
    """wagtail-localize's "Sync translated pages" for ``page`` and every page under it (a
    course and its lessons) at once.

    Each source is read again from the database (``TranslationSource.update_from_db``); with
    ``publish``, every enabled translation is saved and published with the strings translated
    so far, English for the others (``Translation.save_target``); without, the translations
    take the new strings when they are next published from the translation editor. This is
    what wagtail-localize's update view (``UpdateTranslationsView``) does for one page.

    ``translate_new``: descendants without a translation in a locale that ``page`` is
    translated into are submitted for translation there, as wagtail-localize's "Translate"
    does (``TranslationCreator``, which makes drafts).

    Publishing happens when the transaction commits, as wagtail-localize does it.
    """
    result = SyncResult()
    found = sync_sources(page)
    for item, source, translations in found:
        source.update_from_db()
        for translation in translations:
            with contextlib.suppress(ValidationError):
                if publish:
                    translation.save_target(user=user, publish=True)
                else:
                    source.update_target_view_restrictions(translation.target_locale)
        result.synced.append((item, [t.target_locale.language_code for t in translations]))
    if not translate_new:
        return result
    root = [translations for item, _source, translations in found if item.pk == page.pk]
    locales = [translation.target_locale for translation in (root[0] if root else [])]
    for item in page.get_descendants().filter(locale_id=page.locale_id).specific():
        have = set(
            item.get_translations()
            .filter(alias_of__isnull=True)
            .values_list("locale_id", flat=True)
        )
        new = [locale for locale in locales if locale.pk not in have]
        if new:
            TranslationCreator(user, new).create_translations(item)
            result.started.append((item, [locale.language_code for locale in new]))
    return result
