"""Factories for Harbour's content. Each test builds what it needs from these."""

import datetime
import zoneinfo

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from courses.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Country,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    Partner,
    Subsector,
)


def locale(code="en"):
    return Locale.objects.get_or_create(language_code=code)[0]


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = get_user_model()


def verified_user(**kwargs):
    """A learner whose email address is confirmed (lms/services/verification.py)."""
    from lms.models import Profile

    user = UserFactory(**kwargs)
    Profile.mark_verified(user)
    return user


class CountryFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")
    locale = factory.LazyFunction(locale)

    class Meta:
        model = Country


class SubsectorFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"subsector-{n}")
    name = factory.Sequence(lambda n: f"Subsector {n}")
    locale = factory.LazyFunction(locale)

    class Meta:
        model = Subsector


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    city = "Rostock"
    country = factory.SubFactory(CountryFactory)
    locale = factory.LazyFunction(locale)

    class Meta:
        model = Partner


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Harbour"

    class Meta:
        model = HomePage


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Courses"
    slug = "courses"

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "A module about working across borders."
    level = CoursePage.Level.BEGINNER
    estimated_duration = 90

    class Meta:
        model = CoursePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    summary = "A lesson."
    estimated_minutes = 15

    class Meta:
        model = LessonPage


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Case studies"
    slug = "case-studies"

    class Meta:
        model = CaseStudyIndexPage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "How partners worked together."

    class Meta:
        model = CaseStudyPage


def quiz_block(title="Check your understanding", pass_mark=50):
    """A lesson body quiz as raw StreamField data: question 1 has choice 0 correct,
    question 2 (multiple) has choices 0 and 2 correct."""
    return {
        "type": "quiz",
        "value": {
            "title": title,
            "pass_mark": pass_mark,
            "questions": [
                {
                    "type": "item",
                    "id": "q1",
                    "value": {
                        "question": "Who leads Creative Ports?",
                        "kind": "single",
                        "choices": [
                            {
                                "type": "item",
                                "id": "q1a",
                                "value": {
                                    "text": "Goethe-Institut",
                                    "correct": True,
                                    "feedback": "Right.",
                                },
                            },
                            {
                                "type": "item",
                                "id": "q1b",
                                "value": {
                                    "text": "City of Kiel",
                                    "correct": False,
                                    "feedback": "No.",
                                },
                            },
                        ],
                        "explanation": "The Goethe-Institut led the consortium.",
                    },
                },
                {
                    "type": "item",
                    "id": "q2",
                    "value": {
                        "question": "Which are South Baltic towns of the cluster project?",
                        "kind": "multiple",
                        "choices": [
                            {
                                "type": "item",
                                "id": "q2a",
                                "value": {"text": "Rostock", "correct": True, "feedback": ""},
                            },
                            {
                                "type": "item",
                                "id": "q2b",
                                "value": {"text": "Oslo", "correct": False, "feedback": ""},
                            },
                            {
                                "type": "item",
                                "id": "q2c",
                                "value": {"text": "Elbląg", "correct": True, "feedback": ""},
                            },
                        ],
                        "explanation": "",
                    },
                },
            ],
        },
    }


# --- Learners ------------------------------------------------------------------------------


class ProfileFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    preferred_language = "en"
    organisation = factory.Sequence(lambda n: f"Studio {n}")

    class Meta:
        model = "lms.Profile"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment in ``course`` (a CoursePage): pass ``course=…``."""

    user = factory.SubFactory(UserFactory)
    course_key = factory.LazyAttribute(lambda o: o.course.translation_key)
    locale = factory.LazyAttribute(lambda o: o.course.locale.language_code)

    class Params:
        course = None

    class Meta:
        model = "lms.Enrolment"


class LessonProgressFactory(factory.django.DjangoModelFactory):
    """Progress in ``lesson`` (a LessonPage) within ``enrolment``."""

    enrolment = factory.SubFactory(EnrolmentFactory)
    lesson_key = factory.LazyAttribute(lambda o: o.lesson.translation_key)
    status = "completed"

    class Params:
        lesson = None

    class Meta:
        model = "lms.LessonProgress"


# --- The CCI network -----------------------------------------------------------------------


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = "network.EventIndexPage"


class EventPageFactory(wagtail_factories.PageFactory):
    """A workshop in Szczecin, 10:00-16:00 local time, some weeks from now."""

    title = factory.Sequence(lambda n: f"Event {n}")
    summary = "Partners meet to exchange tools of internationalisation."
    kind = "workshop"
    timezone = "Europe/Warsaw"
    starts_at = factory.LazyFunction(
        lambda: _local(datetime.date.today() + datetime.timedelta(days=30), 10, "Europe/Warsaw")
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    venue_name = "Media Dizajn"
    venue_address = "Bandurskiego 96/23, 71-685 Szczecin"
    city = "Szczecin"

    class Meta:
        model = "network.EventPage"


class EventSeriesFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Network meetings {n}")
    slug = factory.Sequence(lambda n: f"network-meetings-{n}")
    locale = factory.LazyFunction(locale)

    class Meta:
        model = "network.EventSeries"


def _local(day, hour, zone):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def reflection_block(block_id="r1", prompt="Which partner could you call this week?"):
    """A lesson body reflection block as raw StreamField data, with a known id."""
    return {
        "type": "reflection",
        "id": block_id,
        "value": {"prompt": prompt, "guidance": "Think of one person."},
    }


def add_reflection(lesson, block_id="r1"):
    """Publish ``lesson`` with a reflection block added at the end of its body."""
    lesson.body = [*lesson.body.raw_data, reflection_block(block_id)]
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson
