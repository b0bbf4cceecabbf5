"""Load the demo content. Every step looks its objects up first, so loading twice adds nothing.

The English of the lessons and case studies is data in code; their German, Polish and
Lithuanian are PO files in ``translations/<language>/``, one per page, exactly as
wagtail-localize exports them, so that a translator can edit them with any PO editor:

    translations/<language>/<course slug>/course.po
    translations/<language>/<course slug>/<lesson slug>.po
    translations/<language>/case-studies/<case study slug>.po

(the slugs are the English ones). A language folder without a course's folder leaves that course
in English.
"""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from courses.models import (
    CaseStudyCourse,
    CaseStudyPage,
    Country,
    CourseCaseStudy,
    CoursePage,
    LessonPage,
    Partner,
    Subsector,
)
from courses.review import ensure_locale_review
from courses.services import ensure_site_structure

from . import accounts
from .blocks import outcomes_data, stream_data
from .case_studies import CASE_STUDIES
from .directory import COUNTRIES, NAME_LOCALES, PARTNERS, SUBSECTORS
from .localize import import_strings, read_po, translate_with_text
from .modules import creative_consultancy, working_across_borders
from .structure import STRUCTURE

MODULES = [working_across_borders, creative_consultancy]
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
CASE_STUDIES_FOLDER = "case-studies"


def _shown(path):
    """``path`` as a person would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class DemoLoader:
    """``translations`` is the folder of PO files. With ``update``, pages translated already
    take the strings of the PO files that changed since (an editor's own changes to those
    strings are overwritten); without it they are left alone."""

    def __init__(
        self,
        report=print,
        user=None,
        translations=TRANSLATIONS,
        update=False,
        warn=None,
        make_accounts=False,
    ):
        self.report = report
        self.warn = warn or report
        self.user = user
        self.translations = Path(translations)
        self.update = update
        self.make_accounts = make_accounts

    @transaction.atomic
    def load(self):
        self.structure = ensure_site_structure()
        self.locales = {
            locale.language_code: locale
            for locale in type(self.structure.home.locale).objects.all()
        }
        self.source_locale = self.locales[settings.LANGUAGE_CODE]
        self.report(f"Site structure: {len(self.locales)} locales, home, courses, case studies")
        self.languages = self.translation_languages()
        self.countries = self.load_named(Country, "code", COUNTRIES)
        self.subsectors = self.load_named(Subsector, "slug", SUBSECTORS)
        self.partners = self.load_partners()
        self.case_studies = self.load_case_studies()
        for code in STRUCTURE:
            self.translate_structure(code)
        for module in MODULES:
            self.load_module(module)
        # After the modules: the case studies link back to their courses, and the
        # translations copy those links.
        self.translate_case_studies()
        self.load_review()

    # --- Translations -----------------------------------------------------------------------

    def translation_languages(self):
        """The languages with a folder of PO files, in the order of the site structure."""
        folders = set()
        if self.translations.is_dir():
            folders = {path.name for path in self.translations.iterdir() if path.is_dir()}
        for code in sorted(folders - set(STRUCTURE)):
            self.warn(
                f"Warning: {_shown(self.translations / code)}: the demo site is not translated into "
                f"{code!r}, skipped"
            )
        return [code for code in STRUCTURE if code in folders]

    def translate_from_po(self, source, locale, path):
        """Translate ``source`` with the PO file at ``path``: "added", "updated" or None."""
        exists = source.has_translation(locale)
        if exists and not self.update:
            return None
        name = _shown(path)
        fallback = "keep the translation they have" if exists else "stay in English"
        found = path.is_file()
        if not found:
            self.warn(f"Warning: {name} is missing: the page's strings {fallback}")
        result = import_strings(source, locale, read_po(path) if found else {}, user=self.user)
        if result.missing and found:
            self.warn(
                f"Warning: {name}: {result.missing} string(s) have no translation and {fallback}"
            )
        if result.unused:
            context, _text = result.unused[0]
            self.warn(
                f"Warning: {name}: {len(result.unused)} translation(s) match no English "
                f"string (has the English changed?), the first in {context!r}"
            )
        if not exists:
            return "added"
        return "updated" if result.changed else None

    def _updated(self, count):
        return f" ({count} updated from the PO files)" if self.update else ""

    # --- Snippets -------------------------------------------------------------------------

    def load_named(self, model, key, names_by_key):
        """Snippets with a key and a name in every locale (countries, subsectors)."""
        objects, translated = {}, 0
        source_index = NAME_LOCALES.index(settings.LANGUAGE_CODE)
        for value, names in names_by_key.items():
            obj, _created = model.objects.get_or_create(
                locale=self.source_locale, **{key: value}, defaults={"name": names[source_index]}
            )
            objects[value] = obj
            for code, name in zip(NAME_LOCALES, names, strict=True):
                locale = self.locales[code]
                if locale == self.source_locale or obj.has_translation(locale):
                    continue
                copy = model.objects.get(pk=obj.pk)
                copy.name = name
                translate_with_text(obj, locale, copy, user=self.user)
                translated += 1
        total = model.objects.count()
        self.report(
            f"{model._meta.verbose_name_plural.capitalize()}: {len(objects)} in English, "
            f"{translated} translation(s) added, {total} in all locales"
        )
        return objects

    def load_partners(self):
        partners, created = {}, 0
        for facts in PARTNERS:
            partner = Partner.objects.filter(locale=self.source_locale, slug=facts["slug"]).first()
            if partner is None:
                partner = Partner(
                    locale=self.source_locale,
                    slug=facts["slug"],
                    name=facts["name"],
                    kind=facts["kind"],
                    address=facts["address"],
                    postcode=facts["postcode"],
                    city=facts["city"],
                    region=facts["region"],
                    country=self.countries[facts["country"]],
                    website=facts["website"],
                    description=facts["description"],
                    latitude=Decimal(str(facts["latitude"])),
                    longitude=Decimal(str(facts["longitude"])),
                )
                partner.subsectors = [self.subsectors[slug] for slug in facts["subsectors"]]
                partner.save()
                created += 1
            partners[facts["slug"]] = partner
        self.report(f"Partners: {len(partners)} ({created} new)")
        return partners

    # --- Review per language ---------------------------------------------------------------

    def load_review(self):
        """A review workflow and reviewer group for each translated locale's tree, and with
        ``make_accounts`` the demo editor and the Polish reviewer."""
        # English pages keep Wagtail's "Moderators approval" (on the root); each translated
        # tree gets reviewers who read its language.
        homes = [self.structure.home.get_translation(self.locales[code]) for code in STRUCTURE]
        reviews = {home.locale.language_code: ensure_locale_review(home) for home in homes}
        self.report(
            "Review: "
            + ", ".join(f"{review.workflow.name!r} ({code})" for code, review in reviews.items())
        )
        if not self.make_accounts:
            return
        made = []
        for (username, password, email), group in (
            (accounts.EDITOR, accounts.editors_group()),
            (accounts.REVIEWER, reviews[accounts.REVIEWER_LOCALE].group),
        ):
            _user, created = accounts.ensure_account(username, password, email, group)
            made.append(
                f"{username!r} ({group.name}, password {password!r})"
                if created
                else f"{username!r} ({group.name}, exists)"
            )
        self.report("Demo accounts: " + ", ".join(made))

    # --- Pages ----------------------------------------------------------------------------

    def load_case_studies(self):
        index = self.structure.case_study_index
        pages, created = {}, 0
        for data in CASE_STUDIES:
            page = CaseStudyPage.objects.child_of(index).filter(slug=data["slug"]).first()
            if page is None:
                page = CaseStudyPage(
                    locale=self.source_locale,
                    **{
                        name: data[name]
                        for name in (
                            "title",
                            "slug",
                            "summary",
                            "project_name",
                            "project_start",
                            "project_end",
                            "budget",
                            "challenge",
                            "approach",
                            "results",
                            "lessons_learned",
                        )
                    },
                )
                page.partners = [self.partners[slug] for slug in data["partners"]]
                page.countries = [self.countries[code] for code in data["countries"]]
                page.subsectors = [self.subsectors[slug] for slug in data["subsectors"]]
                index.add_child(instance=page)
                page.save_revision(user=self.user).publish(user=self.user)
                created += 1
            pages[data["slug"]] = page
        self.report(f"Case studies: {len(pages)} ({created} new)")
        return pages

    def translate_case_studies(self):
        for code in self.languages:
            folder = self.translations / code / CASE_STUDIES_FOLDER
            if not folder.is_dir():
                continue
            locale, done = self.locales[code], []
            for slug, page in self.case_studies.items():
                done.append(self.translate_from_po(page, locale, folder / f"{slug}.po"))
            self.report(
                f"Case studies in {code}: {done.count('added')} translation(s) added"
                f"{self._updated(done.count('updated'))}"
            )

    def translate_structure(self, code):
        locale = self.locales[code]
        for name, text in STRUCTURE[code].items():
            page = getattr(self.structure, name)
            if page.has_translation(locale):
                continue
            copy = type(page).objects.get(pk=page.pk)
            for field, value in text.items():
                setattr(copy, field, value)
            translate_with_text(page, locale, copy, user=self.user)

    def load_module(self, module):
        meta, text = module.META, module.TEXT
        source = text[settings.LANGUAGE_CODE]
        key = meta["key"]
        case_study_ids = {slug: page.pk for slug, page in self.case_studies.items()}
        index = self.structure.course_index

        course = CoursePage.objects.child_of(index).filter(slug=source["slug"]).first()
        if course is None:
            course = CoursePage(
                locale=self.source_locale,
                title=source["title"],
                slug=source["slug"],
                summary=source["summary"],
                introduction=source["introduction"],
                learning_outcomes=outcomes_data(source["outcomes"], key),
                level=meta["level"],
                estimated_duration=meta["estimated_duration"],
            )
            course.subsectors = [self.subsectors[slug] for slug in meta["subsectors"]]
            course.countries = [self.countries[code] for code in meta["countries"]]
            course.partners = [self.partners[slug] for slug in meta["partners"]]
            course.related_case_studies = [
                CourseCaseStudy(case_study=self.case_studies[slug]) for slug in meta["case_studies"]
            ]
            index.add_child(instance=course)
            course.save_revision(user=self.user).publish(user=self.user)
        self.link_case_studies(course, meta["case_studies"])

        lessons = []
        for number, (lesson_text, minutes) in enumerate(
            zip(source["lessons"], meta["lesson_minutes"], strict=True), start=1
        ):
            lesson = LessonPage.objects.child_of(course).filter(slug=lesson_text["slug"]).first()
            if lesson is None:
                lesson = LessonPage(
                    locale=self.source_locale,
                    title=lesson_text["title"],
                    slug=lesson_text["slug"],
                    summary=lesson_text["summary"],
                    estimated_minutes=minutes,
                    body=stream_data(lesson_text["body"], f"{key}/{number}", case_study_ids),
                )
                course.add_child(instance=lesson)
                lesson.save_revision(user=self.user).publish(user=self.user)
            lessons.append(lesson)
        self.report(f"Course {course.title!r}: {len(lessons)} lessons")

        for code in self.languages:
            folder = self.translations / code / source["slug"]
            if not folder.is_dir():
                continue
            locale = self.locales[code]
            done = [self.translate_from_po(course, locale, folder / "course.po")]
            for lesson in lessons:
                done.append(self.translate_from_po(lesson, locale, folder / f"{lesson.slug}.po"))
            self.report(
                f"  translated into {code}: course and {len(lessons)} lessons"
                f"{self._updated(done.count('updated'))}"
            )

    def link_case_studies(self, course, slugs):
        """Case studies list the courses that use them, so learners can go both ways."""
        for slug in slugs:
            page = self.case_studies[slug]
            if any(link.course_id == course.pk for link in page.related_courses.all()):
                continue
            page.related_courses.add(CaseStudyCourse(course=course))
            page.save_revision(user=self.user).publish(user=self.user)
