"""Honest fallbacks inside a page (courses/fallback_text.py): strings of a translation that
wagtail-localize serves in English are marked lang="en" on the page and counted in the API."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from courses import fallback_text
from courses.models import LessonPage
from tests import factories
from tests.courses.translation_helpers import publish_translation, submit, translate_fully

pytestmark = pytest.mark.django_db


def translate_only(page, locale, translated):
    """Translate the segments of ``page`` whose English is in ``translated`` ({English:
    Polish}); the others stay untranslated. Then publish, as the translation editor does."""
    submit(page, locale)
    source = TranslationSource.objects.get_for_instance(page)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if segment.string.data in translated:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=translated[segment.string.data],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
    return publish_translation(page, locale)


@pytest.fixture
def polish_lesson(course, locales):
    pl = locales["pl"]
    for page in (course.get_parent().get_parent(), course.get_parent(), course):
        translate_fully(page, pl)
    lesson = factories.LessonPageFactory(
        parent=course,
        locale=course.locale,
        title="Working together",
        summary="How partners share the work.",
        body=[
            {"type": "heading", "value": {"text": "Plan the work", "level": "h2"}},
            {
                "type": "rich_text",
                "value": "<p>Agree on roles first.</p><p>Write down <b>who</b> does what.</p>",
            },
            {"type": "quote", "value": {"text": "Trust takes time.", "attribution": "Ada"}},
        ],
    )
    translated = translate_only(
        lesson,
        pl,
        {
            "Working together": "Współpraca",
            "Agree on roles first.": "Najpierw uzgodnijcie role.",
            "Ada": "Ada",
        },
    )
    return lesson, translated


def test_the_untranslated_segments_are_counted_from_wagtail_localizes_records(polish_lesson):
    lesson, translated = polish_lesson
    found = fallback_text.untranslated([lesson, translated])
    assert found[lesson.pk].count == 0  # English is the source: nothing to translate
    # The summary, the heading, the second paragraph and the quote's text stay in English.
    assert found[translated.pk].source_code == "en"
    assert found[translated.pk].strings["summary"] == {"How partners share the work."}
    assert found[translated.pk].count == len(
        [data for strings in found[translated.pk].strings.values() for data in strings]
    )
    assert "Write down <b>who</b> does what." in {
        data for strings in found[translated.pk].strings.values() for data in strings
    }


def test_the_count_of_many_pages_is_one_query(polish_lesson, course, locales):
    lesson, translated = polish_lesson
    others = [translate_fully(page, locales["lt"]) for page in LessonPage.objects.child_of(course)]
    pages = [translated, *others]
    with CaptureQueriesContext(connection) as queries:
        found = fallback_text.untranslated(pages)
    assert len(queries) == 1
    assert found[translated.pk].count > 0
    assert all(found[page.pk].count == 0 for page in others)


def test_the_lesson_page_marks_what_is_still_in_english(polish_lesson, client):
    _lesson, translated = polish_lesson
    with translation.override("pl"):
        url = translated.url
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    article = soup.select_one("article.lesson-body")
    assert article.get("lang") is None  # a Polish page, not a fallback

    assert soup.h1.get_text() == "Współpraca" and soup.h1.get("lang") is None
    assert soup.select_one("p.lead")["lang"] == "en"

    paragraphs = article.select(".block--rich_text p")
    assert paragraphs[0].get_text() == "Najpierw uzgodnijcie role."
    assert not paragraphs[0].select("[lang]")
    marked = paragraphs[1].select_one("span[lang=en]")
    assert marked is not None and marked.decode_contents() == "Write down <b>who</b> does what."

    heading = article.select_one(".block--heading h2")
    assert heading.select_one("span[lang=en]").get_text() == "Plan the work"
    quote = article.select_one(".block--quote blockquote")
    assert quote.select_one("p span[lang=en]").get_text() == "Trust takes time."
    assert quote.footer.get_text() == "Ada" and not quote.footer.select("[lang]")
    # Marked once, whatever is written in English: nothing of the markup shows as text.
    assert "&lt;span" not in response.content.decode()


def test_a_fully_translated_page_marks_nothing(course, locales, client):
    pl = locales["pl"]
    for page in (course.get_parent().get_parent(), course.get_parent(), course):
        translate_fully(page, pl)
    lesson = translate_fully(LessonPage.objects.child_of(course).first(), pl)
    with translation.override("pl"):
        response = client.get(lesson.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select("main [lang]")
    assert fallback_text.untranslated([lesson])[lesson.pk].count == 0


def test_the_api_says_how_many_segments_are_untranslated(polish_lesson, client):
    lesson, translated = polish_lesson
    body = client.get(f"/api/v1/lessons/{translated.pk}/").json()
    expected = fallback_text.untranslated([translated])[translated.pk].count
    assert body["locale"] == "pl" and body["untranslated_segments"] == expected >= 4
    # The API's body is the page's text as stored: no markup of the web page in it.
    assert "lang=" not in str(body["body"])
    english = client.get(f"/api/v1/lessons/{lesson.pk}/").json()
    assert english["untranslated_segments"] == 0
    course = client.get(f"/api/v1/courses/{lesson.get_parent().pk}/?locale=pl").json()
    assert course["locale"] == "pl" and course["untranslated_segments"] == 0
