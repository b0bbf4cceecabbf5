"""How text becomes search terms, one language at a time: the same at index and at query time.

``terms(text, language)``: the words of ``text`` (letters and digits, lowercased), without the
language's stop words, each reduced to its stem:

- en, de, da, sv, fi, et, lt, pl: the Snowball stemmers of ``snowballstemmer`` (pure Python,
  the same algorithms as PostgreSQL's and Elasticsearch's snowball filters);
- lv: ``search.analysis.latvian``, a light stemmer of noun and adjective endings (Snowball has
  none for Latvian);
- any other code, or None (objects without a language): lowercased words, unstemmed.

Stop words are Snowball's lists (``stopwords/``, the ones PostgreSQL ships) for en, de, da, sv
and fi; the Snowball family has none for et, lv, lt or pl, so every word of those counts.

``analyse(text, language)`` is ``terms`` joined by spaces: what the database backends store in
the full-text index (search.backends), so that an inflected query meets the text's own form.
Pure Python, no Django. Snowball in pure Python takes 15–150 µs a word, so each language's
stems are remembered (``term``'s cache): a text's vocabulary repeats, and indexing pays for each
distinct word once.
"""

import re
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

from .latvian import LatvianStemmer

SNOWBALL_ALGORITHMS = {
    "en": "english",
    "de": "german",
    "da": "danish",
    "sv": "swedish",
    "fi": "finnish",
    "et": "estonian",
    "lt": "lithuanian",
    "pl": "polish",
}
STOP_WORD_LANGUAGES = ("en", "de", "da", "sv", "fi")
STEMMED_LANGUAGES = (*SNOWBALL_ALGORITHMS, "lv")

_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS = Path(__file__).parent / "stopwords"


@cache
def stemmer(language):
    """The stemmer of ``language``, or None where there is none."""
    if language == "lv":
        return LatvianStemmer()
    algorithm = SNOWBALL_ALGORITHMS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@cache
def stop_words(language):
    if language not in STOP_WORD_LANGUAGES:
        return frozenset()
    text = (_STOP_WORDS / f"{language}.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def words(text):
    """The lowercased words of ``text``, as every analysis and the highlighter split it."""
    return _WORD.findall((text or "").lower())


@lru_cache(maxsize=200_000)
def term(word, language):
    """One lowercased word's stem in ``language``; None for a stop word."""
    if word in stop_words(language):
        return None
    stem = stemmer(language)
    return stem.stemWord(word) if stem else word


def terms(text, language):
    """The search terms of ``text`` in ``language``, in order."""
    out = []
    for word in words(text):
        found = term(word, language)
        if found:
            out.append(found)
    return out


def analyse(text, language):
    """``text`` as the index stores it for ``language``."""
    return " ".join(terms(text, language))
