"""/<lang>/match/: a signed-in learner describes what they offer and seek and sees suggestions
with reasons, without JavaScript; the private contact email never appears."""

import pytest

from network.models import Competency, MatchProfile, PartnerCompetencies
from tests import factories

pytestmark = pytest.mark.django_db

PRIVATE = "private-contact@goethe.example"


@pytest.fixture
def vocabulary(directory):
    locale = factories.locale()
    entry = Competency.objects.create(slug="market-entry", name="Market entry", locale=locale)
    mentoring = Competency.objects.create(slug="mentoring", name="Mentoring", locale=locale)
    record = PartnerCompetencies.objects.create(partner=directory["goethe"], contact_email=PRIVATE)
    record.offers.set([entry])
    record.save()
    return {"entry": entry, "mentoring": mentoring}


def test_anonymous_is_sent_to_log_in(client, locales):
    response = client.get("/en/match/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_saving_the_profile_shows_suggestions_with_reasons(client, vocabulary, directory):
    user = factories.UserFactory()
    client.force_login(user)
    page = client.get("/en/match/")
    assert page.status_code == 200
    assert "Tell us below what you offer and seek" in page.content.decode()

    response = client.post(
        "/en/match/", {"seeks": ["market-entry"], "country": "PL", "subsectors": ["design"]}
    )
    assert response.status_code == 302
    profile = MatchProfile.objects.get(user=user)
    assert [c.slug for c in profile.seeks.all()] == ["market-entry"]
    assert profile.country.code.upper() == "PL"

    html = client.get("/en/match/").content.decode()
    assert "Goethe-Institut" in html
    assert "offers Market entry in Germany" in html
    assert "active in Design" in html
    assert PRIVATE not in html


def test_an_unknown_choice_is_an_error_and_saves_nothing(client, vocabulary):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post("/en/match/", {"offers": ["teleportation"]})
    assert response.status_code == 400
    assert "teleportation" in response.content.decode()  # the form says which choice
    assert not MatchProfile.objects.filter(user=user).exists()


def test_a_learner_writes_to_a_suggested_partner_from_the_page(
    client, vocabulary, directory, django_capture_on_commit_callbacks
):
    from django.core import mail

    from network.models import ContactRequest

    user = factories.verified_user(email="ada@example.org")
    client.force_login(user)
    client.post("/en/match/", {"seeks": ["market-entry"], "country": "PL"})
    html = client.get("/en/match/").content.decode()
    action = f"/en/match/contact/{directory['goethe'].pk}/"
    assert f'action="{action}"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, {"message": "Shall we cooperate?"}, follow=True)
    page = response.content.decode()
    assert "Your message is on its way to Goethe-Institut" in page
    assert PRIVATE not in page
    assert ContactRequest.objects.get(user=user).message == "Shall we cooperate?"
    assert mail.outbox[0].to == [PRIVATE]


def test_an_unverified_learner_sees_no_form_but_a_line_pointing_to_the_notice(
    client, vocabulary, directory
):
    client.force_login(factories.UserFactory(email="ada@example.org"))
    client.post("/en/match/", {"seeks": ["market-entry"], "country": "PL"})
    html = client.get("/en/match/").content.decode()
    assert "Goethe-Institut" in html
    assert f'action="/en/match/contact/{directory["goethe"].pk}/"' not in html
    assert "Write to Goethe-Institut" not in html
    assert "You can write to Goethe-Institut once your email address is confirmed." in html
    assert 'href="#email-verification"' in html
    assert html.count('id="email-verification"') == 1
    assert html.count("is not confirmed yet") == 1


def test_an_unverified_post_from_an_old_tab_is_refused_with_the_notice_alone(
    client, vocabulary, directory
):
    from network.models import ContactRequest

    client.force_login(factories.UserFactory(email="ada@example.org"))
    client.post("/en/match/", {"seeks": ["market-entry"], "country": "PL"})
    client.get("/en/match/")  # shows, and so clears, "Your match-making profile is saved."
    action = f"/en/match/contact/{directory['goethe'].pk}/"
    # Even an invalid form is refused for the address first, not with its field errors.
    for body in ({"message": "Shall we cooperate?"}, {"message": ""}):
        response = client.post(action, body, follow=True)
        assert response.redirect_chain == [("/en/match/#email-verification", 302)]
        html = response.content.decode()
        assert 'class="messages' not in html
        assert html.count("is not confirmed yet") == 1
    assert not ContactRequest.objects.exists()
