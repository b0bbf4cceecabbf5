"""Relevance on the demo content: the judged query set of bench/relevance.py, with at least
0.9 hit@3 in every language, on the test database's backend (SQLite or PostgreSQL)."""

import pytest
from django.core.management import call_command

from bench.relevance import GOAL, JUDGED, evaluate


@pytest.mark.django_db
def test_judged_queries_find_their_pages_in_the_top_three_in_every_language():
    call_command("load_demo_content", verbosity=0)
    report = evaluate()
    assert set(report) == {"en", "de", "pl", "lt", "lv", "et", "fi"}
    for language in ("en", "de", "pl", "lt"):
        assert len(JUDGED[language]) >= 8
    below = {language: row for language, row in report.items() if row["hit_at_3"] < GOAL}
    assert not below, below
