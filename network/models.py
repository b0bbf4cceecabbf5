"""The CCI network's calendar: events that partners fill, in series with rotating hosts.

home → EventIndexPage → EventPage

An event's start and end are stored in UTC and entered and shown in the event's own
timezone (``timezone``): an editor in Helsinki typing 10:00 for a meeting in Szczecin means
10:00 in Szczecin (admin_forms.EventPageForm). The language-neutral facts (times, place,
hosts, links) are synchronised to the translations; titles, summaries, descriptions and the
programme are translated with wagtail-localize.

The iCalendar feeds (calendar.py) need a UID that never changes and a SEQUENCE that rises
with each significant change; ``EventCalendarState`` keeps both per translation group,
outside the page's revisions, so that publishing an old draft never lowers the SEQUENCE.
"""

import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from courses.models import CaseStudyPage, Country, CoursePage, HarbourPage, Partner, Subsector

from .admin_forms import CompetenciesForm, EventPageForm, FocusPeriodForm
from .blocks import ProgrammeBlock

# The timezones of the Baltic Sea Region's countries, and UTC for online events.
TIMEZONES = [
    "Europe/Berlin",
    "Europe/Copenhagen",
    "Europe/Stockholm",
    "Europe/Helsinki",
    "Europe/Tallinn",
    "Europe/Riga",
    "Europe/Vilnius",
    "Europe/Warsaw",
    "UTC",
]


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown timezone “%(value)s”."), params={"value": value})


class EventSeries(TranslatableMixin, models.Model):
    """Events that recur with a rotating host, e.g. the CCI Contact Desk network meetings."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [
        SynchronizedField("slug"),
        TranslatableField("name"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_event_series_slug")
        ]

    def __str__(self):
        return self.name


class EventIndexPage(RoutablePageMixin, HarbourPage):
    """The calendar: upcoming and past events with filters, and the pages of the series
    (``series/<slug>/``). Its iCalendar feeds are at ``/<lang>/calendar.ics`` (urls.py)."""

    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = HarbourPage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["network.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event calendar")

    def get_context(self, request, *args, **kwargs):
        from .web import event_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_list_context(request))
        return context

    @path("series/<slug:slug>/", name="series")
    def series(self, request, slug):
        from .web import series_page

        return series_page(request, self, slug)


class EventPage(HarbourPage):
    """One event of the network: a meeting, forum, workshop, study visit, webinar or
    mentoring session."""

    class Kind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        FORUM = "forum", _("Forum")
        WORKSHOP = "workshop", _("Workshop")
        STUDY_VISIT = "study_visit", _("Study visit")
        WEBINAR = "webinar", _("Webinar")
        MENTORING = "mentoring", _("Mentoring session")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the days are known or matter: the times are not shown."),
    )
    timezone = models.CharField(
        _("timezone"),
        max_length=40,
        default="Europe/Berlin",
        choices=[(name, name) for name in TIMEZONES],
        validators=[validate_timezone],
        help_text=_("Start and end are entered and shown in this timezone."),
    )
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("online link"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    hosts = ParentalManyToManyField(
        Partner, verbose_name=_("hosts"), related_name="hosted_events", blank=True
    )
    co_hosts = ParentalManyToManyField(
        Partner, verbose_name=_("co-hosts"), related_name="co_hosted_events", blank=True
    )
    subsectors = ParentalManyToManyField(Subsector, verbose_name=_("subsectors"), blank=True)
    countries = ParentalManyToManyField(Country, verbose_name=_("countries"), blank=True)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    description = RichTextField(_("description"), blank=True)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programme"), blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("Language codes, e.g. en")
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    related_courses = ParentalManyToManyField(
        CoursePage, verbose_name=_("related courses"), blank=True, related_name="+"
    )
    related_case_studies = ParentalManyToManyField(
        CaseStudyPage, verbose_name=_("related case studies"), blank=True, related_name="+"
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Keep a cancelled event published: calendars then remove it."),
    )
    sample = models.BooleanField(
        _("sample event"),
        default=False,
        help_text=_("A made-up example, labelled as such on the site and in the API."),
    )

    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "kind",
            "starts_at",
            "ends_at",
            "all_day",
            "timezone",
            "online",
            "online_url",
            "venue_address",
            "city",
            "latitude",
            "longitude",
            "hosts",
            "co_hosts",
            "subsectors",
            "countries",
            "series",
            "languages",
            "registration_url",
            "capacity",
            "related_courses",
            "related_case_studies",
            "cancelled",
            "sample",
        )
    ]

    content_panels = HarbourPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("series"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("all_day"),
                FieldPanel("timezone"),
                FieldPanel("cancelled"),
                FieldPanel("sample"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("online"),
                FieldPanel("online_url"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("city"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hosts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("co_hosts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("subsectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages"),
            ],
            heading=_("Who"),
        ),
        FieldPanel("description"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("capacity")], heading=_("Registration")
        ),
        MultiFieldPanel(
            [FieldPanel("related_courses"), FieldPanel("related_case_studies")],
            heading=_("Related"),
        ),
    ]
    base_form_class = EventPageForm

    search_fields = HarbourPage.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("starts_at"),
        index.RelatedFields("hosts", [index.SearchField("name")]),
    ]

    api_fields = HarbourPage.api_fields + [
        APIField("kind"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("timezone"),
        APIField("description"),
        APIField("programme"),
    ]

    parent_page_types = ["network.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("An event cannot end before it starts.")
        if self.online and not self.online_url and not self.registration_url:
            errors["online_url"] = _("Give the link of an online event, or a registration link.")
        codes = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
        unknown = [code for code in self.languages or () if code not in codes]
        if unknown:
            errors["languages"] = _("Unknown language codes: %(codes)s.") % {
                "codes": ", ".join(unknown)
            }
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .web import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context


class EventCalendarState(models.Model):
    """What calendars were last told about one event (a translation group): the SEQUENCE of
    its iCalendar entry and a fingerprint of its significant fields (times, place, status).
    Publishing a change to any of them raises the SEQUENCE (services.record_publication)."""

    translation_key = models.UUIDField(_("translation key"), unique=True)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event calendar state")
        verbose_name_plural = _("event calendar states")

    def __str__(self):
        return f"{self.translation_key}: {self.sequence}"


class PartnerEditors(models.Model):
    """The editors of a partner organisation: a group whose members create events for that
    partner (and only for it) and submit them to the moderation workflow."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("partner editors")
        verbose_name_plural = _("partner editors")
        constraints = [
            models.UniqueConstraint(fields=["partner", "group"], name="unique_partner_editors")
        ]

    def __str__(self):
        return f"{self.group} → {self.partner}"


class FocusPeriod(TranslatableMixin, ClusterableModel):
    """A period in which the network looks at one country: its CCI, its needs and its
    strengths, with featured partners, case studies, courses and events.

    Periods never overlap (``clean``), so at most one covers any day; the current one is the
    period that covers today, else the last one that has begun (it stays current until the
    next one begins), so that once the schedule has started exactly one is current.
    """

    class Innovation(models.TextChoices):
        LEADER = "leader", _("Innovation leader")
        MODERATE = "moderate", _("Moderate innovator")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    headline = models.CharField(_("headline"), max_length=200)
    cci = RichTextField(_("the state of its CCI"), blank=True)
    needs = RichTextField(_("its needs"), blank=True)
    strengths = RichTextField(_("its strengths"), blank=True)
    innovation_group = models.CharField(
        _("Innovation Union Scoreboard 2015"),
        max_length=20,
        choices=Innovation.choices,
        blank=True,
        help_text=_("How the EU Innovation Union Scoreboard 2015 rated the country."),
    )
    partners = ParentalManyToManyField(
        Partner, verbose_name=_("featured partners"), blank=True, related_name="+"
    )
    case_studies = ParentalManyToManyField(
        CaseStudyPage, verbose_name=_("featured case studies"), blank=True, related_name="+"
    )
    courses = ParentalManyToManyField(
        CoursePage, verbose_name=_("featured courses"), blank=True, related_name="+"
    )
    events = ParentalManyToManyField(
        EventPage, verbose_name=_("featured events"), blank=True, related_name="+"
    )

    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "country",
            "starts_on",
            "ends_on",
            "innovation_group",
            "partners",
            "case_studies",
            "courses",
            "events",
        )
    ] + [TranslatableField(name) for name in ("headline", "cci", "needs", "strengths")]

    panels = [
        FieldPanel("country", widget=forms.Select),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("headline"),
        FieldPanel("innovation_group"),
        FieldPanel("cci"),
        FieldPanel("needs"),
        FieldPanel("strengths"),
        MultiFieldPanel(
            [
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("case_studies"),
                FieldPanel("courses"),
                FieldPanel("events"),
            ],
            heading=_("Featured"),
        ),
    ]
    base_form_class = FocusPeriodForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("focus country period")
        verbose_name_plural = _("focus country schedule")
        ordering = ["starts_on"]

    def __str__(self):
        return f"{self.country} ({self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d})"

    def overlapping(self):
        """The other periods of this locale that share a day with this one."""
        if self.starts_on is None or self.ends_on is None:
            return FocusPeriod.objects.none()
        return (
            FocusPeriod.objects.filter(
                locale_id=self.locale_id,
                starts_on__lte=self.ends_on,
                ends_on__gte=self.starts_on,
            )
            .exclude(translation_key=self.translation_key)
            .select_related("country")
        )

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A focus period cannot end before it starts.")})
        other = self.overlapping().first()
        if other is not None:
            raise ValidationError(
                {
                    "starts_on": _(
                        "This period overlaps the focus on %(country)s from %(start)s to "
                        "%(end)s. Only one country is in focus at a time: move this period "
                        "or that one so that they do not share a day."
                    )
                    % {
                        "country": other.country.name,
                        "start": other.starts_on.isoformat(),
                        "end": other.ends_on.isoformat(),
                    }
                }
            )


class Competency(TranslatableMixin, models.Model):
    """A word of the small vocabulary partners declare what they offer and seek with:
    co-production, market entry, funding partners, mentoring, study visits, training…"""

    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=100)

    override_translatable_fields = [SynchronizedField("slug"), TranslatableField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_competency_slug")
        ]

    def __str__(self):
        return self.name


class PartnerCompetencies(ClusterableModel):
    """What a partner (its source-language record) offers and seeks, and its contact
    person. A private email is for Harbour's own messages only: no page, API answer or
    search result ever shows it."""

    partner = models.OneToOneField(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="competencies"
    )
    offers = ParentalManyToManyField(
        Competency, verbose_name=_("offers"), blank=True, related_name="+"
    )
    seeks = ParentalManyToManyField(
        Competency, verbose_name=_("seeks"), blank=True, related_name="+"
    )
    contact_role = models.CharField(_("contact person's role"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    email_is_public = models.BooleanField(
        _("show the email"),
        default=False,
        help_text=_("Unticked, the email stays private: it is never shown or served."),
    )

    panels = [
        FieldPanel("partner"),
        FieldPanel("offers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("seeks", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("contact_role"), FieldPanel("contact_email")]),
        FieldPanel("email_is_public"),
    ]
    base_form_class = CompetenciesForm

    class Meta:
        verbose_name = _("partner competencies")
        verbose_name_plural = _("partner competencies")

    def __str__(self):
        return str(self.partner)

    @property
    def public_email(self):
        return self.contact_email if self.email_is_public else ""


class MatchProfile(models.Model):
    """What a learner offers and seeks, where they work and in which subsectors: what
    Harbour's match-making (network/matching.py) ranks cooperation partners against."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="match_profile",
    )
    offers = models.ManyToManyField(
        Competency, verbose_name=_("I offer"), blank=True, related_name="+"
    )
    seeks = models.ManyToManyField(
        Competency, verbose_name=_("I seek"), blank=True, related_name="+"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("my country"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subsectors = models.ManyToManyField(
        Subsector, verbose_name=_("my subsectors"), blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("match-making profile")
        verbose_name_plural = _("match-making profiles")

    def __str__(self):
        return str(self.user)


class ContactRequest(models.Model):
    """A learner's message to a cooperation partner. Harbour emails it to the partner's
    private contact through the task queue; the requester never sees that address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )
    message = models.TextField(_("message"), max_length=4000)
    visit_starts_on = models.DateField(_("study visit from"), null=True, blank=True)
    visit_ends_on = models.DateField(_("study visit to"), null=True, blank=True)
    group_size = models.PositiveSmallIntegerField(
        _("group size"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    emailed_at = models.DateTimeField(_("emailed to the partner"), null=True, blank=True)
    # The partner's answer from the admin (network/contact.py, answer_request). Only then
    # does the requester see who answered and the address they answered from.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, db_index=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_by_name = models.CharField(_("answered by (name)"), max_length=300, blank=True)
    reply_from = models.EmailField(_("answered from"), blank=True)
    reply = models.TextField(_("answer"), max_length=4000, blank=True)
    reply_emailed_at = models.DateTimeField(
        _("answer emailed to the requester"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user} → {self.partner}"

    @property
    def answered(self):
        return self.answered_at is not None

    @property
    def status_label(self):
        return _("Answered") if self.answered else _("Waiting for an answer")
