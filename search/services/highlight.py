"""Excerpts of search hits with the matched words marked."""

import html
import re

from django.utils.safestring import mark_safe
from wagtail.search import index

from .types import SNIPPET_LENGTH


def _text_of(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_text_of(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text_of(item) for item in value.values())
    return str(value)


def body_text(obj):
    """The object's searchable text other than its title, in the order its search_fields give."""
    title, parts = str(obj), []
    for search_field in obj.get_search_fields():
        if isinstance(search_field, index.SearchField) and search_field.field_name != "title":
            text = _text_of(search_field.get_value(obj))
            if text != title:
                parts.append(text)
    return re.sub(r"\s+", " ", html.unescape(" ".join(parts))).strip()


def _term_pattern(query):
    # Query words as prefixes, shortened a little so that a stemmed match ("Netzwerke" finding
    # "Netzwerk") is marked too.
    stems = {
        word[: max(4, len(word) - 2)] if len(word) > 4 else word for word in query.split() if word
    }
    if not stems:
        return None
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, query, length=SNIPPET_LENGTH):
    """An HTML-escaped excerpt of ``text`` around the first matched word, matches in <mark>."""
    if not text:
        return mark_safe("")
    pattern = _term_pattern(query)
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0] + " …"
    if start:
        excerpt = "… " + excerpt
    if pattern is None:
        return mark_safe(html.escape(excerpt))
    out, position = [], 0
    for match in pattern.finditer(excerpt):
        out.append(html.escape(excerpt[position : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    out.append(html.escape(excerpt[position:]))
    return mark_safe("".join(out))
