"""Translate objects through wagtail-localize with text we already have in the target language.

The translated strings go into wagtail-localize's translation memory by a PO import, exactly as
an editor's translated PO file would. The translation is then complete in the admin's
translation editor, and "Sync translated pages" keeps it when the English source changes.

The text comes either from an unsaved copy of the object that holds the target-language text
(``translate_with_text``, for the short names and titles written in code) or from a PO file a
translator edits (``translate_with_po``, for the lessons and case studies).
"""

from collections import defaultdict
from dataclasses import dataclass

import polib
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from courses.services import publish_latest


class TranslationMismatch(ValueError):
    """The translated text does not have the shape of the source (a paragraph too many…)."""


@dataclass
class Imported:
    """What importing translated strings into one object did."""

    target: object
    changed: bool  # a translated string was added or changed, so the target was saved
    missing: int  # strings of the source without a translation: they stay in English
    unused: list  # (msgctxt, msgid) of translations that match no string of the source


def _strings_by_path(instance):
    strings = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string.data)
    return strings


def string_pairs(source, translated):
    """(context path, source string, translated string) for every translatable string.

    ``translated`` is an unsaved copy of ``source`` that holds the target-language text. Both
    must have the same shape: the same StreamField block ids and as many paragraphs per field.
    """
    source_strings = _strings_by_path(source)
    translated_strings = _strings_by_path(translated)
    pairs = []
    for path, strings in source_strings.items():
        other = translated_strings.get(path, [])
        if len(other) != len(strings):
            raise TranslationMismatch(
                f"{source}: {path} has {len(strings)} string(s) in the source "
                f"but {len(other)} in the translation"
            )
        pairs.extend(
            (path, text, translation) for text, translation in zip(strings, other, strict=True)
        )
    return pairs


def read_po(path):
    """The translations of a PO file by (msgctxt, msgid).

    Untranslated, fuzzy and obsolete entries are left out, as gettext itself does: a string a
    translator has not confirmed stays in English.
    """
    po = polib.pofile(str(path))
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in po
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def import_strings(source, locale, wanted, user=None, tool_name="Harbour demo"):
    """Translate ``source`` into ``locale`` with ``wanted``, {(context path, source string):
    translation}, then publish.

    Strings of the source that ``wanted`` lacks keep the translation they have, or stay in
    English. When the object is translated already and nothing changes, nothing is saved.
    Pages are saved as a draft and published here, so this works inside a caller's transaction
    too (wagtail-localize would otherwise publish on commit).
    """
    if isinstance(source, Page):
        source = source.specific
    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translation, _created = Translation.objects.update_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )

    po = translation.export_po()
    changed, missing, used = False, 0, set()
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in wanted:
            used.add(key)
            if entry.msgstr != wanted[key]:
                entry.msgstr = wanted[key]
                changed = True
        else:
            missing += 1
    unused = [key for key in wanted if key not in used]

    target = source.get_translation_or_none(locale)
    if changed or target is None:
        warnings = translation.import_po(po, user=user, tool_name=tool_name)
        if warnings:
            raise TranslationMismatch(f"{source}: the PO import reported {warnings}")
        is_draftable = isinstance(source, DraftStateMixin)
        translation.save_target(user=user, publish=not is_draftable)
        target = source.get_translation(locale)
        if isinstance(target, Page):
            target = publish_latest(target, user=user)
    return Imported(target=target, changed=changed, missing=missing, unused=unused)


def translate_with_text(source, locale, translated, user=None, tool_name="Harbour demo"):
    """Translate ``source`` into ``locale`` with the strings of ``translated``, then publish.

    Returns the translated object.
    """
    if isinstance(source, Page):
        source = source.specific
    wanted = {(path, text): target for path, text, target in string_pairs(source, translated)}
    return import_strings(source, locale, wanted, user=user, tool_name=tool_name).target


def translate_with_po(source, locale, path, user=None, tool_name="Harbour demo"):
    """Translate ``source`` into ``locale`` with the PO file at ``path``, then publish.

    The PO file is the one wagtail-localize exports for the object: msgctxt is the segment's
    context path and msgid its source string. Returns an ``Imported``.
    """
    return import_strings(source, locale, read_po(path), user=user, tool_name=tool_name)
