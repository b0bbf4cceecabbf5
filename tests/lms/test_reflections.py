"""Reflections: a learner's private notes per reflection block, saved from the lesson page (a
plain form) and through the API, in the data export, deleted with the account, and never
visible to another learner."""

import pytest
from django.urls import reverse

from lms import services
from lms.models import Reflection
from tests import factories
from tests.lms.conftest import api_client_for, translate

PASSWORD = "correct-horse-battery"

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(lessons):
    return factories.add_reflection(lessons[0], "r1")


def api_url(lesson):
    return f"/api/v1/reflections/lessons/{lesson.pk}/"


def test_a_note_is_saved_from_the_lesson_page_without_javascript(client, learner, lesson):
    client.force_login(learner)
    page = client.get(lesson.url)
    assert 'name="text"' in page.content.decode()
    url = reverse("lms:reflection-save", args=[lesson.pk, "r1"])

    response = client.post(url, {"text": "  Call Ilze in Riga.  "})
    assert response.status_code == 302
    assert response["Location"].endswith(f"{lesson.url}#r1")
    assert Reflection.objects.get(user=learner).text == "Call Ilze in Riga."
    page = client.get(lesson.url).content.decode()
    assert ">Call Ilze in Riga.</textarea>" in page

    # An empty note deletes it.
    client.post(url, {"text": ""})
    assert not Reflection.objects.filter(user=learner).exists()


def test_a_note_too_long_is_shown_again_with_its_text(client, learner, lesson):
    client.force_login(learner)
    text = "x" * (services.MAX_REFLECTION_LENGTH + 1)
    response = client.post(reverse("lms:reflection-save", args=[lesson.pk, "r1"]), {"text": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert text in body and 'role="alert"' in body
    assert not Reflection.objects.exists()


def test_an_unknown_block_is_a_404_and_anonymous_learners_log_in(client, learner, lesson):
    client.force_login(learner)
    response = client.post(reverse("lms:reflection-save", args=[lesson.pk, "nope"]), {"text": "a"})
    assert response.status_code == 404
    client.logout()
    response = client.post(reverse("lms:reflection-save", args=[lesson.pk, "r1"]), {"text": "a"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Reflection.objects.exists()


def test_a_note_is_never_shown_to_another_learner(client, learner, other_learner, lesson):
    services.save_reflection(learner, lesson, "r1", "Only mine.")
    client.force_login(other_learner)
    assert "Only mine." not in client.get(lesson.url).content.decode()
    data = api_client_for(other_learner).get(api_url(lesson)).json()
    assert [note["text"] for note in data["reflections"]] == [""]
    assert services.export_learner_data(other_learner)["reflections"] == []
    # Writing one's own note leaves the other's alone.
    api_client_for(other_learner).put(
        api_url(lesson), {"reflection": "r1", "text": "Mine."}, format="json"
    )
    assert Reflection.objects.get(user=learner).text == "Only mine."
    assert Reflection.objects.get(user=other_learner).text == "Mine."


def test_the_api_reads_and_writes_notes(learner, lesson):
    client = api_client_for(learner)
    data = client.get(api_url(lesson)).json()
    assert data["locale"] == "en"
    assert data["reflections"] == [
        {
            "reflection": "r1",
            "prompt": "Which partner could you call this week?",
            "guidance": "Think of one person.",
            "text": "",
            "updated_at": None,
        }
    ]
    response = client.put(api_url(lesson), {"reflection": "r1", "text": "Call."}, format="json")
    assert response.status_code == 200
    note = response.json()["reflections"][0]
    assert note["text"] == "Call." and note["updated_at"]
    assert client.get(api_url(lesson)).json()["reflections"][0]["text"] == "Call."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reflection": "nope", "text": "a"}, "reflection"),
        ({"reflection": "r1"}, "text"),
        ({"reflection": "r1", "text": "x" * 10001}, "text"),
        ({"text": "a"}, "reflection"),
    ],
)
def test_bad_input_is_a_400_that_saves_nothing(learner, lesson, body, field):
    response = api_client_for(learner).put(api_url(lesson), body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Reflection.objects.exists()


def test_the_api_needs_the_learner(lesson):
    response = api_client_for(None).get(api_url(lesson))
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_note_is_the_same_in_every_language(learner, lesson, locales):
    lesson_pl = translate(lesson, locales["pl"])
    services.save_reflection(learner, lesson_pl, "r1", "Zadzwonić.")
    data = api_client_for(learner).get(api_url(lesson)).json()
    assert data["reflections"][0]["text"] == "Zadzwonić."


def test_notes_are_in_the_export_and_deleted_with_the_account(learner, lesson):
    services.save_reflection(learner, lesson, "r1", "Call Ilze.")
    exported = services.export_learner_data(learner)["reflections"]
    assert [(note["reflection"], note["text"], note["lesson_title"]) for note in exported] == [
        ("r1", "Call Ilze.", lesson.title)
    ]
    response = api_client_for(learner).delete("/api/v1/me/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    assert not Reflection.objects.exists()
