"""GET /api/v1/match/suggestions/: the signed-in learner's suggestions, by token or session,
with reasons in the requested language; never a partner's private email."""

import pytest
from rest_framework.authtoken.models import Token

from network.models import Competency, MatchProfile, PartnerCompetencies
from tests import factories

pytestmark = pytest.mark.django_db

PRIVATE = "private-contact@goethe.example"
URL = "/api/v1/match/suggestions/"


@pytest.fixture
def matched(directory):
    locale = factories.locale()
    entry = Competency.objects.create(slug="market-entry", name="Market entry", locale=locale)
    mentoring = Competency.objects.create(slug="mentoring", name="Mentoring", locale=locale)
    record = PartnerCompetencies.objects.create(
        partner=directory["goethe"], contact_role="Project lead", contact_email=PRIVATE
    )
    record.offers.set([entry])
    record.seeks.set([mentoring])
    record.save()
    user = factories.UserFactory()
    profile = MatchProfile.objects.create(user=user, country=directory["PL"])
    profile.offers.set([mentoring])
    profile.seeks.set([entry])
    profile.subsectors.set([directory["design"]])
    return user


def test_a_token_gets_the_learners_suggestions_with_reasons(client, matched, directory):
    token = Token.objects.create(user=matched).key
    response = client.get(URL, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["profile_complete"] is True
    (suggestion,) = data["results"]
    assert suggestion["partner"]["name"] == "Goethe-Institut"
    assert suggestion["partner"]["country"] == "DE"
    assert suggestion["partner"]["web_url"] == "http://testserver/en/partners/goethe-institut/"
    assert suggestion["offers_you_seek"] == ["market-entry"]
    assert suggestion["seeks_you_offer"] == ["mentoring"]
    assert suggestion["cross_border"] is True
    assert suggestion["reasons"] == [
        "offers Market entry in Germany",
        "seeks Mentoring, which you offer",
        "active in Design",
    ]
    assert PRIVATE not in response.content.decode()


def test_a_session_works_and_an_empty_profile_says_so(client, directory):
    user = factories.UserFactory()
    client.force_login(user)
    data = client.get(URL).json()
    assert data == {"profile_complete": False, "results": []}


def test_anonymous_gets_401_in_the_one_error_shape(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert set(response.json()) >= {"detail", "code"}


def test_an_unknown_parameter_is_a_400(client, matched):
    client.force_login(matched)
    response = client.get(URL + "?colour=red")
    assert response.status_code == 400
    assert response.json()["code"]
