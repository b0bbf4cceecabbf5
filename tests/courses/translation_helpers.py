"""Translating pages through wagtail-localize in tests, as the admin does: submit a page for
translation, translate some or all of its segments, publish the translation. Shared by the
translation status, fallback and browser tests."""

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from courses.models import LessonPage
from courses.services import publish_latest
from tests import factories
from tests.api.conftest import translate as copy_translation


def submit(page, locale):
    """ "Translate" into ``locale``: a source, a translation and a draft of the target, as
    courses/services.py's ensure_locale_structure makes them."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.save_target(publish=False)
    return translation


def translate_segments(page, locale, share=1.0):
    """A translator's work: StringTranslations for ``share`` of the page's source segments."""
    source = TranslationSource.objects.get_for_instance(page)
    segments = list(
        StringSegment.objects.filter(source=source).select_related("string").order_by("order")
    )
    for segment in segments[: round(len(segments) * share)]:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": f"{segment.string.data} ({locale.language_code})",
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    return len(segments)


def publish_translation(page, locale):
    """ "Publish" in the translation editor: the target with the strings translated so far."""
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page), target_locale=locale
    )
    translation.save_target(publish=False)
    return publish_latest(page.get_translation(locale))


def translate_fully(page, locale):
    submit(page, locale)
    translate_segments(page, locale)
    return publish_translation(page, locale)


def lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def republish(page, **fields):
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_translated_courses(course_index, locales, count, start=0):
    """Courses of two lessons: in Polish half translated, in German copied without
    wagtail-localize, in Lithuanian translated and then changed in English."""
    for number in range(start, start + count):
        course = factories.CoursePageFactory(
            parent=course_index, locale=course_index.locale, title=f"Course {number:03d}"
        )
        for lesson_number in (1, 2):
            factories.LessonPageFactory(
                parent=course, locale=course.locale, title=f"Lesson {number}.{lesson_number}"
            )
        for page in [course, *lessons(course)]:
            submit(page, locales["pl"])
            translate_segments(page, locales["pl"], share=0.5)
            translate_fully(page, locales["lt"])
        copy_translation(course, "de")
        republish(lessons(course)[1], title=f"Lesson {number}.2, revised")
