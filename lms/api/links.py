"""The one URL builder of the API: every address it serves is absolute, built from the host
the client called (so it works behind any proxy), and every API path comes from ``reverse()``.

- ``absolute(request, url)``: a root-relative URL made absolute; absolute ones unchanged.
- ``api_url(request, name, **kwargs)``: ``reverse("api:<name>")``, absolute.
- ``page_url(request, page, language=None)``: a page's address on the website, absolute. With
  ``language`` (the requested locale), the address a reader of that language opens: a
  fallback-language page under that language's prefix (``/pl/…``), as the web pages link it;
  without it, the page's canonical address.
- ``absolute_html(request, html)``: the root-relative ``src`` and ``href`` attributes of
  rendered rich text (images, documents, page links) made absolute, so that HTML shown on a
  partner's site still points at Harbour.
"""

import re

from django.urls import reverse

from lms import i18n

ROOT_RELATIVE = re.compile(r"""(?P<attr>\b(?:src|href)=)(?P<quote>["'])/(?!/)""")


def absolute(request, url):
    if request is not None and url and url.startswith("/") and not url.startswith("//"):
        return request.build_absolute_uri(url)
    return url


def api_url(request, name, **kwargs):
    return absolute(request, reverse(f"api:{name}", kwargs=kwargs))


def page_url(request, page, language=None):
    """With one site, Wagtail gives a path, which is completed with the host the client called.
    An API request is no web request, so Wagtail's path is the canonical one."""
    if page is None:
        return None
    path = page.get_url(request=request)
    if language:
        path = i18n.fallback_page_path(path, language)
    return absolute(request, path)


def absolute_html(request, html):
    if request is None or not html or "/" not in html:
        return html
    root = request.build_absolute_uri("/")
    return ROOT_RELATIVE.sub(lambda m: f"{m.group('attr')}{m.group('quote')}{root}", html)
