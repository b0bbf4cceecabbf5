"""Every UI string is translated in every language's catalogue."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\w+\}")


def catalogue(code):
    path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    return polib.pofile(str(path))


def untranslated(po):
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            yield entry.msgid, "fuzzy"
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                yield entry.msgid, "a plural form is empty"
        elif not entry.msgstr:
            yield entry.msgid, "empty"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete(code):
    po = catalogue(code)
    assert len(po) > 0
    assert not po.metadata_is_fuzzy, f"{code}: the header is marked fuzzy"
    problems = list(untranslated(po))
    assert not problems, f"{code}: {len(problems)} untranslated: {problems[:10]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_their_placeholders(code):
    wrong = []
    for entry in catalogue(code):
        if entry.obsolete:
            continue
        pairs = (
            [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for source, text in pairs:
            if text and set(PLACEHOLDER.findall(source)) - {"%(counter)s"} != set(
                PLACEHOLDER.findall(text)
            ) - {"%(counter)s"}:
                wrong.append((source, text))
    assert not wrong, f"{code}: placeholders differ: {wrong[:5]}"


def test_every_language_has_a_catalogue():
    assert sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")) == (
        sorted(LANGUAGES)
    )
