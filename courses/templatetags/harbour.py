"""Template tags of the learner's pages: the language switcher and hreflang links, the site
navigation in the active language, links to other apps' views that may be absent, and the
"machine translated, not reviewed" mark."""

from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from courses import machine_translation as machine
from courses.models import CaseStudyIndexPage, CourseIndexPage
from courses.web import routing
from lms import i18n
from lms.api import links

register = template.Library()


def context_page(context):
    """The Wagtail page the request is about, if any. A view that is not a Wagtail page
    may still name one (a quiz result names its lesson): after a POST that page is the
    place to switch language to, since the POST's own URL cannot be opened."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    match = getattr(request, "resolver_match", None)
    if (match and match.url_name == "wagtail_serve") or request.method != "GET":
        return page
    return None


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The same page in every UI language: Alternate(code, name, url, is_current,
    has_content, absolute_url). Memoised on the context; the header and <head> share it."""
    if "_harbour_alternates" in context:
        return context["_harbour_alternates"]
    request = context.get("request")
    page = context_page(context)
    if page is not None:
        alternates = routing.page_alternates(page, request)
    elif request is not None:
        # Django's 404 handler puts the exception and request_path in the context.
        not_found = "exception" in context and "request_path" in context
        alternates = routing.path_alternates(request.get_full_path(), found=not not_found)
    else:
        alternates = []
    for alternate in alternates:
        alternate.absolute_url = links.absolute(request, alternate.url)
    query = request.GET.urlencode() if page is not None and request.method == "GET" else ""
    if query:
        # Filters and paging carry over to the other language's catalogue; the hreflang
        # links (absolute_url) name the page itself.
        for alternate in alternates:
            alternate.url = f"{alternate.url}?{query}"
    context.dicts[0]["_harbour_alternates"] = alternates
    return alternates


@register.simple_tag
def x_default(alternates):
    """The hreflang x-default target: the fallback language's version."""
    for alternate in alternates:
        if alternate.code == i18n.fallback_locale_code() and alternate.has_content:
            return alternate.absolute_url
    return ""


@register.filter
def language_name(code):
    return i18n.language_name(code)


@register.filter
def in_language(code):
    return i18n.in_language(code)


@register.simple_tag
def site_nav():
    """The course and case-study indexes to link in the header, in the active language
    (or the fallback language's where that language has none)."""
    from courses.web.pages import localized_index

    requested = i18n.active_locale()
    return {
        "course_index": localized_index(CourseIndexPage, requested),
        "case_study_index": localized_index(CaseStudyIndexPage, requested),
    }


@register.simple_tag
def optional_url(name, *args):
    """``{% url %}`` that gives "" when the view is not installed, for links to other apps."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def in_section(path, url):
    """True when ``path`` is ``url`` or below it: marks the header link of the section."""
    return bool(url) and str(path).startswith(str(url))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed, for pagination links."""
    request = context["request"]
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def fallback_language():
    return i18n.fallback_locale_code()


@register.simple_tag(takes_context=True)
def machine_translation(context, page):
    """Whether ``page`` is machine translated and not reviewed (a Mark): the live page's
    mark, or in the admin's preview the draft's. Two queries."""
    request = context.get("request")
    return machine.mark_of(page, published=not getattr(request, "is_preview", False))
