"""Bad input is a 4xx in the API's one error shape, and changes nothing: empty parameters,
out-of-range values, bodies too deep or too large, unknown fields, methods and addresses."""

import json

import pytest
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from lms.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db

ENROLMENTS = "/api/v1/enrolments/"
TOKEN = "/api/v1/auth/token/"


def assert_error(response, status, code=None):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) <= {"detail", "code", "errors"} and body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body


@pytest.fixture
def learner_client(db):
    user = factories.UserFactory()
    token = Token.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}"), user


@pytest.mark.parametrize(
    "url, name",
    [
        ("/api/v1/courses/?updated_since=", "updated_since"),
        ("/api/v1/courses/?ordering=", "ordering"),
        ("/api/v1/courses/?search=", "search"),
        ("/api/v1/courses/?page=", "page"),
        ("/api/v1/case-studies/?ordering=", "ordering"),
        ("/api/v1/partners/?kind=", "kind"),
        ("/api/v1/search/?q=harbour&type=", "type"),
    ],
)
def test_an_empty_parameter_is_a_400_naming_it_on_every_endpoint(api, catalogue, url, name):
    body = assert_error(api.get(url), 400, "invalid")
    assert list(body["errors"]) == [name]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/courses/?locale=",
        "/api/v1/search/?q=harbour&locale=",
        "/api/v1/search/autocomplete/?q=harb&locale=",
        "/api/v1/subsectors/?locale=",
        "/api/v1/me/progress/?locale=",
    ],
)
def test_an_empty_locale_is_an_unknown_locale_on_every_endpoint(learner_client, catalogue, url):
    client, _user = learner_client
    body = assert_error(client.get(url), 400, "unknown_locale")
    assert "en, de, da, sv, fi, et, lv, lt, pl" in body["detail"]


@pytest.mark.parametrize("name", ["courses", "case-studies", "partners"])
def test_an_ordering_of_empty_items_is_no_ordering(api, catalogue, name):
    assert api.get(f"/api/v1/{name}/?ordering=,").status_code == 200


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z+"]
)
def test_a_date_beyond_the_calendar_in_utc_is_a_400(api, catalogue, value):
    body = assert_error(api.get("/api/v1/courses/", {"updated_since": value}), 400, "invalid")
    assert list(body["errors"]) == ["updated_since"]


@pytest.mark.parametrize("course", [9223372036854775808, 10**18, -1, 0, "99999999999999999999"])
def test_enrolling_in_a_course_id_out_of_range_is_a_400(learner_client, catalogue, course):
    client, user = learner_client
    response = client.post(ENROLMENTS, {"course": course}, content_type="application/json")
    body = assert_error(response, 400, "invalid")
    assert list(body["errors"]) == ["course"]
    assert not Enrolment.objects.filter(user=user).exists()


def test_enrolling_with_an_unknown_field_is_a_400_and_enrols_nobody(learner_client, catalogue):
    client, user = learner_client
    payload = {"course": catalogue["borders"].pk, "locale": "pl"}
    response = client.post(ENROLMENTS, payload, content_type="application/json")
    body = assert_error(response, 400, "unknown_field")
    assert "locale" in body["detail"]
    assert not Enrolment.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "body", ["[" * 1000 + "]" * 1000, '{"a":' * 950 + "1" + "}" * 950], ids=["array", "object"]
)
def test_json_nested_too_deep_is_a_400(api, db, body):
    assert_error(api.post(TOKEN, body, content_type="application/json"), 400, "parse_error")


def test_a_body_above_the_upload_limit_is_a_413(learner_client, catalogue):
    client, user = learner_client
    body = json.dumps({"course": catalogue["borders"].pk, "padding": "x" * (3 * 1024 * 1024)})
    response = client.post(ENROLMENTS, body, content_type="application/json")
    assert "2,621,440" in assert_error(response, 413, "request_too_large")["detail"]
    assert not Enrolment.objects.filter(user=user).exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_the_body_limit_is_the_setting(api, db):
    response = api.post(TOKEN, {"username": "x" * 2000}, content_type="application/json")
    assert "1,000" in assert_error(response, 413, "request_too_large")["detail"]


def test_trace_is_a_405(api, catalogue):
    assert_error(api.generic("TRACE", "/api/v1/courses/"), 405, "method_not_allowed")


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_a_write_to_an_unknown_api_address_is_a_json_404_not_a_csrf_failure(db, method):
    client = Client(enforce_csrf_checks=True)
    user = factories.UserFactory()
    client.force_login(user)  # a session, so CSRF applies
    response = getattr(client, method)("/api/v1/nothing/", "{}", content_type="application/json")
    assert_error(response, 404, "not_found")


def test_the_schema_documents_paging_minimums_values_and_413(api, db):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/v1/courses/"]["get"]["parameters"]
    }
    assert parameters["page"]["minimum"] == 1
    assert parameters["page_size"]["minimum"] == 1
    assert parameters["page_size"]["maximum"] == 100
    assert parameters["search"]["minLength"] == 1
    assert parameters["ordering"]["minItems"] == 1
    assert "413" in schema["paths"][ENROLMENTS]["post"]["responses"]
    assert "413" not in schema["paths"]["/api/v1/courses/"]["get"]["responses"]
