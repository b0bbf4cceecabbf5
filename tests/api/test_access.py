"""API keys, throttling, CORS and JSON errors."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.settings import api_settings

from lms.api.exceptions import exception_handler
from lms.models import APIKey


@pytest.fixture
def key(db):
    api_key, plain = APIKey.generate(name="Partner portal")
    return api_key, plain


def rates(**rates):
    return override_settings(
        REST_FRAMEWORK={
            **_rest_framework(),
            "DEFAULT_THROTTLE_RATES": {
                "anon": "2/minute",
                "api_key": "4/minute",
                "user": "6/minute",
                **rates,
            },
        }
    )


def _rest_framework():
    from django.conf import settings

    return settings.REST_FRAMEWORK


def test_valid_key_is_accepted_and_recorded(api, key, course):
    api_key, plain = key
    api.get_json("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {plain}")
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Api-Key nonsense",
        "Api-Key 12345678.wrong",
        "Api-Key",
        "Api-Key a b",
        "api-key 00000000.x",
    ],
)
def test_invalid_key_is_401_json(api, key, course, header):
    response = api.get("/api/v1/courses/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert response["WWW-Authenticate"] == "Api-Key"


def test_wrong_secret_with_a_real_prefix_is_401(api, key, course):
    api_key, plain = key
    response = api.get("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {api_key.prefix}.guess")
    assert response.status_code == 401


def test_inactive_key_is_401(api, key, course):
    api_key, plain = key
    api_key.is_active = False
    api_key.save()
    response = api.get("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {plain}")
    assert response.status_code == 401


def test_anonymous_clients_are_throttled_with_retry_after(api, course):
    with rates():
        for _ in range(2):
            assert api.get("/api/v1/courses/").status_code == 200
        response = api.get("/api/v1/courses/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


def test_keyed_clients_have_their_own_higher_rate(api, key, course):
    api_key, plain = key
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {plain}"}
    with rates():
        for _ in range(2):
            api.get("/api/v1/courses/")
        assert api.get("/api/v1/courses/").status_code == 429  # anonymous: used up
        statuses = [api.get("/api/v1/courses/", **auth).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_a_key_can_have_its_own_rate(api, course):
    api_key, plain = APIKey.generate(name="Big portal", throttle_rate="6/minute")
    with rates():
        statuses = [
            api.get("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {plain}").status_code
            for _ in range(7)
        ]
    assert statuses == [200] * 6 + [429]


def test_a_key_with_a_malformed_rate_gets_the_default(api, course):
    api_key, plain = APIKey.generate(name="Typo", throttle_rate="lots")
    with rates():
        statuses = [
            api.get("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {plain}").status_code
            for _ in range(5)
        ]
    assert statuses == [200] * 4 + [429]


def test_rates_come_from_settings(settings):
    assert set(api_settings.DEFAULT_THROTTLE_RATES) >= {"anon", "api_key", "user"}


@override_settings(CORS_ALLOWED_ORIGINS=["https://portal.example"])
def test_cors_allows_configured_origin_only(api, course):
    allowed = api.get("/api/v1/courses/", HTTP_ORIGIN="https://portal.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://portal.example"
    other = api.get("/api/v1/courses/", HTTP_ORIGIN="https://evil.example")
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other


@override_settings(CORS_ALLOWED_ORIGINS=["https://portal.example"])
def test_cors_preflight(api, course):
    response = api.options(
        "/api/v1/courses/",
        HTTP_ORIGIN="https://portal.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://portal.example"
    assert "authorization" in response["Access-Control-Allow-Headers"].lower()


@override_settings(CORS_ALLOWED_ORIGINS=["https://portal.example"])
def test_cors_is_for_the_api_only(api, home):
    response = api.get("/en/", HTTP_ORIGIN="https://portal.example")
    assert "Access-Control-Allow-Origin" not in response


# /api/v1/courses/abc/ is the courses' own 404 (tests/api/test_partner_portal.py).
@pytest.mark.parametrize("url", ["/api/v1/nowhere/", "/api/elsewhere", "/api/v2/courses/"])
def test_unknown_api_addresses_are_json_404(api, db, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert url in response.json()["detail"]


def test_missing_trailing_slash_redirects(api, db):
    response = api.get("/api/v1/courses?locale=pl")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/courses/?locale=pl"


def test_writes_are_json_405(api, course):
    response = api.post("/api/v1/courses/", {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["detail"]
    assert api.delete(f"/api/v1/courses/{course.pk}/").status_code == 405


def test_unexpected_errors_become_json_500():
    response = exception_handler(RuntimeError("boom"), {})
    assert response.status_code == 500
    assert b"boom" not in response.content
    assert response["Content-Type"] == "application/json"


def test_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    for parameter in [
        "subsector",
        "country",
        "partner",
        "level",
        "updated_since",
        "search",
        "ordering",
        "page_size",
        "locale",
        "Accept-Language",
        "ApiKeyAuth",
    ]:
        assert parameter in text, parameter
    assert "/api/v1/courses/{id}/" in text and "/api/v1/lessons/{id}/" in text
    assert "/admin/" not in text


def test_schema_and_docs_are_served(api, db):
    schema = api.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi" in schema.content
    docs = api.get("/api/v1/docs/")
    assert docs.status_code == 200
    # Swagger UI comes from our own static files, so the docs work offline.
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content
    assert b"cdn" not in docs.content.lower()


@rates()
def test_the_schema_and_the_docs_are_not_rate_limited_like_content(api, db):
    """A client generator or a developer reading the docs never spends the anonymous rate
    (2/minute here); the content endpoints still do."""
    for _ in range(4):
        assert api.get("/api/v1/schema/").status_code == 200
        assert api.get("/api/v1/docs/").status_code == 200
    statuses = [api.get("/api/v1/courses/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
