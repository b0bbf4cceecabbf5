"""The calendar's web pages and feeds, in the active UI language with the fallback
language's version of what is not translated (``lms.i18n``), from the served events only.

- the calendar page: upcoming events first (soonest first), then past ones (latest first),
  filtered by ``LenientEventFilterSet``; a link to the feed of the same filters;
- an event page: its times in its own timezone, hosts, series and "add to calendar";
- ``calendar.ics?…``: the feed of any filter combination, with the API's strict checks (a bad
  value is a 400 naming it, as plain text, never a silently empty calendar);
- a series page: who hosted each edition and who hosts the next.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CaseStudyPage, Country, CoursePage, HarbourPage, Partner
from courses.web.pages import filter_query, page_filter_names
from lms.i18n import active_code, active_locale, language_name, localized_queryset, snippet_names

from . import calendar, services
from .filters import EventFilterSet, LenientEventFilterSet
from .models import EventIndexPage, EventPage, EventSeries

EVENT_PAGE_SIZE = 20
FEED_LIMIT = 500


def localized_events(requested):
    return localized_queryset(services.served_events(), requested)


def event_cards(events, current):
    return [(event, event.locale.language_code != current) for event in events]


def event_list_context(request):
    """The calendar page. Upcoming and past are two lists of the same filtered queryset;
    past events are paged."""
    requested = active_locale()
    names = page_filter_names(requested)
    filterset = LenientEventFilterSet(request.GET, localized_events(requested), names=names)
    if "month" in filterset.form.fields:
        filterset.form.fields["month"].widget.input_type = "month"
    events = filterset.qs.select_related("locale").prefetch_related("hosts")
    now = timezone.now()
    upcoming = list(events.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = events.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    page_obj = Paginator(past, EVENT_PAGE_SIZE).get_page(request.GET.get("page"))
    current = active_code()
    return {
        "filter_form": filterset.form,
        "filters": filterset.active,
        "upcoming": event_cards(upcoming, current),
        "past": event_cards(page_obj.object_list, current),
        "page_obj": page_obj,
        "filter_query": filter_query(request),
        "feed_query": feed_query(request),
    }


def feed_query(request):
    """The filters in use, for the feed's link: the form's empty fields left out."""
    query = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        kept = [value for value in values if value]
        if name != "page" and kept:
            query.setlist(name, kept)
    return query.urlencode()


def localized_pages(model, pages, requested):
    keys = [page.translation_key for page in pages]
    return list(
        model.objects.served()
        .localized(requested)
        .filter(translation_key__in=keys)
        .order_by("title")
    )


def event_context(event, request):
    requested = active_locale()
    partners = localized_queryset(Partner.objects.all(), requested)
    hosts = partners.filter(translation_key__in=event.hosts.values("translation_key"))
    co_hosts = partners.filter(translation_key__in=event.co_hosts.values("translation_key"))
    series = None
    if event.series_id:
        series = (
            localized_queryset(EventSeries.objects.all(), requested)
            .filter(translation_key=event.series.translation_key)
            .first()
        )
    subsectors = snippet_names(event.subsectors.model, "slug", requested)
    countries = snippet_names(event.countries.model, "code", requested)
    return {
        "event": event,
        "hosts": list(hosts.order_by("name")),
        "co_hosts": list(co_hosts.order_by("name")),
        "series": series,
        "event_subsectors": [subsectors.get(s.slug, s.name) for s in event.subsectors.all()],
        "event_countries": [countries.get(c.code, c.name) for c in event.countries.all()],
        "event_languages": [language_name(code) for code in event.languages or ()],
        "related_courses": localized_pages(CoursePage, event.related_courses.all(), requested),
        "related_case_studies": localized_pages(
            CaseStudyPage, event.related_case_studies.all(), requested
        ),
    }


def ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed(request):
    """``/<lang>/calendar.ics?country=PL&kind=workshop``: subscribe to a selection."""
    requested = active_locale()
    filterset = EventFilterSet(request.GET or None, localized_events(requested))
    if request.GET and not filterset.is_valid():
        lines = [
            f"{name}: {' '.join(str(error) for error in errors)}"
            for name, errors in filterset.form.errors.items()
        ]
        return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    events = filterset.qs.select_related("locale").order_by("starts_at", "pk")[:FEED_LIMIT]
    body = calendar.calendar(
        events, _("Harbour: CCI network events"), lambda event: event.get_full_url(request)
    )
    return ics_response(body, "harbour-events.ics")


def event_ics(request, event_id):
    """``/<lang>/calendar/<id>.ics``: "add to calendar" for one event, in the active language
    (else the fallback's); the id may be any language's."""
    found = services.served_events().filter(pk=event_id).values("translation_key")
    event = (
        localized_events(active_locale())
        .filter(translation_key__in=found)
        .select_related("locale")
        .first()
    )
    if event is None:
        raise Http404
    body = calendar.calendar([event], event.title, lambda item: item.get_full_url(request))
    return ics_response(body, f"{event.slug}.ics")


def series_page(request, index, slug):
    requested = active_locale()
    series = localized_queryset(EventSeries.objects.filter(slug=slug), requested).first()
    if series is None:
        raise Http404
    editions = services.editions(series, requested)
    # The index page's own context, without its list of events.
    context = HarbourPage.get_context(index, request)
    context.update(
        {
            "series": series,
            "editions": editions,
            "next_edition": next((edition for edition in editions if edition.is_next), None),
        }
    )
    return TemplateResponse(request, "network/event_series_page.html", context)


def localized_calendar(requested=None):
    """The calendar page in the requested language, else the fallback's, or None."""
    requested = requested or active_locale()
    return EventIndexPage.objects.served().localized(requested).select_related("locale").first()


__all__ = ["EventPage", "localized_calendar"]


# --- Focus countries --------------------------------------------------------------------------


@dataclass
class FocusEntry:
    period: object
    country: str
    partners: list
    case_studies: list
    courses: list
    events: list


def focus_entry(period, requested, names=None, featured=True):
    """A focus period as the pages show it: the country named in the reader's language and,
    with ``featured``, its partners, case studies, courses and events in that language."""
    names = names if names is not None else snippet_names(Country, "code", requested)
    entry = FocusEntry(period, names.get(period.country.code, period.country.name), [], [], [], [])
    if featured:
        partners = localized_queryset(Partner.objects.all(), requested)
        entry.partners = list(
            partners.filter(translation_key__in=period.partners.values("translation_key"))
            .select_related("locale")
            .order_by("name")
        )
        entry.case_studies = localized_pages(CaseStudyPage, period.case_studies.all(), requested)
        entry.courses = localized_pages(CoursePage, period.courses.all(), requested)
        entry.events = localized_pages(EventPage, period.events.all(), requested)
    return entry


def focus_page(request):
    """``/<lang>/focus/``: the country in focus now, the coming periods and the past ones."""
    requested = active_locale()
    schedule = services.focus_schedule(requested)
    names = snippet_names(Country, "code", requested)
    return TemplateResponse(
        request,
        "network/focus.html",
        {
            "current": focus_entry(schedule.current, requested, names)
            if schedule.current
            else None,
            "coming": [focus_entry(p, requested, names, featured=False) for p in schedule.coming],
            "past": [focus_entry(p, requested, names, featured=False) for p in schedule.past],
        },
    )


def current_focus_entry():
    requested = active_locale()
    period = services.current_focus(requested)
    return focus_entry(period, requested, featured=False) if period else None


# --- Competency map ---------------------------------------------------------------------------


def competency_page(request):
    """``/<lang>/competencies/``: subsector × country (each count links to the filtered
    partner directory) and offers × seeks, as tables and as heat maps drawn on the server."""
    from django.urls import reverse
    from django.utils.safestring import mark_safe

    from .competencies import competency_map, heat_map_svg

    found = competency_map(active_locale())
    directory = reverse("courses:partners")
    where, what = found["subsector_country"], found["offers_seeks"]
    return TemplateResponse(
        request,
        "network/competencies.html",
        {
            "where": where,
            "what": what,
            "directory_url": directory,
            "where_svg": mark_safe(heat_map_svg(where, _("Partners by subsector and country"))),
            "what_svg": mark_safe(heat_map_svg(what, _("Partners by what they offer and seek"))),
        },
    )


def match_page(request):
    """``/<lang>/match/``: the signed-in learner says what they offer and seek, where they
    work and in which subsectors, and sees the partners Harbour suggests, with reasons."""
    from django.contrib import messages
    from django.contrib.auth.views import redirect_to_login
    from django.shortcuts import redirect

    from . import matching
    from .forms import ContactRequestForm, MatchProfileForm

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    requested = active_locale()
    profile = matching.profile_of(request.user)
    if request.method == "POST":
        form = MatchProfileForm(request.POST, requested=requested)
        if form.is_valid():
            form.save(request.user)
            messages.success(request, _("Your match-making profile is saved."))
            return redirect(request.path)
    else:
        form = MatchProfileForm(requested=requested, profile=profile)
    from lms.services import verification

    from .models import ContactRequest

    seeker = matching.seeker_of(profile)
    found = matching.suggestions(request.user, requested, seeker=seeker)
    email_state = verification.state(request.user)
    return TemplateResponse(
        request,
        "network/match.html",
        {
            "email_state": email_state,
            # The learner's own requests; a partner's address shows once it has answered.
            "contact_requests": ContactRequest.objects.filter(user=request.user).select_related(
                "partner"
            )[:50],
            "form": form,
            "profile_complete": bool(seeker.offers or seeker.seeks),
            # An unverified learner gets no form: each suggestion points to the notice instead.
            "suggestions": [
                (
                    match,
                    reasons,
                    ContactRequestForm(auto_id=f"contact-{match.candidate.key}-%s")
                    if email_state["verified"]
                    else None,
                )
                for match, reasons in found
            ],
        },
        # A POST that reaches here is a form with errors, shown again (as the profile page).
        status=400 if request.method == "POST" else 200,
    )


def match_contact(request, partner_id):
    """POST from the match-making page: a contact request to one partner."""
    from django.contrib import messages
    from django.contrib.auth.views import redirect_to_login
    from django.shortcuts import redirect
    from django.urls import reverse

    from lms.services import verification

    from . import contact
    from .forms import ContactRequestForm

    if not request.user.is_authenticated:
        return redirect_to_login(reverse("network:match"))
    if request.method != "POST":
        return redirect("network:match")
    if not verification.is_verified(request.user):
        # The page shows an unverified learner no form, so this POST comes from an old tab or
        # a script. The notice at the top says why and holds the button for a new link: an
        # error message on top of it would say the same thing twice. (The API answers a 403
        # ``email_unverified``; create_request stays the guarantee for both.)
        return redirect(reverse("network:match") + "#email-verification")
    partner = contact.source_partner(partner_id)
    if partner is None:
        raise Http404(_("No partner has this id."))
    form = ContactRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("network:match")
    data = form.cleaned_data
    try:
        contact.create_request(
            request.user,
            partner,
            data["message"],
            visit_starts_on=data.get("visit_starts_on"),
            visit_ends_on=data.get("visit_ends_on"),
            group_size=data.get("group_size"),
        )
    except contact.ContactError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your message is on its way to %(partner)s. They answer you by email.")
            % {"partner": partner.name},
        )
    return redirect("network:match")
