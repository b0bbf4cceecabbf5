"""Honest fallbacks inside a page: the strings of a translation still in the source language.

When wagtail-localize saves a translation (publish, sync), every string segment of the source
without a ``StringTranslation`` into the target locale is written into the page in the source
language (its ``ingest_segments`` takes the source text). Those strings are read here from
wagtail-localize's own records, for many pages in one query: the ``StringSegment`` rows of
each page's source (the ``TranslationSource`` of an enabled ``Translation`` into the page's
locale) that have no valid ``StringTranslation``, as ``translation_status.is_translated``
decides for the status report too.

- The API counts them (``untranslated_segments``): what the translation editor would still
  show as to translate.
- The web page marks them (``mark_fallbacks``). The served page is walked field by field and
  block by block, exactly as wagtail-localize extracts segments (a StreamField block by its id,
  a struct block's child by name, a list item by its id, rich text paragraph by paragraph with
  ``extract_strings``), and a string whose served text is the source text of an untranslated
  segment at the same path is marked ``lang="<source code>"``: inside rich text, the paragraph's
  text is wrapped in a ``<span lang>``; a plain-text block value becomes that span (escaped);
  a page's own plain fields (title, summary) are named in ``fallback_fields`` for the template
  to put ``lang`` on their element. An image's alt text is an attribute, which HTML cannot
  mark, and is left alone. The marks change the page object of this request only, never the
  database or the API's body. A source changed since the translation was last saved has new
  segments the page does not show yet: they are counted, and nothing on the page matches them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment
from wagtail_localize.strings import StringValue, extract_strings

from .translation_status import is_translated


@dataclass
class Untranslated:
    """A page's untranslated segments: their source language and source text by path."""

    source_code: str = ""
    strings: dict = field(default_factory=lambda: defaultdict(set))
    count: int = 0


def untranslated(pages):
    """{page pk: Untranslated} for ``pages`` (any locales, sources left out): one query."""
    keys_by_locale = defaultdict(set)
    for page in pages:
        keys_by_locale[page.locale_id].add(page.translation_key)
    found = {(page.translation_key, page.locale_id): Untranslated() for page in pages}
    if not keys_by_locale:
        return {}
    wanted = Q(pk__in=[])
    for locale_id, keys in keys_by_locale.items():
        wanted |= Q(
            source__object_id__in=keys,
            source__translations__target_locale_id=locale_id,
            source__translations__enabled=True,
        ) & ~is_translated(locale_id)
    rows = (
        StringSegment.objects.filter(wanted)
        .order_by()
        .values_list(
            "source__object_id",
            "source__translations__target_locale_id",
            "source__locale__language_code",
            "context__path",
            "string__data",
        )
    )
    for key, locale_id, source_code, path, data in rows:
        entry = found.get((key, locale_id))
        if entry is None:
            continue
        entry.source_code = source_code
        entry.strings[path].add(data)
        entry.count += 1
    return {page.pk: found[(page.translation_key, page.locale_id)] for page in pages}


def untranslated_count(page):
    return untranslated([page])[page.pk].count


# --- Marking the served page ----------------------------------------------------------------


def _span(code, html):
    return format_html('<span lang="{}">{}</span>', code, html)


def _mark_rich_text(html, wanted, code):
    """``html`` (the database format) with each untranslated paragraph's text in a span."""
    template, strings = extract_strings(html)
    if not any(string.data in wanted for string, _attrs in strings):
        return html
    soup = BeautifulSoup(template, "html.parser")
    for element in soup.find_all("text"):
        string, attrs = strings[int(element.get("position"))]
        rendered = string.render_html(attrs)
        if string.data in wanted:
            # The string's HTML, as wagtail-localize restores it: safe, not to be escaped.
            rendered = str(_span(code, mark_safe(rendered)))
        element.replace_with(BeautifulSoup(rendered, "html.parser"))
    return str(soup)


def _plain_is_fallback(value, wanted):
    return isinstance(value, str) and StringValue.from_plaintext(value).data in wanted


class _Marker:
    # Struct children rendered into an attribute: HTML has no language for those.
    ATTRIBUTES = {"alt_text"}

    def __init__(self, found):
        self.strings = found.strings
        self.code = found.source_code
        self.prefixes = {path.split(".")[0] for path in self.strings}

    def under(self, path):
        return any(known == path or known.startswith(path + ".") for known in self.strings)

    def block(self, block, value, path):
        """The block's value, marked; the same object when nothing under ``path`` falls back."""
        if not self.under(path):
            return value
        if isinstance(block, blocks.StreamBlock):
            for child in value:
                child.value = self.block(child.block, child.value, f"{path}.{child.id}")
        elif isinstance(block, blocks.StructBlock):
            for name, child_block in block.child_blocks.items():
                if name not in self.ATTRIBUTES and name in value:
                    value[name] = self.block(child_block, value[name], f"{path}.{name}")
        elif isinstance(block, blocks.ListBlock):
            for item in value.bound_blocks:
                item.value = self.block(block.child_block, item.value, f"{path}.{item.id}")
        elif isinstance(block, blocks.RichTextBlock):
            marked = _mark_rich_text(value.source, self.strings.get(path, ()), self.code)
            if marked != value.source:
                return RichText(marked)
        elif isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.BlockQuoteBlock):
            if _plain_is_fallback(value, self.strings.get(path, ())):
                return _span(self.code, value)
        return value


def mark_fallbacks(page, found=None):
    """Mark ``page``'s strings served in the source language (in memory, for rendering).

    Returns ``{"fallback_fields": {names of plain page fields in the source language},
    "fallback_language": source code}`` for the page's template."""
    if found is None:
        found = untranslated([page]).get(page.pk) if page.pk else None
    if not found or not found.strings:
        return {"fallback_fields": set(), "fallback_language": ""}
    marker = _Marker(found)
    fields = set()
    for translatable in get_translatable_fields(type(page)):
        if not translatable.is_translated(page):
            continue
        model_field = translatable.get_field(type(page))
        name = model_field.name
        if name not in marker.prefixes:
            continue
        value = getattr(page, name)
        if isinstance(model_field, StreamField):
            marker.block(model_field.stream_block, value, name)
        elif isinstance(model_field, RichTextField):
            setattr(
                page, name, _mark_rich_text(value, found.strings.get(name, ()), found.source_code)
            )
        elif _plain_is_fallback(value, found.strings.get(name, ())):
            fields.add(name)
    return {"fallback_fields": fields, "fallback_language": found.source_code}
