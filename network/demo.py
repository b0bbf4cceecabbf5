"""The calendar's demo content, from the facts of shared/partners.md only.

- The CCI Contact Desk network meeting of 16-17 January 2024, an edition of the Contact
  Desk's network meetings. The facts give its dates, not its place, host or hours: it is an
  all-day event whose place is "not given", and its series names no next host.
- South Baltic Creative Clusters' annual forums and Creative Ports' workshops and seminars:
  the facts give the years (2019-2021), never a date or a place, so they are series with a
  description and no editions.
- A focus country schedule: Denmark, then Poland (current on the day the demo is loaded),
  then Estonia, three months each from the month before the load. The texts say only what
  the facts say: the Innovation Union Scoreboard 2015 rating and the partners based there.
- So that the upcoming list is not empty, two sample events (``sample``: labelled on the page,
  in the API and in the feeds) at dates relative to the day the demo is loaded.

Loading again adds nothing. Titles and summaries are translated into Polish and German with
wagtail-localize (courses/demo/localize.py).

With ``make_accounts`` (``DEBUG`` on, as for the demo editor and reviewer), a demo partner
editor for Media Dizajn (``PARTNER_EDITOR``) and a sample contact person for it, so that a
learner can write to a partner and the partner can answer on a fresh ``make run``. The
contact is labelled a sample, at the reserved domain ``harbour.example``: the facts name no
person. The facts say nothing of what Media Dizajn offers or seeks, so it declares none; a
learner finds it by a shared subsector (Design, Film and audiovisual).
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from courses.demo import accounts
from courses.demo.localize import translate_with_text
from courses.models import Country, Partner, Subsector
from courses.review import admin_group
from courses.services import ensure_site_structure

from .models import (
    Competency,
    EventIndexPage,
    EventPage,
    EventSeries,
    FocusPeriod,
    PartnerCompetencies,
    PartnerEditors,
)

INDEX = {
    "en": {
        "title": "Events",
        "slug": "events",
        "summary": "Network meetings, forums, workshops, study visits and webinars of the CCI "
        "network, filled in by the partners.",
    },
    "pl": {
        "title": "Wydarzenia",
        "slug": "wydarzenia",
        "summary": "Spotkania sieci, fora, warsztaty, wizyty studyjne i webinaria sieci "
        "sektora kreatywnego, zgłaszane przez partnerów.",
    },
    "de": {
        "title": "Veranstaltungen",
        "slug": "veranstaltungen",
        "summary": "Netzwerktreffen, Foren, Workshops, Studienreisen und Webinare des "
        "Netzwerks der Kultur- und Kreativwirtschaft, eingetragen von den Partnern.",
    },
}

SERIES = [
    {
        "slug": "cci-contact-desk-network-meetings",
        "name": {
            "en": "CCI Contact Desk network meetings",
            "pl": "Spotkania sieci CCI Contact Desk",
            "de": "Netzwerktreffen des CCI Contact Desk",
        },
        "description": {
            "en": "Physical meetings of the network, repeated with a host that rotates among "
            "the partners, with match-making for project partnerships.",
            "pl": "Spotkania sieci na żywo, powtarzane u gospodarza, który zmienia się wśród "
            "partnerów, z kojarzeniem partnerów do wspólnych projektów.",
            "de": "Präsenztreffen des Netzwerks, jedes Mal bei einem anderen Partner als "
            "Gastgeber, mit Matchmaking für Projektpartnerschaften.",
        },
    },
    {
        "slug": "sbcc-annual-forums",
        "name": {
            "en": "South Baltic Creative Clusters annual forums",
            "pl": "Doroczne fora South Baltic Creative Clusters",
            "de": "Jahresforen von South Baltic Creative Clusters",
        },
        "description": {
            "en": "The project (1 July 2019 to 30 June 2021) combined a joint communication "
            "platform with annual forums. Their dates and places are not recorded here.",
            "pl": "Projekt (od 1 lipca 2019 do 30 czerwca 2021) łączył wspólną platformę "
            "komunikacji z dorocznymi forami. Ich daty i miejsca nie są tu zapisane.",
            "de": "Das Projekt (1. Juli 2019 bis 30. Juni 2021) verband eine gemeinsame "
            "Kommunikationsplattform mit Jahresforen. Deren Daten und Orte sind hier nicht "
            "verzeichnet.",
        },
    },
    {
        "slug": "creative-ports-workshops",
        "name": {
            "en": "Creative Ports workshops and seminars",
            "pl": "Warsztaty i seminaria Creative Ports",
            "de": "Workshops und Seminare von Creative Ports",
        },
        "description": {
            "en": "From 2019 to 2021 the partners exchanged tools of internationalisation, "
            "tested them in a transnational setting and developed joint training and "
            "networking formats. Their dates and places are not recorded here.",
            "pl": "W latach 2019-2021 partnerzy wymieniali się narzędziami "
            "umiędzynarodowienia, testowali je w środowisku międzynarodowym i tworzyli "
            "wspólne formy szkoleń i sieciowania. Ich daty i miejsca nie są tu zapisane.",
            "de": "Von 2019 bis 2021 tauschten die Partner Werkzeuge der "
            "Internationalisierung aus, erprobten sie transnational und entwickelten "
            "gemeinsame Trainings- und Netzwerkformate. Deren Daten und Orte sind hier "
            "nicht verzeichnet.",
        },
    },
]

CET = zoneinfo.ZoneInfo("Europe/Berlin")


def events(today):
    """The demo's events: the one real meeting, and two samples relative to ``today``."""
    return [
        {
            "slug": "cci-contact-desk-network-meeting-2024",
            "kind": EventPage.Kind.NETWORK_MEETING,
            "series": "cci-contact-desk-network-meetings",
            "starts_at": datetime.datetime(2024, 1, 16, tzinfo=CET),
            "ends_at": datetime.datetime(2024, 1, 17, 23, 59, tzinfo=CET),
            "all_day": True,
            "timezone": "Europe/Berlin",
            "countries": [],
            "subsectors": [],
            "hosts": [],
            "sample": False,
            "text": {
                "en": (
                    "CCI Contact Desk network meeting",
                    "The network agreed to stay connected through rotating meetings and "
                    "match-making, to learn with focus countries and study visits, and to "
                    "share an event calendar that partners fill.",
                ),
                "pl": (
                    "Spotkanie sieci CCI Contact Desk",
                    "Sieć uzgodniła, że będzie utrzymywać kontakt dzięki spotkaniom u "
                    "zmieniających się gospodarzy i kojarzeniu partnerów, uczyć się przez "
                    "kraje tematyczne i wizyty studyjne oraz prowadzić wspólny kalendarz "
                    "wydarzeń wypełniany przez partnerów.",
                ),
                "de": (
                    "Netzwerktreffen des CCI Contact Desk",
                    "Das Netzwerk vereinbarte, über wechselnde Treffen und Matchmaking in "
                    "Kontakt zu bleiben, mit Schwerpunktländern und Studienreisen zu lernen "
                    "und einen gemeinsamen Veranstaltungskalender zu führen, den die "
                    "Partner füllen.",
                ),
            },
        },
        {
            "slug": "sample-webinar-tools-of-internationalisation",
            "kind": EventPage.Kind.WEBINAR,
            "series": None,
            "starts_at": _at(today + datetime.timedelta(days=21), 10, "Europe/Warsaw"),
            "ends_at": _at(today + datetime.timedelta(days=21), 12, "Europe/Warsaw"),
            "all_day": False,
            "timezone": "Europe/Warsaw",
            "online": True,
            "online_url": "https://harbour.example/sample-webinar",
            "countries": ["PL", "DE"],
            "subsectors": ["design"],
            "hosts": ["media-dizajn"],
            "sample": True,
            "text": {
                "en": (
                    "Sample webinar: tools of internationalisation",
                    "A made-up example of a webinar, to show how the calendar, its filters "
                    "and its iCalendar feed work.",
                ),
                "pl": (
                    "Przykładowe webinarium: narzędzia umiędzynarodowienia",
                    "Wymyślony przykład webinarium, który pokazuje, jak działa kalendarz, "
                    "jego filtry i kanał iCalendar.",
                ),
                "de": (
                    "Beispiel-Webinar: Werkzeuge der Internationalisierung",
                    "Ein erfundenes Beispiel eines Webinars, das zeigt, wie der Kalender, "
                    "seine Filter und sein iCalendar-Feed funktionieren.",
                ),
            },
        },
        {
            "slug": "sample-study-visit-karlshamn",
            "kind": EventPage.Kind.STUDY_VISIT,
            "series": None,
            "starts_at": _at(today + datetime.timedelta(days=49), 9, "Europe/Stockholm"),
            "ends_at": _at(today + datetime.timedelta(days=50), 16, "Europe/Stockholm"),
            "all_day": False,
            "timezone": "Europe/Stockholm",
            "venue_name": "Kreativum Science Center",
            "venue_address": "Strömmavägen 28, 37432 Karlshamn",
            "city": "Karlshamn",
            "latitude": "56.170300",
            "longitude": "14.861900",
            "countries": ["SE"],
            "subsectors": [],
            "hosts": ["kreativum"],
            "sample": True,
            "text": {
                "en": (
                    "Sample study visit to Karlshamn",
                    "A made-up example of a study visit, to show how an event with a venue "
                    "appears in the calendar.",
                ),
                "pl": (
                    "Przykładowa wizyta studyjna w Karlshamn",
                    "Wymyślony przykład wizyty studyjnej, który pokazuje, jak wydarzenie z "
                    "miejscem pojawia się w kalendarzu.",
                ),
                "de": (
                    "Beispiel-Studienreise nach Karlshamn",
                    "Ein erfundenes Beispiel einer Studienreise, das zeigt, wie eine "
                    "Veranstaltung mit Ort im Kalender erscheint.",
                ),
            },
        },
    ]


def _at(day, hour, zone):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def _translate(source, code, fields, user=None):
    locale = type(source.locale).objects.get(language_code=code)
    if source.has_translation(locale):
        return
    copy = type(source).objects.get(pk=source.pk)
    for name, value in fields.items():
        setattr(copy, name, value)
    translate_with_text(source, locale, copy, user=user)


@transaction.atomic
def load(report=print, user=None, make_accounts=False):
    structure = ensure_site_structure()
    home = structure.home
    source_locale = home.locale
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(locale=source_locale, **INDEX["en"])
        home.add_child(instance=index)
        index.save_revision(user=user).publish()
    for code, text in INDEX.items():
        if code != "en":
            _translate(index, code, text, user)

    series = {}
    for facts in SERIES:
        found = EventSeries.objects.filter(locale=source_locale, slug=facts["slug"]).first()
        if found is None:
            found = EventSeries.objects.create(
                locale=source_locale,
                slug=facts["slug"],
                name=facts["name"]["en"],
                description=facts["description"]["en"],
            )
        for code in ("pl", "de"):
            _translate(
                found,
                code,
                {"name": facts["name"][code], "description": facts["description"][code]},
                user,
            )
        series[facts["slug"]] = found

    created = 0
    for facts in events(timezone.localdate()):
        text = facts.pop("text")
        event = EventPage.objects.filter(locale=source_locale, slug=facts["slug"]).first()
        if event is None:
            title, summary = text["en"]
            countries = Country.objects.filter(
                locale=source_locale, code__in=facts.pop("countries")
            )
            subsectors = Subsector.objects.filter(
                locale=source_locale, slug__in=facts.pop("subsectors")
            )
            hosts = Partner.objects.filter(locale=source_locale, slug__in=facts.pop("hosts"))
            slug = facts.pop("series")
            event = EventPage(
                locale=source_locale,
                title=title,
                summary=summary,
                series=series.get(slug),
                languages=["en"],
                **facts,
            )
            event.countries = list(countries)
            event.subsectors = list(subsectors)
            event.hosts = list(hosts)
            index.add_child(instance=event)
            event.save_revision(user=user).publish()
            created += 1
        for code in ("pl", "de"):
            title, summary = text[code]
            _translate(event, code, {"title": title, "summary": summary}, user)
    report(f"Events: {len(events(timezone.localdate()))} ({created} new), series: {len(series)}")
    load_focus(source_locale, report)
    load_vocabulary(source_locale, user, report)
    if make_accounts:
        load_partner_editor(index, report)
    return index


# The demo partner editor (username, password, email), published in the README: DEBUG only.
PARTNER_EDITOR = ("partner-editor", "harbour-partner", "partner-editor@harbour.example")
PARTNER_EDITED = "media-dizajn"
PARTNER_EDITORS_GROUP = "Media Dizajn editors (demo)"
# What a partner's editors need: the admin, events under the calendar (add and edit, not
# publish: they submit to moderation), their organisation's competencies and its requests.
PARTNER_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
PARTNER_EDITOR_PERMISSIONS = [
    ("network", "add_partnercompetencies"),
    ("network", "change_partnercompetencies"),
    ("network", "view_contactrequest"),
]
# A made-up contact person, labelled so: requests to it go to the development outbox.
SAMPLE_CONTACT_ROLE = "Sample contact (demo)"
SAMPLE_CONTACT_EMAIL = "media-dizajn.sample@harbour.example"


def partner_editors_group(partner, index):
    """The demo partner's editors: the group, its permissions and its PartnerEditors link,
    made when missing."""
    group = admin_group(
        PARTNER_EDITORS_GROUP,
        index,
        PARTNER_EDITOR_PAGE_PERMISSIONS,
        PARTNER_EDITOR_PERMISSIONS,
    )
    PartnerEditors.objects.get_or_create(partner=partner, group=group)
    return group


def load_partner_editor(index, report=print):
    """The demo partner editor for Media Dizajn and its sample contact person. An existing
    account (its password too) and an existing competencies record (whatever an editor
    changed in it) are left as they are."""
    partner = Partner.objects.get(locale=index.locale, slug=PARTNER_EDITED)
    group = partner_editors_group(partner, index)
    username, password, email = PARTNER_EDITOR
    _user, created = accounts.ensure_account(username, password, email, group)
    _record, contact_created = PartnerCompetencies.objects.get_or_create(
        partner=partner,
        defaults={"contact_role": SAMPLE_CONTACT_ROLE, "contact_email": SAMPLE_CONTACT_EMAIL},
    )
    account = f"password {password!r}" if created else "exists"
    contact = "a sample contact" if contact_created else "its contact left as it is"
    report(f"Demo partner editor: {username!r} ({partner.name}, {account}; {contact})")


# The vocabulary of what partners offer and seek. The facts say nothing of what each partner
# offers or seeks, so the demo declares none: partners' editors do, in the admin.
VOCABULARY = {
    "co-production": ("Co-production", "Koprodukcja", "Koproduktion"),
    "market-entry": ("Market entry", "Wejście na rynek", "Markteintritt"),
    "funding-partners": ("Funding partners", "Partnerzy finansujący", "Förderpartner"),
    "mentoring": ("Mentoring", "Mentoring", "Mentoring"),
    "study-visits": ("Study visits", "Wizyty studyjne", "Studienreisen"),
    "training": ("Training", "Szkolenia", "Weiterbildung"),
    "venues": ("Venues", "Miejsca wydarzeń", "Veranstaltungsorte"),
    "research": ("Research", "Badania", "Forschung"),
}


def load_vocabulary(source_locale, user=None, report=print):
    for slug, (english, polish, german) in VOCABULARY.items():
        word = Competency.objects.filter(locale=source_locale, slug=slug).first()
        if word is None:
            word = Competency.objects.create(locale=source_locale, slug=slug, name=english)
        _translate(word, "pl", {"name": polish}, user)
        _translate(word, "de", {"name": german}, user)
    report(f"Competencies: {len(VOCABULARY)}")


FOCUS = [
    {
        "country": "DK",
        "innovation_group": FocusPeriod.Innovation.LEADER,
        "partners": ["danish-cultural-institute", "filmby-aarhus", "municipality-of-aarhus"],
        "headline": {
            "en": "Denmark: an innovation leader",
            "pl": "Dania: lider innowacji",
            "de": "Dänemark: ein Innovationsführer",
        },
    },
    {
        "country": "PL",
        "innovation_group": FocusPeriod.Innovation.MODERATE,
        "partners": [
            "media-dizajn",
            "westpomeranian-marshals-office",
            "euroregion-baltic-communes",
        ],
        "headline": {
            "en": "Poland: partners from Szczecin to Elbląg",
            "pl": "Polska: partnerzy od Szczecina po Elbląg",
            "de": "Polen: Partner von Stettin bis Elbląg",
        },
    },
    {
        "country": "EE",
        "innovation_group": FocusPeriod.Innovation.MODERATE,
        "partners": ["creative-estonia", "taltech", "tallinn-business-incubators"],
        "headline": {
            "en": "Estonia: creative industries, a university and business incubators",
            "pl": "Estonia: przemysły kreatywne, uczelnia i inkubatory przedsiębiorczości",
            "de": "Estland: Kreativwirtschaft, eine Hochschule und Gründerzentren",
        },
    },
]

RATING = {
    FocusPeriod.Innovation.LEADER: "an innovation leader",
    FocusPeriod.Innovation.MODERATE: "a moderate innovator",
}


def _month_start(day, months):
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def load_focus(source_locale, report=print):
    """Three focus periods of three months each, the second current today. Loading again
    adds nothing (an existing schedule is left as it is)."""
    if FocusPeriod.objects.filter(locale=source_locale).exists():
        report("Focus countries: the schedule exists, left as it is")
        return
    start = _month_start(timezone.localdate(), -4)
    for facts in FOCUS:
        country = Country.objects.get(locale=source_locale, code=facts["country"])
        partners = list(Partner.objects.filter(locale=source_locale, slug__in=facts["partners"]))
        ends = _month_start(start, 3) - datetime.timedelta(days=1)
        names = ", ".join(partner.name for partner in partners)
        period = FocusPeriod(
            locale=source_locale,
            country=country,
            starts_on=start,
            ends_on=ends,
            headline=facts["headline"]["en"],
            innovation_group=facts["innovation_group"],
            strengths=(
                f"<p>The EU Innovation Union Scoreboard 2015 rated {country.name} "
                f"{RATING[facts['innovation_group']]}.</p>"
            ),
            cci=f"<p>Network partners based in {country.name}: {names}.</p>",
        )
        period.full_clean()
        period.save()
        period.partners.set(partners)
        period.save()
        for code in ("pl", "de"):
            _translate(period, code, {"headline": facts["headline"][code]})
        start = ends + datetime.timedelta(days=1)
    report(f"Focus countries: {len(FOCUS)} periods")
