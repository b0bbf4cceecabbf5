"""Search relevance on the demo content: a judged query set and its hit@3.

    .venv/bin/python bench/relevance.py                 # a scratch SQLite database in bench/out/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/harbour_relevance \\
        .venv/bin/python bench/relevance.py

For each language with demo content (en, de, pl, lt) at least eight queries, each worded in
forms that differ from the text's (plural for singular, another case, another person of the
verb), and for lv, et and fi, which have no content of their own, queries a learner there
types to find the English pages (names of places and partners, English words). Each query
names the pages that must be among its first three hits, by type and English slug: the hit may
be any translation of that page (the one served in the language searched).

hit@3 of a language is the share of its queries whose judged pages are all in the top three.
tests/search/test_relevance.py runs the same set on the test database (SQLite, and PostgreSQL
when DATABASE_URL points at it) and requires at least 0.9 for every language.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.9

LESSON, COURSE, CASE, PARTNER = "lesson", "course", "case_study", "partner"

JUDGED = {
    "en": [
        ("cooperating across border", [(LESSON, "why-cooperate-across-borders")]),
        ("choose partner", [(LESSON, "finding-and-choosing-partners")]),
        ("joint projects", [(LESSON, "running-a-joint-project")]),
        ("lasting results", [(LESSON, "making-results-last")]),
        ("consultancies offered", [(LESSON, "what-creative-consultancy-offers")]),
        ("shaped local offers", [(LESSON, "shaping-a-local-offer")]),
        ("strategies shared with neighbour", [(LESSON, "a-strategy-shared-with-neighbours")]),
        ("port creative business", [(CASE, "creative-ports")]),
        ("small town cluster", [(CASE, "south-baltic-creative-clusters")]),
        ("networks meeting", [(CASE, "cci-contact-desk-network-meeting-2024")]),
    ],
    "de": [
        ("Zusammenarbeit Grenze", [(LESSON, "why-cooperate-across-borders")]),
        ("Partnern auswählen", [(LESSON, "finding-and-choosing-partners")]),
        ("gemeinsamen Projekten", [(LESSON, "running-a-joint-project")]),
        ("Ergebnissen dauerhafte", [(LESSON, "making-results-last")]),
        ("Kreativunternehmens Ostsee", [(CASE, "creative-ports")]),
        ("kleinen Orten Strategien", [(CASE, "south-baltic-creative-clusters")]),
        ("Netzwerkes Weitermachen", [(CASE, "cci-contact-desk-network-meeting-2024")]),
        ("Grenzen Kreativunternehmens", [(COURSE, "working-across-borders")]),
        ("Goethe-Instituts", [(PARTNER, "goethe-institut")]),
    ],
    "pl": [
        ("dlaczego współpracować granice", [(LESSON, "why-cooperate-across-borders")]),
        ("partnerami wybrać", [(LESSON, "finding-and-choosing-partners")]),
        ("wspólny projekt", [(LESSON, "running-a-joint-project")]),
        ("rezultatów", [(LESSON, "making-results-last")]),
        ("firmom kreatywnym Bałtyk", [(CASE, "creative-ports")]),
        ("małych miejscowościach strategii", [(CASE, "south-baltic-creative-clusters")]),
        ("potrzeby sieci", [(CASE, "cci-contact-desk-network-meeting-2024")]),
        ("modułu firmy", [(COURSE, "working-across-borders")]),
        ("partnerzy Szczecinie", [(CASE, "south-baltic-creative-clusters")]),
    ],
    "lt": [
        ("bendradarbiavimas sienos", [(LESSON, "why-cooperate-across-borders")]),
        ("partnerių pasirinkti", [(LESSON, "finding-and-choosing-partners")]),
        ("bendras projektas", [(LESSON, "running-a-joint-project")]),
        ("išsaugotų rezultatų", [(LESSON, "making-results-last")]),
        ("kūrybinis verslas Baltija", [(CASE, "creative-ports")]),
        ("mažose vietovėse strategijos", [(CASE, "south-baltic-creative-clusters")]),
        ("tinklas gyvuotų", [(CASE, "cci-contact-desk-network-meeting-2024")]),
        ("darbą kūrybinių verslų", [(COURSE, "working-across-borders")]),
        ("Goethe instituto", [(PARTNER, "goethe-institut")]),
    ],
    # No content of their own: the English version is found, marked as fallback.
    "lv": [
        ("partners", [(LESSON, "finding-and-choosing-partners")]),
        ("Goethe", [(PARTNER, "goethe-institut")]),
        ("Tallinn", [(PARTNER, "tallinn-business-incubators")]),
        ("cross-border project", [(LESSON, "running-a-joint-project")]),
        ("Contact Desk", [(CASE, "cci-contact-desk-network-meeting-2024")]),
    ],
    "et": [
        ("Tallinn", [(PARTNER, "tallinn-business-incubators")]),
        ("incubators", [(PARTNER, "tallinn-business-incubators")]),
        ("joint project", [(LESSON, "running-a-joint-project")]),
        ("network meeting", [(CASE, "cci-contact-desk-network-meeting-2024")]),
        ("creative clusters", [(CASE, "south-baltic-creative-clusters")]),
    ],
    "fi": [
        ("Goethe", [(PARTNER, "goethe-institut")]),
        ("cooperation", [(LESSON, "why-cooperate-across-borders")]),
        ("design thinking", [(LESSON, "what-creative-consultancy-offers")]),
        ("results", [(LESSON, "making-results-last")]),
        ("Karlshamn", [(CASE, "south-baltic-creative-clusters")]),
    ],
}


def _group_keys():
    """{(type, English slug): translation key} of the demo's English pages and partners."""
    from wagtail.models import Locale

    from search.services import SEARCH_TYPES

    english = Locale.objects.get(language_code="en")
    keys = {}
    for name, search_type in SEARCH_TYPES.items():
        rows = search_type.model._default_manager.filter(locale=english)
        for slug, key in rows.values_list("slug", "translation_key"):
            keys[(name, slug)] = key
    return keys


def evaluate(judged=JUDGED):
    """{language: {"hit_at_3": float, "queries": n, "misses": [(query, top three)]}}."""
    from search import services
    from search.services import SEARCH_TYPES

    keys = _group_keys()
    report = {}
    for language, queries in judged.items():
        hits, misses = 0, []
        for query, expected in queries:
            top = services.search(query, language, page_size=3).hits[:3]
            found = set()
            for hit in top:
                model = SEARCH_TYPES[hit.type].model
                key = model._default_manager.filter(pk=hit.id).values_list(
                    "translation_key", flat=True
                )[0]
                found.add((hit.type, key))
            wanted = {(kind, keys[(kind, slug)]) for kind, slug in expected}
            if wanted <= found:
                hits += 1
            else:
                misses.append((query, [(hit.type, hit.title) for hit in top]))
        report[language] = {
            "hit_at_3": hits / len(queries),
            "queries": len(queries),
            "misses": misses,
        }
    return report


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{out / 'relevance.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", verbosity=0)
    call_command("update_index", verbosity=0)
    report = evaluate()
    print(f"backend: {connection.vendor}")
    print("| language | queries | hit@3 |")
    print("|---|---|---|")
    for language, row in report.items():
        print(f"| {language} | {row['queries']} | {row['hit_at_3']:.2f} |")
    for language, row in report.items():
        for query, top in row["misses"]:
            print(f"miss {language} {query!r}: {top}")


if __name__ == "__main__":
    main()
