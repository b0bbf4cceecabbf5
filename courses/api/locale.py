"""Which locale a request wants, and how content falls back when it has no translation.

Shared by the content, search and learner APIs:

- ``negotiate_locale(request)``: ``?locale=`` wins, then Accept-Language, then the fallback
  locale (``settings.HARBOUR_FALLBACK_LOCALE``, English). An unknown ``?locale=`` raises
  ``UnknownLocale``, which the API turns into a 400 listing the valid codes.
- ``localized_queryset(base, locale)``: one SQL query that serves, for each translation
  group, the version in ``locale`` when there is one, else the fallback version, so that
  counts and pagination stay right.
- ``localized(obj, base, locale)``: the same choice for one object, returning
  ``(object, is_fallback)``.
- ``available_locales(model_or_queryset, objects)``: the locales each object is live in, one
  query for a whole page of results.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.models import Locale


class UnknownLocale(ValueError):
    def __init__(self, code):
        self.code = code
        self.valid = supported_locale_codes()
        super().__init__(
            _("Unknown locale “%(code)s”. Valid locales: %(valid)s.")
            % {"code": code, "valid": ", ".join(self.valid)}
        )


def supported_locale_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def fallback_locale_code():
    return getattr(settings, "HARBOUR_FALLBACK_LOCALE", settings.LANGUAGE_CODE)


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


def negotiate_locale(query_value=None, accept_language=None):
    """``?locale=`` wins, then Accept-Language, then the fallback locale.

    Raises UnknownLocale for a ``?locale=`` that is not one of the content languages.
    Costs one query (both Locale rows at once).
    """
    explicit = True
    if query_value is not None:
        code = query_value.lower()
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


def resolve_locale(code):
    """The Locale for a content language code; UnknownLocale for anything else."""
    return negotiate_locale(query_value=code).locale


def localized_queryset(base, requested):
    """For each translation group in ``base``, the object in the requested locale when
    ``base`` has one, else the one in the fallback locale.

    ``base`` must already hold only what may be served (live, public pages), so that an
    unpublished translation does not hide its live fallback.
    """
    own = Q(locale_id=requested.locale_id)
    if requested.fallback_id is None or requested.fallback_id == requested.locale_id:
        return base.filter(own)
    # NOT EXISTS on (translation_key, locale) probes the unique index once per fallback row;
    # NOT IN (…) made the database build and scan the whole set of translated keys.
    translated = base.filter(own, translation_key=OuterRef("translation_key"))
    return base.filter(own | (Q(locale_id=requested.fallback_id) & ~Exists(translated)))


def localized(obj, base, requested):
    """The object to serve for ``obj`` in the requested locale: its translation in that
    locale, else its version in the fallback locale, else ``obj`` itself. Returns
    ``(object, is_fallback)``; a request that named no locale gets ``obj`` as it is."""
    if not requested.explicit or obj.locale_id == requested.locale_id:
        return obj, False
    candidates = {
        item.locale_id: item
        for item in base.filter(
            translation_key=obj.translation_key,
            locale_id__in=[
                pk for pk in (requested.locale_id, requested.fallback_id) if pk is not None
            ],
        )
    }
    if requested.locale_id in candidates:
        return candidates[requested.locale_id], False
    served = candidates.get(requested.fallback_id, obj)
    return served, True


def available_locales(base, objects):
    """``{translation_key: [language codes]}`` of the translations in ``base`` (live, public)
    of ``objects``, in one query."""
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


def locale_summary():
    """The content locales with their names and how many live, public courses and case
    studies each has: three queries."""
    from django.db.models import Count

    from courses.models import CaseStudyPage, CoursePage

    def counts(model):
        rows = (
            model.objects.live()
            .public()
            .order_by()
            .values("locale__language_code")
            .annotate(n=Count("pk"))
        )
        return {row["locale__language_code"]: row["n"] for row in rows}

    courses, case_studies = counts(CoursePage), counts(CaseStudyPage)
    fallback = fallback_locale_code()
    return [
        {
            "code": code,
            "name": str(name),
            "is_fallback_locale": code == fallback,
            "courses": courses.get(code, 0),
            "case_studies": case_studies.get(code, 0),
        }
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]
