"""The one URL builder of the API: every address it serves is absolute, built from the host
the client called (so it works behind any proxy), and every API path comes from ``reverse()``.

- ``absolute(request, url)``: a root-relative URL made absolute; absolute ones unchanged.
- ``api_url(request, name, **kwargs)``: ``reverse("api:<name>")``, absolute.
- ``page_url(request, page)``: a page's address on the website, absolute.
- ``absolute_html(request, html)``: the root-relative ``src`` and ``href`` attributes of
  rendered rich text (images, documents, page links) made absolute, so that HTML shown on a
  partner's site still points at Harbour.
"""

import re

from django.urls import reverse

ROOT_RELATIVE = re.compile(r"""(?P<attr>\b(?:src|href)=)(?P<quote>["'])/(?!/)""")


def absolute(request, url):
    if request is not None and url and url.startswith("/") and not url.startswith("//"):
        return request.build_absolute_uri(url)
    return url


def api_url(request, name, **kwargs):
    return absolute(request, reverse(f"api:{name}", kwargs=kwargs))


def page_url(request, page):
    """With one site, Wagtail gives a path, which is completed with the host the client called."""
    if page is None:
        return None
    return absolute(request, page.get_url(request=request))


def absolute_html(request, html):
    if request is None or not html or "/" not in html:
        return html
    root = request.build_absolute_uri("/")
    return ROOT_RELATIVE.sub(lambda m: f"{m.group('attr')}{m.group('quote')}{root}", html)
