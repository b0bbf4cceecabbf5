"""Match-making's ranking: complementarity first (their offers meet my needs, their needs meet
my offers), then a shared subsector, then another country; ties by name; reasons named in the
reader's language."""

import pytest
from django.utils import translation

from lms.i18n import requested_locale
from network import matching
from network.matching import Candidate, Seeker, rank
from network.models import Competency, MatchProfile, PartnerCompetencies
from tests import factories
from tests.api.conftest import translate_snippet

ME = Seeker(
    offers=frozenset({"mentoring"}),
    seeks=frozenset({"market-entry", "funding"}),
    country="PL",
    subsectors=frozenset({"design"}),
)


def names(matches):
    return [m.candidate.name for m in matches]


def test_what_they_offer_and_I_seek_weighs_more_than_what_they_seek_and_I_offer():
    offers = Candidate(key=1, name="Offers", offers=frozenset({"market-entry"}), country="PL")
    seeks = Candidate(key=2, name="Seeks", seeks=frozenset({"mentoring"}), country="PL")
    both = Candidate(
        key=3,
        name="Both",
        offers=frozenset({"market-entry"}),
        seeks=frozenset({"mentoring"}),
        country="PL",
    )
    assert names(rank(ME, [seeks, offers, both])) == ["Both", "Offers", "Seeks"]
    assert [m.score for m in rank(ME, [seeks, offers, both])] == [5, 3, 2]


def test_another_country_breaks_a_tie_and_a_shared_subsector_counts():
    home = Candidate(key=1, name="Aaa home", offers=frozenset({"funding"}), country="PL")
    abroad = Candidate(key=2, name="Zzz abroad", offers=frozenset({"funding"}), country="DE")
    designer = Candidate(
        key=3,
        name="Mmm designer",
        offers=frozenset({"funding"}),
        country="PL",
        subsectors=frozenset({"design", "music"}),
    )
    ranked = rank(ME, [home, abroad, designer])
    assert names(ranked) == ["Mmm designer", "Zzz abroad", "Aaa home"]
    assert ranked[0].shared_subsectors == ["design"]
    assert ranked[1].cross_border is True


def test_another_country_alone_is_no_reason_and_ties_go_by_name():
    stranger = Candidate(key=1, name="Stranger", offers=frozenset({"venues"}), country="DE")
    beta = Candidate(key=2, name="beta", subsectors=frozenset({"design"}), country="PL")
    alpha = Candidate(key=3, name="Alpha", subsectors=frozenset({"design"}), country="PL")
    assert names(rank(ME, [stranger, beta, alpha])) == ["Alpha", "beta"]


def test_an_empty_profile_gets_no_suggestions():
    someone = Candidate(key=1, name="Someone", offers=frozenset({"market-entry"}), country="DE")
    assert rank(Seeker(), [someone]) == []


def test_reasons_name_the_offer_the_need_the_subsector_and_the_country():
    candidate = Candidate(
        key=1,
        name="Goethe",
        offers=frozenset({"market-entry"}),
        seeks=frozenset({"mentoring"}),
        country="DE",
        subsectors=frozenset({"design"}),
    )
    (match,) = rank(ME, [candidate])
    display = {
        ("competency", "market-entry"): "market entry",
        ("competency", "mentoring"): "mentoring",
        ("subsector", "design"): "Design",
        ("country", "DE"): "Germany",
    }
    with translation.override("en"):
        assert matching.reasons(match, display) == [
            "offers market entry in Germany",
            "seeks mentoring, which you offer",
            "active in Design",
        ]


@pytest.mark.django_db
def test_suggestions_come_from_declared_competencies_in_the_readers_language(directory):
    locale = factories.locale()
    vocabulary = {
        slug: Competency.objects.create(slug=slug, name=name, locale=locale)
        for slug, name in (("market-entry", "Market entry"), ("mentoring", "Mentoring"))
    }
    media = factories.PartnerFactory(
        name="Media Dizajn", slug="media-dizajn", country=directory["PL"]
    )
    media.subsectors.set([directory["design"]])
    media.save()
    for partner, offers, seeks in (
        (directory["goethe"], ["market-entry"], ["mentoring"]),
        (media, ["mentoring"], []),
    ):
        record = PartnerCompetencies.objects.create(
            partner=partner, contact_email="private@example.org"
        )
        record.offers.set([vocabulary[s] for s in offers])
        record.seeks.set([vocabulary[s] for s in seeks])
        record.save()
    user = factories.UserFactory()
    profile = MatchProfile.objects.create(user=user, country=directory["PL"])
    profile.offers.set([vocabulary["mentoring"]])
    profile.seeks.set([vocabulary["market-entry"]])
    profile.subsectors.set([directory["design"]])
    translate_snippet(vocabulary["market-entry"], "pl", name="Wejście na rynek")
    translate_snippet(directory["DE"], "pl", name="Niemcy")

    with translation.override("pl"):
        result = matching.suggestions(user, requested_locale("pl"))

    assert [match.candidate.name for match, _reasons in result] == [
        "Goethe-Institut",
        "Media Dizajn",
    ]
    goethe_reasons = result[0][1]
    assert "Wejście na rynek" in goethe_reasons[0]
    assert "Niemcy" in goethe_reasons[0]
    assert result[1][0].shared_subsectors == ["design"]
