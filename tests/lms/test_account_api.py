"""A partner site acting for a learner honours GDPR requests through the API: the learner's
readable export (GET /api/v1/me/export/) and deleting the account with the password
(DELETE /api/v1/me/)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from lms import services
from lms.models import Certificate, Enrolment, Profile, QuizAttempt
from tests.lms.conftest import RIGHT, api_client_for

PASSWORD = "correct-horse-battery"
EXPORT = "/api/v1/me/export/"
ME = "/api/v1/me/"

pytestmark = pytest.mark.django_db


def test_the_export_is_the_sites_export(learner, course, lessons, quiz_lesson, quiz_id, client):
    Profile.objects.update_or_create(user=learner, defaults={"preferred_language": "pl"})
    services.record_progress(learner, lessons[0], status=services.Status.COMPLETED)
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)

    # Logging in sets last_login: the site's export first, then the API's.
    client.force_login(learner)
    site = json.loads(client.get(reverse("lms:account-export")).content)
    response = api_client_for(learner).get(EXPORT)
    assert response.status_code == 200
    data = response.json()
    for body in (data, site):
        body.pop("exported_at")
    assert data == site
    assert data["language"] == "pl"
    assert data["quiz_attempts"][0]["quiz_title"] == "Check your understanding"
    assert data["enrolments"][0]["course_title"] == course.title


def test_the_export_is_only_the_learners_own(learner, other_learner, lessons):
    services.record_progress(other_learner, lessons[0], status=services.Status.COMPLETED)
    data = api_client_for(learner).get(EXPORT).json()
    assert data["account"]["username"] == learner.username
    assert data["enrolments"] == []


def test_the_export_and_deleting_need_a_learner(learner):
    anonymous = APIClient()
    assert anonymous.get(EXPORT).status_code == 401
    response = anonymous.delete(ME, {"password": PASSWORD}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert get_user_model().objects.filter(pk=learner.pk).exists()


@pytest.mark.parametrize(
    "body",
    [{"password": "wrong"}, {}, {"password": ""}, {"password": 12345}, None],
    ids=["wrong", "missing", "empty", "not-a-string", "no-body"],
)
def test_a_wrong_or_missing_password_deletes_nothing(learner, lessons, body):
    services.record_progress(learner, lessons[0], status=services.Status.COMPLETED)
    client = api_client_for(learner)
    response = client.delete(ME, body, format="json") if body is not None else client.delete(ME)
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "invalid" and "password" in payload["errors"]
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert Enrolment.objects.filter(user=learner).count() == 1
    assert Token.objects.filter(user=learner).exists()


def test_an_unknown_field_deletes_nothing(learner):
    response = api_client_for(learner).delete(
        ME, {"password": PASSWORD, "also": "this"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_field"
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_deleting_with_the_password_removes_the_account(
    learner, other_learner, course, lessons, quiz_lesson, quiz_id
):
    for lessons_of in (learner, other_learner):
        for lesson in lessons:
            services.record_progress(lessons_of, lesson, status=services.Status.COMPLETED)
        services.grade_quiz(lessons_of, quiz_lesson, quiz_id, RIGHT)
    code = Certificate.objects.get(user=learner).code
    client = api_client_for(learner)

    response = client.delete(ME, {"password": PASSWORD}, format="json")
    assert response.status_code == 204 and response.content == b""
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not Token.objects.filter(user_id=learner.pk).exists()
    assert not Enrolment.objects.filter(user_id=learner.pk).exists()
    assert not QuizAttempt.objects.filter(user_id=learner.pk).exists()
    # The certificate stays verifiable by its code, without the name.
    certificate = Certificate.objects.get(code=code)
    assert certificate.user is None and certificate.learner_name == ""
    # The other learner keeps everything.
    assert Enrolment.objects.filter(user=other_learner).count() == 1
    assert Certificate.objects.filter(user=other_learner).exists()
    # The token is gone with the account.
    assert client.get(EXPORT).status_code == 401


def test_a_session_deletes_too(learner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(learner)
    # Without the CSRF token a session's DELETE is refused and deletes nothing.
    response = client.delete(ME, {"password": PASSWORD}, format="json")
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    # The site's delete page, a form, hands out the CSRF cookie.
    assert client.get(reverse("lms:account-delete")).status_code == 200
    csrf = client.cookies["csrftoken"].value
    response = client.delete(ME, {"password": PASSWORD}, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 204
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
