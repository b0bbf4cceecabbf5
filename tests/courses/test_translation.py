"""Translating with wagtail-localize: a course with its lessons, sync, snippets, PO files,
and the admin screens editors use for it."""

import polib
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator, translate_page_subtree

from courses.models import LessonPage, Partner
from tests import factories


def translate_course(course, locale, user=None):
    """What the admin's "Translate" action does with "include subtree" ticked."""
    TranslationCreator(user, [locale]).create_translations(course)
    translate_page_subtree(course.pk, [locale], None, user)
    return course.get_translation(locale)


def fill_po(translation, translations):
    """Answer every PO entry whose msgid is in ``translations``; return the PO file."""
    po = translation.export_po()
    for entry in po:
        entry.msgstr = translations.get(entry.msgid, entry.msgstr)
    return po


@pytest.mark.django_db
def test_translating_a_course_with_its_lessons_into_polish(course, locales):
    pl = locales["pl"]
    pl_course = translate_course(course, pl)

    assert pl_course.locale == pl
    assert pl_course.translation_key == course.translation_key
    pl_index = pl_course.get_parent()
    assert pl_index.locale == pl
    assert pl_index.translation_key == course.get_parent().translation_key
    pl_lessons = LessonPage.objects.child_of(pl_course).order_by("path")
    en_lessons = LessonPage.objects.child_of(course).order_by("path")
    assert [lesson.translation_key for lesson in pl_lessons] == [
        lesson.translation_key for lesson in en_lessons
    ]
    assert all(lesson.locale == pl for lesson in pl_lessons)
    # The quiz, answers included, is carried over to the translated lesson.
    assert pl_lessons[1].quiz_blocks()[0].value["questions"][0]["choices"][0]["correct"] is True
    assert Translation.objects.filter(target_locale=pl).count() == 4


@pytest.mark.django_db
def test_a_change_to_the_english_lesson_reaches_polish_after_sync(
    course, locales, django_capture_on_commit_callbacks
):
    pl = locales["pl"]
    translate_course(course, pl)
    lesson = LessonPage.objects.child_of(course).first()
    source = TranslationSource.objects.get_for_instance(lesson)
    translation = Translation.objects.get(source=source, target_locale=pl)

    lesson.title = "Finding partners"
    lesson.save_revision().publish()
    # "Sync translated pages": refresh the source, translate the new string, update the target.
    source.update_from_db()
    translation.import_po(fill_po(translation, {"Finding partners": "Szukanie partnerów"}))
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    pl_lesson = lesson.get_translation(pl)
    assert pl_lesson.title == "Szukanie partnerów"
    assert pl_lesson.live
    assert not pl_lesson.has_unpublished_changes


@pytest.mark.django_db
def test_partner_translation_translates_the_name_and_synchronises_the_address(locales):
    de = locales["de"]
    partner = factories.PartnerFactory(
        name="Media Dizajn Association",
        address="Bandurskiego 96/23",
        postcode="71-685",
        city="Szczecin",
        description="A design organisation.",
    )
    TranslationCreator(None, [de]).create_translations(partner)
    translation = Translation.objects.get(
        source__object_id=partner.translation_key, target_locale=de
    )
    translation.import_po(
        fill_po(
            translation,
            {
                "Media Dizajn Association": "Verein Media Dizajn",
                "A design organisation.": "Eine Organisation für Design.",
            },
        )
    )
    translation.save_target()
    de_partner = partner.get_translation(de)
    assert (de_partner.name, de_partner.description) == (
        "Verein Media Dizajn",
        "Eine Organisation für Design.",
    )
    assert (de_partner.address, de_partner.postcode, de_partner.city) == (
        "Bandurskiego 96/23",
        "71-685",
        "Szczecin",
    )

    # Synchronised fields follow the source on the next sync; the translated name stays.
    partner.address = "Bandurskiego 98"
    partner.save()
    translation.source.update_from_db()
    translation.save_target()
    de_partner.refresh_from_db()
    assert de_partner.address == "Bandurskiego 98"
    assert de_partner.name == "Verein Media Dizajn"
    assert Partner.objects.filter(translation_key=partner.translation_key).count() == 2


@pytest.mark.django_db
def test_po_file_round_trip_through_the_admin(admin_client, course, locales):
    pl_course = translate_course(course, locales["pl"])
    translation = Translation.objects.get(
        source__object_id=course.translation_key, target_locale=locales["pl"]
    )

    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert course.title in [entry.msgid for entry in po]
    for entry in po:
        if entry.msgid == course.title:
            entry.msgstr = "Kurs współpracy"
    upload = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("course-pl.po", str(po).encode()), "next": "/admin/"},
    )
    assert upload.status_code == 302
    assert StringTranslation.objects.filter(locale=locales["pl"], data="Kurs współpracy").exists()

    translation.save_target(publish=False)
    pl_course.refresh_from_db()
    assert pl_course.get_latest_revision_as_object().title == "Kurs współpracy"


@pytest.mark.django_db
def test_a_po_file_for_another_translation_changes_nothing(admin_client, course, locales):
    translate_course(course, locales["pl"])
    translate_course(course, locales["de"])
    pl, de = (
        Translation.objects.get(
            source__object_id=course.translation_key, target_locale=locales[code]
        )
        for code in ("pl", "de")
    )
    po = fill_po(de, {course.title: "Ein Kurs"})
    before = StringTranslation.objects.count()
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[pl.pk]),
        {"file": SimpleUploadedFile("course-de.po", str(po).encode()), "next": "/admin/"},
    )
    assert response.status_code == 302
    assert StringTranslation.objects.count() == before


@pytest.mark.django_db
def test_editor_screens_load(admin_client, course, locales):
    factories.PartnerFactory()
    pl_course = translate_course(course, locales["pl"])
    lesson = course.get_children().first()
    urls = [
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        # A translated page opens in wagtail-localize's translation editor.
        reverse("wagtailadmin_pages:edit", args=[pl_course.pk]),
        reverse("wagtail_localize:submit_page_translation", args=[course.pk]),
        reverse("wagtailsnippets_courses_partner:list"),
        reverse("wagtailsnippets_courses_country:list"),
        reverse("wagtailsnippets_courses_subsector:list"),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", ["home", "course_index", "course", "lesson", "case_study_index", "case_study"]
)
def test_preview_renders_each_page_type(course, case_study_index, kind):
    """Wagtail's preview of each page type; tests/admin/test_previews.py goes through the
    admin's preview views, with the edit form unsaved, a page being created and a draft."""
    pages = {
        "home": course.get_parent().get_parent(),
        "course_index": course.get_parent(),
        "course": course,
        "lesson": course.get_children().first(),
        "case_study_index": case_study_index,
        "case_study": factories.CaseStudyPageFactory(parent=case_study_index, locale=course.locale),
    }
    page = pages[kind].specific
    page.title = "Draft title in preview"
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "Draft title in preview" in response.content.decode()


@pytest.mark.django_db
def test_partner_preview_renders(rf):
    partner = factories.PartnerFactory(name="Kreativum Science Center")
    request = rf.get("/")
    request.user = AnonymousUser()
    response = partner.serve_preview(request, partner.default_preview_mode)
    assert response.status_code == 200
    assert "Kreativum Science Center" in response.rendered_content
