"""Harbour's content: the page tree per locale and the translatable snippets.

home → CourseIndexPage → CoursePage → LessonPage
home → CaseStudyIndexPage → CaseStudyPage
"""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .admin_forms import LinkedSnippetsPageForm, PartnerForm
from .blocks import CaseStudyBodyBlock, LearningOutcomeBlock, LessonBodyBlock
from .preview import HeadlessPreviewMixin
from .querysets import HarbourPageManager

# --- Snippets -----------------------------------------------------------------------------


class Country(TranslatableMixin, models.Model):
    """A country of the Baltic Sea Region. ``code`` is ISO 3166-1 alpha-2 and never translated."""

    code = models.CharField(_("code"), max_length=2, help_text=_("ISO 3166-1 alpha-2, e.g. PL"))
    name = models.CharField(_("name"), max_length=100)

    override_translatable_fields = [SynchronizedField("code"), TranslatableField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_country_code_locale")
        ]

    def __str__(self):
        return self.name


class Subsector(TranslatableMixin, models.Model):
    """A subsector of the cultural and creative industries (design, film, music …)."""

    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [
        SynchronizedField("slug"),
        TranslatableField("name"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("subsector")
        verbose_name_plural = _("subsectors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_subsector_slug_locale")
        ]

    def __str__(self):
        return self.name


class Partner(TranslatableMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """An organisation that takes part in a network and makes modules or case studies."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public authority")
        CULTURAL = "cultural", _("Cultural institute")
        UNIVERSITY = "university", _("University or research")
        BUSINESS = "business", _("Business support")
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association or network")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120)
    kind = models.CharField(
        _("type"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="partners"
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    subsectors = ParentalManyToManyField(
        Subsector,
        verbose_name=_("subsectors"),
        blank=True,
        related_name="partners",
        help_text=_("The partner's competencies"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("address"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
        SynchronizedField("region"),
        SynchronizedField("country"),
        SynchronizedField("website"),
        SynchronizedField("subsectors"),
        SynchronizedField("logo"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("region"),
                FieldPanel("country", widget=forms.Select),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("website"),
        FieldPanel("subsectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("logo"),
    ]
    # The country and subsectors are chosen among the English snippets (admin_forms.py).
    base_form_class = PartnerForm

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("id"),
        index.FilterField("locale_id"),
        index.FilterField("country_id"),
        index.RelatedFields("country", [index.SearchField("name")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_partner_slug_locale")
        ]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "courses/partner_preview.html"


# --- Pages --------------------------------------------------------------------------------


def linked_snippet_panels():
    """A course's or case study's subsectors, countries and partners: checkboxes of the
    English snippets, named in the editor's language (admin_forms.py). Translations follow
    the source."""
    return [
        FieldPanel(name, widget=forms.CheckboxSelectMultiple)
        for name in ("subsectors", "countries", "partners")
    ]


class HarbourPage(Page):
    """What every Harbour page shares: a short summary used in listings, search and the API."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences for listings and search results."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [index.SearchField("summary", boost=2)]
    api_fields = [APIField("summary")]

    # served() and localized(): courses/querysets.py.
    objects = HarbourPageManager()

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        # A fallback-language page linked from another language's web pages keeps that
        # language's prefix (see courses/web/routing.py), so the UI language never flips.
        # Without a web request (the API, page.url) the URL stays canonical.
        from .web.routing import fallback_page_path, is_web_request

        parts = super().get_url_parts(request)
        if not parts or parts[2] is None or not is_web_request(request):
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, fallback_page_path(page_path)

    def route(self, request, path_components):
        # Wagtail checks only the last page of a path: nothing under an unpublished page is
        # served (courses/querysets.py), so a lesson goes with its unpublished course.
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .fallback_text import mark_fallbacks
        from .web.routing import served_language

        context = super().get_context(request, *args, **kwargs)
        context["served_language"], context["is_fallback"] = served_language(self)
        # Strings of a translation still in the source language say so (lang="en").
        context.update(mark_fallbacks(self))
        return context


class HomePage(HarbourPage):
    """The root of each locale's tree."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "courses.CourseIndexPage",
        "courses.CaseStudyIndexPage",
        "network.EventIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # What this language's tree lacks is served from the fallback language's tree, or
        # as the translation of the page found there (courses/web/routing.py).
        from wagtail.url_routing import RouteResult

        from .web.routing import fallback_root, live_translation

        try:
            return super().route(request, path_components)
        except Http404:
            fallback = fallback_root(self)
            if fallback is None:
                raise
        result = fallback.route(request, path_components)
        translated = live_translation(result.page, self.locale.language_code)
        if translated is not None and not result.args and not result.kwargs:
            return RouteResult(translated)
        return result

    def get_context(self, request, *args, **kwargs):
        from .web.pages import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context


class CourseIndexPage(HarbourPage):
    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = HarbourPage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        from .web.pages import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request))
        return context


class CoursePage(HeadlessPreviewMixin, HarbourPage):
    """A learning module: a sequence of lessons, made by partners for a level and subsectors."""

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    introduction = RichTextField(_("introduction"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER
    )
    estimated_duration = models.PositiveIntegerField(
        _("estimated duration (minutes)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
    )
    learning_outcomes = StreamField(
        LearningOutcomeBlock(), verbose_name=_("learning outcomes"), blank=True
    )
    subsectors = ParentalManyToManyField(Subsector, verbose_name=_("subsectors"), blank=True)
    countries = ParentalManyToManyField(Country, verbose_name=_("countries"), blank=True)
    partners = ParentalManyToManyField(Partner, verbose_name=_("partners"), blank=True)

    override_translatable_fields = [
        SynchronizedField("cover_image"),
        SynchronizedField("level"),
        SynchronizedField("estimated_duration"),
        SynchronizedField("subsectors"),
        SynchronizedField("countries"),
        SynchronizedField("partners"),
    ]

    content_panels = HarbourPage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("estimated_duration")], heading=_("Format")
        ),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(linked_snippet_panels(), heading=_("Who and where")),
        InlinePanel("related_case_studies", label=_("Related case studies")),
    ]
    base_form_class = LinkedSnippetsPageForm

    search_fields = HarbourPage.search_fields + [
        index.SearchField("introduction"),
        index.AutocompleteField("title"),
        index.FilterField("level"),
        index.RelatedFields("subsectors", [index.SearchField("name")]),
        index.RelatedFields("partners", [index.SearchField("name")]),
    ]

    api_fields = HarbourPage.api_fields + [
        APIField("introduction"),
        APIField("level"),
        APIField("estimated_duration"),
        APIField("learning_outcomes"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_lessons(self):
        return LessonPage.objects.child_of(self).served().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from .web.pages import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self))
        return context


class CourseCaseStudy(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="related_case_studies")
    case_study = models.ForeignKey(
        "courses.CaseStudyPage",
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("case_study")]

    class Meta(Orderable.Meta):
        verbose_name = _("related case study")


class LessonPage(HeadlessPreviewMixin, HarbourPage):
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )

    override_translatable_fields = [SynchronizedField("estimated_minutes")]

    content_panels = HarbourPage.content_panels + [
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]

    search_fields = HarbourPage.search_fields + [
        index.SearchField("body"),
        index.AutocompleteField("title"),
    ]

    api_fields = HarbourPage.api_fields + [APIField("estimated_minutes"), APIField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def course(self):
        return self.get_parent().specific

    def quiz_blocks(self):
        return [block for block in self.body if block.block_type == "quiz"]

    def get_context(self, request, *args, **kwargs):
        from .web.pages import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self))
        return context


class CaseStudyIndexPage(HarbourPage):
    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = HarbourPage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case study index")

    def get_context(self, request, *args, **kwargs):
        from .web.pages import case_study_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_list_context(request))
        return context


class CaseStudyPage(HeadlessPreviewMixin, HarbourPage):
    """The best-practice story of a partner project."""

    project_name = models.CharField(_("project"), max_length=255, blank=True)
    project_start = models.DateField(_("project start"), null=True, blank=True)
    project_end = models.DateField(_("project end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    challenge = RichTextField(_("challenge"), blank=True)
    approach = RichTextField(_("approach"), blank=True)
    results = RichTextField(_("results"), blank=True)
    lessons_learned = RichTextField(_("lessons learned"), blank=True)
    body = StreamField(CaseStudyBodyBlock(), verbose_name=_("images and more"), blank=True)
    partners = ParentalManyToManyField(Partner, verbose_name=_("partners"), blank=True)
    countries = ParentalManyToManyField(Country, verbose_name=_("countries"), blank=True)
    subsectors = ParentalManyToManyField(Subsector, verbose_name=_("subsectors"), blank=True)

    override_translatable_fields = [
        SynchronizedField("project_start"),
        SynchronizedField("project_end"),
        SynchronizedField("budget"),
        SynchronizedField("partners"),
        SynchronizedField("countries"),
        SynchronizedField("subsectors"),
    ]

    content_panels = HarbourPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("project_name"),
                FieldPanel("project_start"),
                FieldPanel("project_end"),
                FieldPanel("budget"),
            ],
            heading=_("Project"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("lessons_learned"),
        FieldPanel("body"),
        MultiFieldPanel(linked_snippet_panels(), heading=_("Who and where")),
        InlinePanel("related_courses", label=_("Related courses")),
    ]
    base_form_class = LinkedSnippetsPageForm

    search_fields = HarbourPage.search_fields + [
        index.SearchField("project_name", boost=2),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
        index.AutocompleteField("title"),
        index.RelatedFields("partners", [index.SearchField("name")]),
    ]

    api_fields = HarbourPage.api_fields + [
        APIField("project_name"),
        APIField("project_start"),
        APIField("project_end"),
        APIField("budget"),
        APIField("challenge"),
        APIField("approach"),
        APIField("results"),
        APIField("lessons_learned"),
        APIField("body"),
    ]

    parent_page_types = ["courses.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.project_start and self.project_end and self.project_end < self.project_start:
            raise ValidationError({"project_end": _("The project cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        from .web.pages import case_study_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_context(self))
        return context


class CaseStudyCourse(Orderable):
    case_study = ParentalKey(
        CaseStudyPage, on_delete=models.CASCADE, related_name="related_courses"
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("related course")


# --- Translation review -------------------------------------------------------------------


class TranslationReview(models.Model):
    """An editor has read a page's translation into ``locale`` and vouches for it. A page
    counts as machine translated, not reviewed, while any of its current strings was
    translated by machine after ``reviewed_at`` (courses/machine_translation.py)."""

    translation_key = models.UUIDField(_("translation key"))
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("locale"), on_delete=models.CASCADE, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"], name="unique_translation_review"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} ({self.locale_id}): {self.reviewed_at:%Y-%m-%d %H:%M}"
