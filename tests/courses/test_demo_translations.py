"""The demo's translations are PO files a translator edits; load_demo_content imports them
through wagtail-localize."""

import shutil

import polib
import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from courses.demo.case_studies import CASE_STUDIES
from courses.demo.loader import CASE_STUDIES_FOLDER, TRANSLATIONS
from courses.demo.modules.working_across_borders import en
from courses.models import CaseStudyPage, CoursePage, LessonPage

LANGUAGES = ["de", "pl", "lt"]
PO_FILES = sorted(TRANSLATIONS.rglob("*.po"))
LESSON = "making-results-last"


def english_page(path):
    """The English page a PO file under ``translations/<language>/`` translates."""
    folder = path.parent.name
    if folder == CASE_STUDIES_FOLDER:
        return CaseStudyPage.objects.get(locale__language_code="en", slug=path.stem)
    course = CoursePage.objects.get(locale__language_code="en", slug=folder)
    if path.stem == "course":
        return course
    return LessonPage.objects.child_of(course).get(slug=path.stem)


def msgstr(po, msgctxt):
    return next(entry.msgstr for entry in po if entry.msgctxt == msgctxt)


def test_every_page_has_a_po_file_in_every_language():
    expected = set()
    for code in LANGUAGES:
        module = TRANSLATIONS / code / en.MODULE["slug"]
        expected.add(module / "course.po")
        expected.update(module / f"{lesson['slug']}.po" for lesson in en.MODULE["lessons"])
        expected.update(
            TRANSLATIONS / code / CASE_STUDIES_FOLDER / f"{data['slug']}.po"
            for data in CASE_STUDIES
        )
    assert set(PO_FILES) == expected


@pytest.mark.parametrize("path", PO_FILES, ids=lambda path: str(path.relative_to(TRANSLATIONS)))
def test_po_file_is_a_complete_translation(path):
    po = polib.pofile(str(path))
    language = path.relative_to(TRANSLATIONS).parts[0]
    assert po.metadata["Language"] == language
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    # A header tied to one database's translation would make wagtail-localize ignore the file.
    assert "X-WagtailLocalize-TranslationID" not in po.metadata
    assert len(po) > 0
    assert po.percent_translated() == 100
    assert not po.fuzzy_entries() and not po.obsolete_entries()
    keys = [(entry.msgctxt, entry.msgid) for entry in po]
    assert len(keys) == len(set(keys))
    assert all(entry.msgctxt for entry in po)
    assert msgstr(po, "title") and msgstr(po, "slug")


@pytest.mark.django_db
def test_load_imports_every_po_file_completely(capsys):
    call_command("load_demo_content")
    assert "Warning" not in capsys.readouterr().err

    for path in PO_FILES:
        po = polib.pofile(str(path))
        source = english_page(path)
        locale = Locale.objects.get(language_code=po.metadata["Language"])
        translation = Translation.objects.get(
            source__object_id=source.translation_key, target_locale=locale
        )
        total, done = translation.get_progress()
        assert total == done == len(po), path
        memory = set(
            StringTranslation.objects.filter(
                locale=locale, context__object_id=source.translation_key
            ).values_list("context__path", "translation_of__data", "data")
        )
        assert memory == {(entry.msgctxt, entry.msgid, entry.msgstr) for entry in po}, path
        target = source.get_translation(locale)
        assert target.live and not target.has_unpublished_changes
        assert (target.title, target.slug) == (msgstr(po, "title"), msgstr(po, "slug"))

    po = polib.pofile(str(TRANSLATIONS / "pl" / en.MODULE["slug"] / f"{LESSON}.po"))
    pl_lesson = LessonPage.objects.get(locale__language_code="pl", slug=msgstr(po, "slug"))
    heading = pl_lesson.body[0]
    assert heading.block_type == "heading"
    assert heading.value["text"] == msgstr(po, f"body.{heading.id}.text")


def edit(path, changes=None, remove=()):
    """Set the msgstr of the entries named by msgctxt in ``changes``, drop those in ``remove``."""
    po = polib.pofile(str(path))
    for entry in list(po):
        if entry.msgctxt in remove:
            po.remove(entry)
        elif entry.msgctxt in (changes or {}):
            entry.msgstr = changes[entry.msgctxt]
    po.save(str(path))
    return po


@pytest.mark.django_db
def test_an_edited_po_file_changes_the_page(tmp_path, capsys):
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, translations)
    path = translations / "pl" / en.MODULE["slug"] / f"{LESSON}.po"
    heading = next(entry for entry in polib.pofile(str(path)) if entry.comment == "heading: text")
    edit(path, {"title": "Jak sprawić, by rezultaty przetrwały"}, remove=[heading.msgctxt])

    call_command("load_demo_content", translations=translations)
    err = capsys.readouterr().err
    assert f"{path}: 1 string(s) have no translation and stay in English" in err
    assert err.count("Warning") == 1

    en_lesson = LessonPage.objects.get(locale__language_code="en", slug=LESSON)
    pl = Locale.objects.get(language_code="pl")
    pl_lesson = en_lesson.get_translation(pl)
    assert pl_lesson.title == "Jak sprawić, by rezultaty przetrwały" != en_lesson.title
    # The string missing from the PO file falls back to the English; the others are Polish.
    assert pl_lesson.body[0].id == en_lesson.body[0].id
    assert pl_lesson.body[0].value["text"] == heading.msgid == en_lesson.body[0].value["text"]
    assert "Projekty się kończą" in pl_lesson.body[1].value.source
    translation = Translation.objects.get(
        source__object_id=en_lesson.translation_key, target_locale=pl
    )
    total, done = translation.get_progress()
    assert done == total - 1

    # Loading again leaves translated pages alone, unless asked to update them.
    po = edit(path, {"title": "Rezultaty, które zostają"})
    po.append(
        polib.POEntry(msgctxt=heading.msgctxt, msgid=heading.msgid, msgstr="Zapisz to od razu")
    )
    po.save(str(path))
    revisions = pl_lesson.revisions.count()
    call_command("load_demo_content", translations=translations)
    pl_lesson.refresh_from_db()
    assert pl_lesson.title == "Jak sprawić, by rezultaty przetrwały"
    assert pl_lesson.revisions.count() == revisions

    capsys.readouterr()
    call_command("load_demo_content", translations=translations, update_translations=True)
    captured = capsys.readouterr()
    assert "Warning" not in captured.err
    assert "translated into pl: course and 4 lessons (1 updated from the PO files)" in captured.out
    assert "translated into de: course and 4 lessons (0 updated from the PO files)" in captured.out
    pl_lesson.refresh_from_db()
    assert pl_lesson.title == "Rezultaty, które zostają"
    assert pl_lesson.body[0].value["text"] == "Zapisz to od razu"
    assert pl_lesson.live and not pl_lesson.has_unpublished_changes
    total, done = translation.get_progress()
    assert done == total

    # Updating again with the same files changes nothing.
    revisions = pl_lesson.revisions.count()
    call_command("load_demo_content", translations=translations, update_translations=True)
    assert "(0 updated from the PO files)" in capsys.readouterr().out
    assert pl_lesson.revisions.count() == revisions
