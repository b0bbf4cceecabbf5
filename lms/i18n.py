"""The one place that decides languages: which locale a request wants, which locale content
falls back to, which translation of an object to serve, and what a snippet is called in a
language. The web pages, the content, learner and search APIs and search itself all ask here.

- ``negotiate_locale(query_value, accept_language)``: ``?locale=`` wins, then Accept-Language,
  then the fallback locale (``settings.HARBOUR_FALLBACK_LOCALE``, English). An unknown
  ``?locale=`` raises ``UnknownLocale``, which the API answers with a 400.
  ``active_locale()`` is the same for the web pages, whose URL prefix sets the UI language.
- ``fallback_locale_code()``: where content without a translation is served from. English is
  also the source language of every page and snippet.
- ``localized_queryset(base, requested)``: one SQL query that serves, for each translation
  group in ``base``, the version in the requested locale when there is one, else the fallback
  version, so that counts and pagination stay right. ``localized(obj, base, requested)`` is the
  same choice for one object, returning ``(object, is_fallback)``; ``translations(base,
  objects, requested)`` for many objects at once, in one query.
- ``snippet_names(model, key_field, requested)``: ``{key: name}`` of a translatable snippet
  (subsectors by slug, countries by code) in the requested locale, falling back to the source
  locale's name: one rule for the pages, the API and the search facets.
- ``available_locales(base, objects)``: the locales each object is live in, one query for a
  whole page of results.

``base`` is always a queryset of what may be served (``served()`` pages, or all snippets), so
that an unpublished translation never hides its live fallback.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.models import Locale

# --- Languages ------------------------------------------------------------------------------


def supported_locale_codes():
    """The nine content languages, English first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def fallback_locale_code():
    return getattr(settings, "HARBOUR_FALLBACK_LOCALE", settings.LANGUAGE_CODE)


def language_name(code):
    """A language's name in that language (``pl`` → ``Polski``): the switcher's labels."""
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code)


# "In English" and the like, written as the reader's language says it: the tag on an item
# served in another language than the one asked for. A name alone cannot be inserted into one
# sentence for all nine languages ("po angielsku", "på engelsk", "Inglise keeles").
IN_LANGUAGE = {
    "en": _("In English"),
    "de": _("In German"),
    "da": _("In Danish"),
    "sv": _("In Swedish"),
    "fi": _("In Finnish"),
    "et": _("In Estonian"),
    "lv": _("In Latvian"),
    "lt": _("In Lithuanian"),
    "pl": _("In Polish"),
}


def in_language(code):
    """The reader's words for "in <the language of code>", e.g. ``Po angielsku`` in Polish."""
    return IN_LANGUAGE.get(code) or language_name(code)


def match_language(tag):
    """The supported code for a language tag (``de-AT`` → ``de``), or None."""
    tag = (tag or "").strip().lower().replace("_", "-")
    supported = supported_locale_codes()
    if tag in supported:
        return tag
    primary = tag.split("-")[0]
    return primary if primary in supported else None


def locale_from_accept_language(header):
    """The best supported language of an Accept-Language header, by quality, or None."""
    for tag, _quality in parse_accept_lang_header(header or ""):
        if tag == "*":
            continue
        code = match_language(tag)
        if code:
            return code
    return None


def active_code():
    """The active UI language (the web pages' URL prefix) as a content language code."""
    return match_language(translation.get_language()) or fallback_locale_code()


def fallback_page_path(page_path, code):
    """``/en/courses/x/`` → ``/lt/courses/x/`` for a Lithuanian reader: the Lithuanian prefix
    serves the fallback tree for whatever Lithuanian lacks (courses/web/routing.py), so a
    fallback-language page read in another language keeps that language's interface. Any
    other path is returned as it is."""
    fallback = fallback_locale_code()
    prefix = f"/{fallback}/"
    if not code or code == fallback or not page_path or not page_path.startswith(prefix):
        return page_path
    return f"/{code}/{page_path[len(prefix) :]}"


# --- Negotiation ----------------------------------------------------------------------------


class UnknownLocale(ValueError):
    def __init__(self, code):
        self.code = code
        self.valid = supported_locale_codes()
        super().__init__(
            _("Unknown locale “%(code)s”. Valid locales: %(valid)s.")
            % {"code": code, "valid": ", ".join(self.valid)}
        )


@dataclass(frozen=True)
class RequestedLocale:
    """What a request asked for. ``explicit`` is False when nothing asked and the fallback
    locale was chosen; a detail view then serves the object in its own locale."""

    code: str
    explicit: bool
    locale: Locale | None
    fallback: Locale | None

    @property
    def locale_id(self):
        return self.locale.pk if self.locale else None

    @property
    def fallback_id(self):
        return self.fallback.pk if self.fallback else None

    @property
    def fallback_code(self):
        return self.fallback.language_code if self.fallback else fallback_locale_code()


def negotiate_locale(query_value=None, accept_language=None):
    """``?locale=`` wins, then Accept-Language, then the fallback locale.

    Raises UnknownLocale for a ``?locale=`` that is not one of the content languages.
    Costs one query (both Locale rows at once).
    """
    explicit = True
    if query_value is not None:
        code = str(query_value).lower()
        if code not in supported_locale_codes():
            raise UnknownLocale(query_value)
    else:
        code = locale_from_accept_language(accept_language)
        if code is None:
            code, explicit = fallback_locale_code(), False
    fallback_code = fallback_locale_code()
    rows = {
        locale.language_code: locale
        for locale in Locale.objects.filter(language_code__in={code, fallback_code})
    }
    return RequestedLocale(
        code=code, explicit=explicit, locale=rows.get(code), fallback=rows.get(fallback_code)
    )


def requested_locale(code):
    """The RequestedLocale for a content language code; UnknownLocale for anything else."""
    return negotiate_locale(query_value=code)


def active_locale():
    """The RequestedLocale of the web page being rendered: its UI language."""
    return requested_locale(active_code())


# --- Picking translations -------------------------------------------------------------------


def localized_queryset(base, requested):
    """For each translation group in ``base``, the object in the requested locale when
    ``base`` has one, else the one in the fallback locale."""
    own = Q(locale_id=requested.locale_id)
    if requested.fallback_id is None or requested.fallback_id == requested.locale_id:
        return base.filter(own)
    # NOT EXISTS on (translation_key, locale) probes the unique index once per fallback row;
    # NOT IN (…) made the database build and scan the whole set of translated keys.
    translated = base.filter(own, translation_key=OuterRef("translation_key"))
    return base.filter(own | (Q(locale_id=requested.fallback_id) & ~Exists(translated)))


def pick_translations(base, objects, locale_ids):
    """``{translation_key: object}`` for many objects in one query: each in the first of
    ``locale_ids`` that ``base`` has it in, else as it is."""
    objects = [obj for obj in objects if obj is not None]
    locale_ids = [pk for pk in dict.fromkeys(locale_ids) if pk is not None]
    rank = {pk: index for index, pk in enumerate(locale_ids)}
    best = {obj.translation_key: obj for obj in objects}
    missing = {
        obj.translation_key for obj in objects if locale_ids and obj.locale_id != locale_ids[0]
    }
    if missing:
        for item in base.filter(translation_key__in=missing, locale_id__in=locale_ids):
            current = best[item.translation_key]
            if rank[item.locale_id] < rank.get(current.locale_id, len(rank)):
                best[item.translation_key] = item
    return best


def translations(base, objects, requested):
    """``{translation_key: (object, is_fallback)}`` for many objects in one query: each in the
    requested locale when ``base`` has it there, else in the fallback locale, else as it is.
    ``is_fallback`` says that what is served is not in the requested locale."""
    picked = pick_translations(base, objects, [requested.locale_id, requested.fallback_id])
    return {key: (obj, obj.locale_id != requested.locale_id) for key, obj in picked.items()}


def localized(obj, base, requested):
    """The object to serve for ``obj`` in the requested locale: its translation in that
    locale, else its version in the fallback locale, else ``obj`` itself. Returns
    ``(object, is_fallback)``; a request that named no locale gets ``obj`` as it is."""
    if not requested.explicit or obj.locale_id == requested.locale_id:
        return obj, False
    return translations(base, [obj], requested)[obj.translation_key]


def localized_pk(base, obj, requested):
    """The pk of what ``localized()`` serves for ``obj``, picked by ``localized()`` itself from
    rows of three columns (no query when nothing is to be picked): a detail then loads the
    relations of that object alone."""
    light = base.select_related(None).prefetch_related(None).only("translation_key", "locale_id")
    return localized(obj, light, requested)[0].pk


def translation_in(base, obj, requested):
    """``obj``'s translation in the requested locale within ``base``, or None."""
    served, is_fallback = translations(base, [obj], requested)[obj.translation_key]
    return None if is_fallback else served


def snippet_names(model, key_field, requested):
    """``{key: name}`` for a translatable snippet in the requested locale, falling back to the
    source locale's name where a translation is missing; one query."""
    rows = localized_queryset(model._default_manager.all(), requested)
    return dict(rows.order_by("name").values_list(key_field, "name"))


def available_locales(base, objects):
    """``{translation_key: [language codes]}`` of the translations in ``base`` of ``objects``,
    in one query."""
    keys = {obj.translation_key for obj in objects}
    if not keys:
        return {}
    result = defaultdict(list)
    rows = (
        base.filter(translation_key__in=keys)
        .order_by()
        .values_list("translation_key", "locale__language_code")
    )
    order = {code: index for index, code in enumerate(supported_locale_codes())}
    for key, code in rows:
        result[key].append(code)
    return {
        key: sorted(set(codes), key=lambda c: order.get(c, 99)) for key, codes in result.items()
    }
