"""Machine translation, then human review.

wagtail-localize records how each string of a translation was made: a StringTranslation has
``translation_type`` "manual" or "machine" (and the ``tool_name``). An editor who changes a
machine-translated string in the translation editor makes it manual. A page's translation
into a locale is **machine translated, not reviewed** while any of its current strings (those
of the source's current segments) in that locale is a machine translation made after the
last review of the page in that locale (``TranslationReview``), or there was no review.

What learners see is the published page, so the mark of the live page (``published=True``,
the web pages and the content API) counts only machine translations made before the page was
last published: a machine translation still in a draft marks the page once it is published.
The mark of the draft (``published=False``: the admin, the preview API) counts them all. The
mark changes, then, only when a page is published or reviewed, and both drop the content
API's cached responses.

A review is never deleted: a later machine translation (new strings after a sync, say)
simply is newer than ``reviewed_at``, and the page is marked again until the next review.

Cost: ``marks(pages)`` answers for any number of pages in two queries (the latest machine
translation per page and locale, and the reviews).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from .models import TranslationReview


@dataclass(frozen=True)
class Mark:
    machine_translated: bool
    reviewed_at: datetime | None = None
    # When the newest current machine translation of the page was made.
    machine_translated_at: datetime | None = None


NOT_MACHINE_TRANSLATED = Mark(False)


def _key(obj):
    return (obj.translation_key, obj.locale_id)


def marks(pages, published=True):
    """``{(translation_key, locale_id): Mark}`` for ``pages``, in two queries: of their live
    version, or with ``published=False`` of their latest draft."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    keys = {page.translation_key for page in pages}
    locale_ids = {page.locale_id for page in pages}
    current = StringSegment.objects.filter(
        string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
    )
    machine = StringTranslation.objects.filter(
        Exists(current),
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        context__object_id__in=keys,
        locale_id__in=locale_ids,
    )
    if published:
        machine = machine.filter(
            Exists(
                Page.objects.filter(
                    translation_key=OuterRef("context__object_id"),
                    locale_id=OuterRef("locale_id"),
                    last_published_at__gte=OuterRef("updated_at"),
                )
            )
        )
    latest = {
        (row["context__object_id"], row["locale_id"]): row["latest"]
        for row in machine.order_by()
        .values("context__object_id", "locale_id")
        .annotate(latest=Max("updated_at"))
    }
    reviewed = {
        (key, locale_id): reviewed_at
        for key, locale_id, reviewed_at in TranslationReview.objects.filter(
            translation_key__in=keys, locale_id__in=locale_ids
        ).values_list("translation_key", "locale_id", "reviewed_at")
    }
    result = {}
    for page in pages:
        key = _key(page)
        machine_at, reviewed_at = latest.get(key), reviewed.get(key)
        result[key] = Mark(
            machine_translated=machine_at is not None
            and (reviewed_at is None or machine_at > reviewed_at),
            reviewed_at=reviewed_at,
            machine_translated_at=machine_at,
        )
    return result


def mark_of(page, found=None, published=True):
    """The Mark of one page, from ``found`` (a ``marks()`` answer) when given."""
    if found is None:
        found = marks([page], published=published)
    return found.get(_key(page), NOT_MACHINE_TRANSLATED)


@transaction.atomic
def mark_reviewed(page, user=None):
    """An editor has reviewed ``page``'s translation: it is no longer marked until the next
    machine translation. Returns the TranslationReview."""
    review, _created = TranslationReview.objects.update_or_create(
        translation_key=page.translation_key,
        locale_id=page.locale_id,
        defaults={"reviewed_at": timezone.now(), "reviewed_by": user},
    )
    return review
