"""Learner-facing views that are not Wagtail pages: the partner directory and a partner."""

from django.http import Http404
from django.template.response import TemplateResponse

from .web.pages import find_partner, partner_detail_context, partner_directory_context


def partner_directory(request):
    """``/<lang>/partners/?country=PL&subsector=design``: the partners, filtered, on a map."""
    return TemplateResponse(
        request, "courses/partner_directory.html", partner_directory_context(request)
    )


def partner_detail(request, slug):
    partner = find_partner(slug)
    if partner is None:
        raise Http404
    return TemplateResponse(request, "courses/partner_detail.html", partner_detail_context(partner))
