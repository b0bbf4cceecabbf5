"""The content commands: demo content, the development admin and synthetic content."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from courses.models import (
    CaseStudyPage,
    Country,
    CoursePage,
    HomePage,
    LessonPage,
    Partner,
    Subsector,
)
from courses.services import ensure_site_structure


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Locale,
            Page,
            Site,
            CoursePage,
            LessonPage,
            CaseStudyPage,
            Partner,
            Country,
            Subsector,
            TranslationSource,
            Translation,
            StringTranslation,
        )
    }


@pytest.mark.django_db
def test_site_structure_replaces_the_welcome_page():
    structure = ensure_site_structure()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == structure.home
    assert Page.get_first_root_node().get_children().get().specific_class is HomePage
    assert Locale.objects.count() == 9
    assert ensure_site_structure() == structure


@pytest.mark.django_db
def test_demo_content_loads_once_and_translates_the_module(
    capsys, admin_client, django_capture_on_commit_callbacks
):
    call_command("load_demo_content")
    first = counts()
    call_command("load_demo_content")
    assert counts() == first
    output = capsys.readouterr().out
    assert "Partners: 21 (0 new)" in output

    assert first["Partner"] == 21
    assert first["CoursePage"] == 1 * 4 + 1  # the module in four languages, a second in English
    assert first["Country"] == 10 * 9 and first["Subsector"] == 10 * 9
    budget = CaseStudyPage.objects.get(
        slug="south-baltic-creative-clusters", locale__language_code="en"
    ).budget
    assert str(budget) == "264145.00"
    rietavas = Partner.objects.get(slug="rietavas-tourism-business-centre")
    assert (rietavas.address, rietavas.postcode, rietavas.country.code) == (
        "Parko str. 5",
        "LT-90311",
        "LT",
    )
    assert rietavas.latitude is not None and rietavas.longitude is not None

    course = CoursePage.objects.get(locale__language_code="en", slug="working-across-borders")
    lessons = LessonPage.objects.child_of(course).live()
    assert lessons.count() >= 4
    assert any(lesson.quiz_blocks() for lesson in lessons)
    for code in ("pl", "de", "lt"):
        locale = Locale.objects.get(language_code=code)
        translated = course.get_translation(locale)
        assert translated.live and translated.title != course.title
        assert LessonPage.objects.child_of(translated).live().count() == lessons.count()
        # Complete in wagtail-localize, so "Sync translated pages" keeps the translation.
        translation = Translation.objects.get(
            source__object_id=course.translation_key, target_locale=locale
        )
        total, done = translation.get_progress()
        assert total == done > 0
    assert Country.objects.get(code="DE", locale__language_code="pl").name == "Niemcy"
    assert first["CaseStudyPage"] == 3 * 4  # English, German, Polish, Lithuanian
    sbcc = CaseStudyPage.objects.get(
        slug="south-baltic-creative-clusters", locale__language_code="lt"
    )
    assert sbcc.live and str(sbcc.budget) == "264145.00" and "Rietave" in sbcc.summary
    # The other locales fall back to English: no pages of their own.
    assert not CoursePage.objects.filter(locale__language_code__in=["da", "sv", "fi"]).exists()

    # An editor changes the English lesson and syncs: untouched strings keep their translation.
    lesson = lessons.get(slug="making-results-last")
    lesson.title = "Making results last longer"
    lesson.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(lesson)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    pl_lesson = lesson.get_translation(Locale.objects.get(language_code="pl"))
    assert pl_lesson.title == "Making results last longer"  # new string: English until translated
    assert pl_lesson.body[0].value["text"] == "Zapisujcie na bieżąco"


def test_ensure_dev_admin_creates_the_admin_once(db, settings):
    settings.DEBUG = True
    call_command("ensure_dev_admin")
    call_command("ensure_dev_admin")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("harbour-admin")
    assert get_user_model().objects.count() == 1


def test_ensure_dev_admin_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_dev_admin")
    assert not get_user_model().objects.exists()


def test_generate_content_makes_what_it_says(db, capsys):
    call_command("generate_content", courses=2, lessons=3, locales="pl", no_index=True)
    output = capsys.readouterr().out
    assert "2/2 courses 100%" in output
    assert "Created 2 courses with 6 lessons, and 2 translated courses with 6 lessons" in output
    en_courses = CoursePage.objects.filter(locale__language_code="en")
    pl_courses = CoursePage.objects.filter(locale__language_code="pl")
    assert en_courses.count() == 2 and pl_courses.count() == 2
    assert LessonPage.objects.filter(locale__language_code="en").count() == 6
    assert LessonPage.objects.filter(locale__language_code="pl").count() == 6
    assert {course.translation_key for course in en_courses} == {
        course.translation_key for course in pl_courses
    }
    for course in pl_courses:
        assert course.get_parent().locale.language_code == "pl"
        assert course.get_lessons().count() == 3
    assert Page.find_problems() == ([], [], [], [], [])


def test_generated_quizzes_keep_their_ids(db):
    """A body is stored with its block and list item ids, as the editor stores it: the ids of
    a quiz's questions, which a learner's answers name, are the same on every read and in
    every translation."""
    call_command("generate_content", courses=1, lessons=3, locales="pl", no_index=True)
    lesson = LessonPage.objects.get(locale__language_code="en", slug="lesson-3")
    (quiz,) = [block for block in lesson.body.raw_data if block["type"] == "quiz"]
    question = quiz["value"]["questions"][0]
    assert question["type"] == "item" and question["id"]
    assert question["value"]["choices"][0]["type"] == "item"

    def question_ids(page):
        page = LessonPage.objects.get(pk=page.pk)  # read anew, as each request does
        return [
            child.id
            for block in page.body
            if block.block_type == "quiz"
            for child in block.value["questions"].bound_blocks
        ]

    assert question_ids(lesson) == question_ids(lesson) == [question["id"]]
    polish = LessonPage.objects.get(
        locale__language_code="pl", translation_key=lesson.translation_key
    )
    assert question_ids(polish) == [question["id"]]


def test_generate_content_translates_a_fraction(db):
    call_command("generate_content", courses=4, lessons=1, locales="de,lt", translated_fraction=0.5)
    assert CoursePage.objects.filter(locale__language_code="de").count() == 2
    assert CoursePage.objects.filter(locale__language_code="lt").count() == 2
    # Generating again adds new courses beside the first ones.
    call_command("generate_content", courses=1, lessons=1)
    assert CoursePage.objects.filter(locale__language_code="en").count() == 5


def test_generate_content_refreshes_the_cached_api_responses(db, client):
    call_command("generate_content", "--courses", "1", "--lessons", "1", "--no-index")
    url = "/api/v1/courses/?locale=en"
    assert client.get(url).json()["count"] == 1
    with CaptureQueriesContext(connection) as cached:
        assert client.get(url).json()["count"] == 1
    assert len(cached) == 0  # the second answer came from the response cache
    call_command("generate_content", "--courses", "1", "--lessons", "1", "--no-index")
    assert client.get(url).json()["count"] == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"courses": -1}, "--courses must be 0 or more"),
        ({"lessons": -2}, "--lessons must be 0 or more"),
        ({"locales": "pl,xx"}, "Unknown locale"),
        ({"locales": "en"}, "Unknown locale"),
        ({"locales": "pl,pl"}, "once"),
        ({"translated_fraction": 1.5}, "between 0 and 1"),
    ],
)
def test_generate_content_rejects_bad_arguments(db, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_content", **options)
    assert not CoursePage.objects.exists()
    assert not Page.objects.filter(depth__gt=1).exclude(slug="home").exists()
