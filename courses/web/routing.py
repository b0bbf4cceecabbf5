"""How the learner's web pages choose, link and announce the language of what they show.

URLs carry the UI language (``/lt/…``). Content may lag behind: a page that has no live
translation in the UI language is served in the fallback language (English) under the same
prefix, so the menus, buttons and messages stay in the learner's language while the page
says which language its text is in.

- Routing: ``/<lang>/`` starts at that language's home page when it is live, else at the
  fallback home (Wagtail's ``site.root_page.localized``). ``HomePage.route`` adds the second
  half: a path the language's own tree does not have is looked up in the fallback tree, and
  if the page found there has a live translation in the UI language, that translation is
  served.
- Links: a fallback-language page linked from a web page while another language is active
  gets that language's prefix (``fallback_page_path``), so following links never switches
  the UI. Links made without a web request (``page.url``) stay canonical; the API applies
  the same rule for the requested locale (``lms.api.links.page_url``).
- The switcher and the hreflang links come from ``page_alternates`` (a Wagtail page) or
  ``path_alternates`` (any other view, via Django's ``translate_url``).
- ``object_at(request, path)``: what the website serves at an address, found the way the
  site finds it (the API's ``/find/``).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import Http404
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Page

from courses.querysets import served
from lms import i18n
from lms.i18n import (
    active_code,
    fallback_locale_code,
    language_name,
    requested_locale,
    supported_locale_codes,
    translation_in,
)


def fallback_page_path(page_path, active=None):
    """``/en/courses/x/`` → ``/lt/courses/x/`` while Lithuanian is active: the Lithuanian
    prefix serves the fallback tree for whatever Lithuanian lacks (``lms.i18n``, which the
    API's links use too)."""
    return i18n.fallback_page_path(page_path, active or active_code())


def is_web_request(request):
    """True for a request to the learner's pages, whose URLs carry a language prefix."""
    path = getattr(request, "path", None)
    if not path:
        return False
    return path.split("/", 2)[1] in supported_locale_codes()


def fallback_root(home):
    """The live fallback-language home page that ``home`` falls back to, or None when
    ``home`` is itself in the fallback language."""
    if home.locale.language_code == fallback_locale_code():
        return None
    root = translation_in(Page.objects.live(), home, requested_locale(fallback_locale_code()))
    return root.specific if root else None


def live_translation(page, language_code):
    """``page``'s served translation in ``language_code``, or None."""
    found = translation_in(served(Page.objects.all()), page, requested_locale(language_code))
    return found.specific if found else None


@dataclass
class Alternate:
    code: str
    name: str
    url: str
    is_current: bool
    # Whether this language has its own version (listed in the hreflang links).
    has_content: bool
    # True when this language would show the fallback text (the switcher still offers it,
    # and says so: the menus are translated even where the content is not).
    shows_fallback: bool = False


def page_alternates(page, request=None):
    """One Alternate per UI language for a Wagtail page: its live translation in that
    language, else the fallback-language version under that language's prefix.
    Costs one query for the translations plus Wagtail's (cached) site root paths."""
    translations = {
        item.locale.language_code: item
        for item in served(Page.objects.all())
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    }
    fallback = translations.get(fallback_locale_code()) or page
    current = active_code()
    alternates = []
    for code in supported_locale_codes():
        target = translations.get(code, fallback)
        with translation.override(code):
            # ``target`` is a plain Page here, so the prefix swap of HarbourPage.get_url_parts
            # is applied by hand.
            url = fallback_page_path(target.get_url(request=request), code)
        alternates.append(
            Alternate(
                code=code,
                name=language_name(code),
                url=url,
                is_current=code == current,
                has_content=code in translations,
                shows_fallback=code not in translations,
            )
        )
    return alternates


def path_alternates(path, found=True):
    """One Alternate per UI language for a view that is not a Wagtail page: the same URL
    with the language prefix swapped. Every language has the view's text. A path that
    was not found (``found=False``, the 404 page) offers each language's home page instead,
    and no hreflang links."""
    current = active_code()
    return [
        Alternate(
            code=code,
            name=language_name(code),
            url=translate_url(path, code) if found else f"/{code}/",
            is_current=code == current,
            has_content=found,
        )
        for code in supported_locale_codes()
    ]


def served_language(page):
    """``(code, is_fallback)``: the language of ``page``'s text, and whether it differs from
    the UI language (the page says so)."""
    code = page.locale.language_code
    return code, code != active_code()


def object_at(request, path):
    """``(object, language code)``: the page or partner the website serves at ``path``
    (``/pl/courses/x/``, or a full URL), routed as a visit would be, fallback tree included;
    None when the site serves nothing there, or nothing that is a page or a partner."""
    from .pages import find_partner

    path = urlsplit(str(path)).path or "/"
    code = path.split("/", 2)[1] if path.startswith("/") else ""
    if code not in supported_locale_codes():
        return None
    # i18n_patterns match the active language's prefix only.
    with translation.override(code):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.view_name == "courses:partner":
            partner = find_partner(match.kwargs["slug"])
            return (partner, code) if partner is not None else None
        if match.url_name != "wagtail_serve":
            return None
        try:
            # Wagtail's serve pattern captures the page path positionally.
            page_path = match.args[0] if match.args else match.kwargs.get("path", "")
            found = Page.route_for_request(request, page_path)
        except Http404:
            return None
    if found is None or found[1] or found[2]:
        return None
    return found[0].specific, code
