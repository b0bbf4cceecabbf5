"""A light stemmer for Latvian, which has no Snowball stemmer.

It strips one inflectional ending of the common noun declensions and of adjectives (indefinite
and definite), longest ending first, and keeps at least ``MIN_STEM`` letters, so that the forms
of one word in the running text of a course meet:

- nouns of the 1st to 6th declension: ``partneris, partnera, partnerim, partneri, partneru,
  partneriem, partnerus`` → ``partner``; ``sadarbība, sadarbības, sadarbībai, sadarbību,
  sadarbībā`` → ``sadarbīb``; ``pilsēta, pilsētas, pilsētām, pilsētās`` → ``pilsēt``;
- adjectives: ``radošs, radošā, radošais, radošajiem, radošajām, radošās`` → ``radoš``.

It is "light": it does not undo the consonant changes of some genitive plurals (``brālis`` →
``brāļu``, ``zeme`` → ``zemju``), nor derive verbs; such forms stay apart. It lowercases
nothing itself: search.analysis does that before every stemmer.
"""

MIN_STEM = 3

# Longest first: "ajiem" before "iem" before "em" … so that one strip removes the whole ending.
ENDINGS = tuple(
    sorted(
        {
            # definite adjectives
            "ajiem",
            "ajām",
            "ajās",
            "ajos",
            "ajai",
            "ajam",
            "ajā",
            "ais",
            # plural and singular cases of the six noun declensions, adjectives' short forms
            "iem",
            "ām",
            "ās",
            "ēm",
            "ēs",
            "īm",
            "īs",
            "am",
            "as",
            "ai",
            "es",
            "ei",
            "is",
            "im",
            "os",
            "us",
            "um",
            "ij",
            "a",
            "ā",
            "e",
            "ē",
            "i",
            "ī",
            "o",
            "u",
            "ū",
            "s",
            "š",
        },
        key=lambda ending: (-len(ending), ending),
    )
)


def stem(word):
    """``word`` (lowercase) without its inflectional ending."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


class LatvianStemmer:
    """The interface of snowballstemmer's stemmers, so search.analysis treats all alike."""

    def stemWord(self, word):  # noqa: N802 - snowballstemmer's name
        return stem(word)

    def stemWords(self, words):  # noqa: N802 - snowballstemmer's name
        return [stem(word) for word in words]
