"""Excerpts of search hits with the matched words marked."""

import html
import re

from django.utils.safestring import mark_safe
from wagtail.search import index

from .. import analysis
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


_WORD = re.compile(r"[^\W_]+")


def _matches(text, query, language):
    """The spans of the words of ``text`` that have the same search term as a query word in
    ``language`` (search.analysis), in order: "Festiwale" is marked for "festiwalami"."""
    wanted = set(analysis.terms(query, language))
    if not wanted:
        return
    for match in _WORD.finditer(text):
        if analysis.term(match.group().lower(), language) in wanted:
            yield match.span()


def highlight(text, query, language=None, length=SNIPPET_LENGTH):
    """An HTML-escaped excerpt of ``text`` around the first matched word, matches in <mark>."""
    if not text:
        return mark_safe("")
    # Only the first match of the whole text places the excerpt.
    first = next(_matches(text, query, language), None)
    start = 0
    if first and first[0] > length // 3:
        start = text.rfind(" ", 0, first[0] - length // 3) + 1
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0] + " …"
    if start:
        excerpt = "… " + excerpt
    out, position = [], 0
    for match_start, match_end in _matches(excerpt, query, language):
        out.append(html.escape(excerpt[position:match_start]))
        out.append(f"<mark>{html.escape(excerpt[match_start:match_end])}</mark>")
        position = match_end
    out.append(html.escape(excerpt[position:]))
    return mark_safe("".join(out))
