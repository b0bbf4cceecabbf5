"""Synthetic courses and lessons at scale, for benchmarks.

Pages are inserted in bulk: Wagtail's ``add_child`` saves one page (and its tree bookkeeping)
at a time, which is far too slow for tens of thousands of pages. Here the tree paths are
computed up front and each table gets one INSERT per batch, through courses/demo/bulk.py (the
private Django and treebeard calls that takes are all there). The pages are live but have no
revisions; an editor's first save creates one. No signals are sent, so when it is done the
generator drops the content API's cached responses itself.
"""

import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from courses.demo import bulk
from courses.demo.blocks import stream_data
from courses.models import Country, CoursePage, LessonPage, Subsector
from courses.services import ensure_locale_structure, ensure_site_structure
from lms.api.cache import content_changed

SLUG_PREFIX = "synthetic-course-"

WORDS = (
    "design music film games architecture crafts publishing theatre heritage festival studio "
    "partner border network cluster funding audience residency workshop export market "
    "cooperation mentoring platform forum strategy region harbour island coast city village "
    "programme project budget skills training exhibition label gallery museum archive"
).split()


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def lesson_body(rng, number):
    body = [
        {"type": "heading", "value": {"text": sentence(rng, 4), "level": "h2"}},
        {
            "type": "rich_text",
            "value": "".join(f"<p>{sentence(rng, 30)}</p>" for _ in range(3)),
        },
        {
            "type": "callout",
            "value": {"kind": "tip", "title": sentence(rng, 3), "text": f"<p>{sentence(rng)}</p>"},
        },
    ]
    if number % 3 == 0:
        body.append(
            {
                "type": "quiz",
                "value": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "question": sentence(rng, 8),
                            "kind": "single",
                            "choices": [
                                {"text": "Yes", "correct": True, "feedback": ""},
                                {"text": "No", "correct": False, "feedback": ""},
                            ],
                            "explanation": "",
                        }
                    ],
                },
            }
        )
    return body


class BulkPageWriter:
    """Appends live pages under a parent with one INSERT per table and batch."""

    def __init__(self):
        self.now = timezone.now()

    def prepare(self, parent, pages, first_step):
        bulk.place_children(parent, pages, first_step)
        for page in pages:
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.last_published_at = self.now

    def insert(self, model, pages):
        bulk.insert_pages(model, pages)


class ContentGenerator:
    def __init__(
        self,
        courses,
        lessons,
        locales=(),
        translated_fraction=1.0,
        seed=0,
        index=True,
        progress=None,
    ):
        self.courses = courses
        self.lessons = lessons
        self.locale_codes = list(locales)
        self.translated_fraction = translated_fraction
        self.rng = random.Random(seed)
        self.index = index
        self.progress = progress or (lambda done, total: None)
        self.writer = BulkPageWriter()
        self.created = {
            "courses": 0,
            "lessons": 0,
            "translated_courses": 0,
            "translated_lessons": 0,
        }

    def run(self, batch_size=25):
        structure = ensure_site_structure()
        self.subsectors = list(
            Subsector.objects.filter(locale=structure.home.locale).values_list("pk", flat=True)
        )
        self.countries = list(
            Country.objects.filter(locale=structure.home.locale).values_list("pk", flat=True)
        )
        targets = {}
        for code in self.locale_codes:
            locale = Locale.objects.get(language_code=code)
            targets[code] = (locale, ensure_locale_structure(structure, locale).course_index)
        translate_count = round(self.courses * self.translated_fraction)
        translated = {
            code: set(self.rng.sample(range(self.courses), translate_count)) for code in targets
        }

        offset = CoursePage.objects.filter(slug__startswith=SLUG_PREFIX).count()
        self.progress(0, self.courses)
        for start in range(0, self.courses, batch_size):
            numbers = range(start, min(start + batch_size, self.courses))
            with transaction.atomic():
                courses = self.add_courses(
                    structure.course_index, [offset + n + 1 for n in numbers]
                )
                for code, (locale, course_index) in targets.items():
                    chosen = [
                        course
                        for n, course in zip(numbers, courses, strict=True)
                        if n in translated[code]
                    ]
                    if chosen:
                        self.add_translations(course_index, locale, chosen)
            self.progress(numbers[-1] + 1, self.courses)
        # The bulk inserts send none of the signals that drop the API's cached responses.
        content_changed()
        return self.created

    def add_courses(self, course_index, numbers):
        courses = []
        for number in numbers:
            course = CoursePage(
                title=f"Synthetic course {number}: {sentence(self.rng, 4)[:-1]}",
                slug=f"{SLUG_PREFIX}{number}",
                locale_id=course_index.locale_id,
                summary=sentence(self.rng, 20),
                introduction=f"<p>{sentence(self.rng, 40)}</p>",
                level=self.rng.choice(CoursePage.Level.values),
                estimated_duration=15 * max(1, self.lessons),
                numchild=self.lessons,
            )
            course._lessons = [
                LessonPage(
                    title=f"Lesson {position}: {sentence(self.rng, 4)[:-1]}",
                    slug=f"lesson-{position}",
                    locale_id=course_index.locale_id,
                    summary=sentence(self.rng, 15),
                    estimated_minutes=15,
                    # Stored with ids, as the editor saves a body: a quiz question's id is
                    # what a learner's answers name, so it must not change on every read.
                    body=stream_data(
                        lesson_body(self.rng, position), f"{SLUG_PREFIX}{number}/{position}"
                    ),
                    numchild=0,
                )
                for position in range(1, self.lessons + 1)
            ]
            course._subsectors = self.rng.sample(self.subsectors, min(2, len(self.subsectors)))
            course._countries = self.rng.sample(self.countries, min(2, len(self.countries)))
            courses.append(course)
        self.write(course_index, courses)
        self.created["courses"] += len(courses)
        self.created["lessons"] += len(courses) * self.lessons
        return courses

    def add_translations(self, course_index, locale, courses):
        copies = []
        for course in courses:
            copy = CoursePage(
                title=f"[{locale.language_code}] {course.title}",
                slug=course.slug,
                locale_id=locale.pk,
                translation_key=course.translation_key,
                summary=course.summary,
                introduction=course.introduction,
                level=course.level,
                estimated_duration=course.estimated_duration,
                numchild=len(course._lessons),
            )
            copy._lessons = [
                LessonPage(
                    title=f"[{locale.language_code}] {lesson.title}",
                    slug=lesson.slug,
                    locale_id=locale.pk,
                    translation_key=lesson.translation_key,
                    summary=lesson.summary,
                    estimated_minutes=lesson.estimated_minutes,
                    body=lesson.body.raw_data,
                    numchild=0,
                )
                for lesson in course._lessons
            ]
            copy._subsectors, copy._countries = course._subsectors, course._countries
            copies.append(copy)
        self.write(course_index, copies)
        self.created["translated_courses"] += len(copies)
        self.created["translated_lessons"] += sum(len(copy._lessons) for copy in copies)

    def write(self, course_index, courses):
        self.writer.prepare(course_index, courses, bulk.next_child_step(course_index))
        self.writer.insert(CoursePage, courses)
        bulk.count_children(course_index, len(courses))
        lessons = []
        for course in courses:
            self.writer.prepare(course, course._lessons, 1)
            lessons.extend(course._lessons)
        if lessons:
            self.writer.insert(LessonPage, lessons)
        CoursePage.subsectors.through.objects.bulk_create(
            CoursePage.subsectors.through(coursepage_id=course.pk, subsector_id=pk)
            for course in courses
            for pk in course._subsectors
        )
        CoursePage.countries.through.objects.bulk_create(
            CoursePage.countries.through(coursepage_id=course.pk, country_id=pk)
            for course in courses
            for pk in course._countries
        )
        if self.index:
            backend = get_search_backend()
            backend.add_bulk(CoursePage, courses)
            if lessons:
                backend.add_bulk(LessonPage, lessons)
