from urllib.parse import urlencode

from django.shortcuts import render

from lms.i18n import active_code

from . import services
from .forms import SearchForm

PAGE_SIZE = 20


def search_view(request):
    """/<lang>/search/?q=…&type=…&subsector=…&country=…&page=…: the search page. It searches the
    content of the page's own language and works without JavaScript."""
    language = active_code()
    form = SearchForm(request.GET or None, language_code=language)
    context = {"form": form, "result": None, "unavailable": False}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data["q"]:
        params = form.cleaned_data
        try:
            result = services.search(
                params["q"],
                language,
                types=[params["type"]] if params["type"] else None,
                subsector=params["subsector"] or None,
                country=params["country"] or None,
                page=params["page"] or 1,
                page_size=PAGE_SIZE,
                request=request,
            )
        except services.SearchUnavailable:
            context["unavailable"] = True
            status = 503
        else:
            context.update(result=result, **_links(params, result))
    return render(request, "search/search.html", context, status=status)


def _query(params, **changes):
    values = {key: params.get(key) for key in ("q", "type", "subsector", "country")}
    values.update(changes)
    return "?" + urlencode({key: value for key, value in values.items() if value})


def _links(params, result):
    """Links that keep the other filters: pages, and each facet value as a filter."""
    facet_links = {
        dimension: [
            {
                "facet": facet,
                "url": _query(params, **{dimension: facet.value}),
                "active": params.get(dimension) == facet.value,
            }
            for facet in facets
        ]
        for dimension, facets in result.facets.items()
    }
    return {
        "first_number": (result.page - 1) * result.page_size + 1,
        "facet_links": facet_links,
        "clear_urls": {
            dimension: _query(params, **{dimension: ""})
            for dimension in facet_links
            if params.get(dimension)
        },
        "page_links": [
            {"number": number, "url": _query(params, page=number)}
            for number in range(1, result.num_pages + 1)
            if number in (1, result.num_pages) or abs(number - result.page) <= 3
        ],
        "previous_url": _query(params, page=result.page - 1) if result.has_previous else None,
        "next_url": _query(params, page=result.page + 1) if result.has_next else None,
    }
