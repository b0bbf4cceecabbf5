"""Translate objects through wagtail-localize with text we already have in the target language.

The translated strings go into wagtail-localize's translation memory by a PO import, exactly as
an editor's translated PO file would. The translation is then complete in the admin's
translation editor, and "Sync translated pages" keeps it when the English source changes.
"""

from collections import defaultdict

from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from courses.services import publish_latest


class TranslationMismatch(ValueError):
    """The translated text does not have the shape of the source (a paragraph too many…)."""


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


def translate_with_text(source, locale, translated, user=None, tool_name="Harbour demo"):
    """Translate ``source`` into ``locale`` with the strings of ``translated``, then publish.

    Returns the translated object. Pages are saved as a draft and published here, so this works
    inside a caller's transaction too (wagtail-localize would otherwise publish on commit).
    """
    if isinstance(source, Page):
        source = source.specific
    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translation, _created = Translation.objects.update_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )

    wanted = {(path, text): target for path, text, target in string_pairs(source, translated)}
    po = translation.export_po()
    for entry in po:
        if not entry.obsolete and (entry.msgctxt, entry.msgid) in wanted:
            entry.msgstr = wanted[(entry.msgctxt, entry.msgid)]
    warnings = translation.import_po(po, user=user, tool_name=tool_name)
    if warnings:
        raise TranslationMismatch(f"{source}: the PO import reported {warnings}")

    is_draftable = isinstance(source, DraftStateMixin)
    translation.save_target(user=user, publish=not is_draftable)
    target = source.get_translation(locale)
    if isinstance(target, Page):
        target = publish_latest(target, user=user)
    return target
