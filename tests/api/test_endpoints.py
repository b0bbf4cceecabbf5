"""The same checks for every endpoint of the content API."""

import pytest
from django.utils.http import quote_etag

from tests import factories

LISTS = ["courses", "case-studies", "partners", "subsectors", "countries"]
DETAILS = ["courses", "lessons", "case-studies", "partners"]


@pytest.fixture
def content(catalogue, case_study_index, directory):
    course = catalogue["borders"]
    case_study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="A shared studio"
    )
    case_study.partners.set([directory["goethe"]])
    case_study.save()
    return {
        "courses": course,
        "lessons": course.get_lessons().first(),
        "case-studies": case_study,
        "partners": directory["goethe"],
        "subsectors": directory["design"],
        "countries": directory["PL"],
    }


def list_url(name):
    return f"/api/v1/{name}/"


def detail_url(name, obj):
    return f"/api/v1/{name}/{obj.pk}/"


def assert_localized_item(item, obj):
    assert item["id"] == obj.pk
    assert item["locale"] == "en"
    assert item["translation_key"] == str(obj.translation_key)
    assert item["available_locales"] == ["en"]
    assert item["is_fallback"] is False


@pytest.mark.parametrize("name", LISTS)
def test_list_serves_paginated_localized_items(api, content, name):
    data = api.get_json(list_url(name))
    assert set(data) == {"count", "next", "previous", "results"}
    ids = [item["id"] for item in data["results"]]
    assert content[name].pk in ids
    assert data["count"] == len(ids)
    item = next(item for item in data["results"] if item["id"] == content[name].pk)
    assert_localized_item(item, content[name])


@pytest.mark.parametrize("name", DETAILS)
def test_detail_serves_one_localized_item(api, content, name):
    obj = content[name]
    data = api.get_json(detail_url(name, obj))
    assert_localized_item(data, obj)
    if name != "partners":
        assert data["title"] == obj.title
        assert data["url"].endswith(obj.url)
        assert data["api_url"] == f"http://testserver{detail_url(name, obj)}"


@pytest.mark.parametrize("name", DETAILS)
def test_detail_of_unknown_id_is_json_404(api, content, name):
    data = api.get_json(f"/api/v1/{name}/987654/", status=404)
    assert data["code"] == "not_found" and data["detail"]


@pytest.mark.parametrize(
    "url", [list_url(name) for name in LISTS] + ["/api/v1/locales/"], ids=LISTS + ["locales"]
)
def test_every_get_sends_headers_etag_and_answers_304(api, content, url):
    response = api.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    body = response.json()
    items = body["results"] if isinstance(body, dict) else body
    served = {item["locale"] for item in items if "locale" in item} or {"de"}
    # The languages of the body actually served: German where it is translated, else English.
    assert set(response["Content-Language"].split(", ")) == served
    assert "Accept-Language" in response["Vary"]
    etag = response["ETag"]
    assert etag

    again = api.get(url, HTTP_ACCEPT_LANGUAGE="de", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Content-Language"] == response["Content-Language"]

    stale = api.get(url, HTTP_ACCEPT_LANGUAGE="de", HTTP_IF_NONE_MATCH=quote_etag("stale"))
    assert stale.status_code == 200


def test_etag_changes_when_content_changes(api, content):
    first = api.get("/api/v1/courses/")["ETag"]
    course = content["courses"]
    course.title = "Working across borders, revised"
    course.save_revision().publish()
    response = api.get("/api/v1/courses/", HTTP_IF_NONE_MATCH=first)
    assert response.status_code == 200
    assert response["ETag"] != first


@pytest.mark.parametrize("name", DETAILS)
def test_detail_sends_etag_and_304(api, content, name):
    url = detail_url(name, content[name])
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize(
    "url",
    [list_url(name) for name in LISTS]
    + ["/api/v1/locales/", "/api/v1/courses/{course}/", "/api/v1/lessons/{lesson}/"],
)
def test_unknown_query_parameter_is_400_naming_it(api, content, url):
    url = url.format(course=content["courses"].pk, lesson=content["lessons"].pk)
    data = api.get_json(url + "?locale=en&colour=blue&sort=x", status=400)
    assert "colour" in data["detail"] and "sort" in data["detail"]
    assert "locale" in data["detail"]  # the message lists what is allowed


def test_detail_does_not_take_list_parameters(api, content):
    data = api.get_json(f"/api/v1/courses/{content['courses'].pk}/?page=2", status=400)
    assert "page" in data["detail"]


@pytest.mark.parametrize("url", [list_url(name) for name in LISTS] + ["/api/v1/locales/"])
def test_unknown_locale_is_400_listing_valid_ones(api, content, url):
    data = api.get_json(url + "?locale=xx", status=400)
    assert data["code"] == "unknown_locale"
    assert "xx" in data["detail"]
    assert "en, de, da, sv, fi, et, lv, lt, pl" in data["detail"]


def test_locales_lists_the_nine_with_counts(api, content):
    data = api.get_json("/api/v1/locales/")
    assert [row["code"] for row in data] == ["en", "de", "da", "sv", "fi", "et", "lv", "lt", "pl"]
    english = data[0]
    assert english == {
        "code": "en",
        "name": "English",
        "is_fallback_locale": True,
        "courses": 3,
        "case_studies": 1,
    }
    assert data[-1]["name"] == "Polski" and data[-1]["courses"] == 0


def test_the_index_lists_every_endpoint_with_its_address(api, db):
    from lms.api.routes import api_routes

    endpoints = {item["name"]: item for item in api.get_json("/api/v1/")["endpoints"]}
    assert set(endpoints) == {route.name for route in api_routes()} - {"index"}
    assert endpoints["course-detail"]["url"] == "http://testserver/api/v1/courses/{pk}/"
    assert endpoints["enrolment-list"]["methods"] == ["GET", "POST"]
    assert endpoints["lesson-progress"]["methods"] == ["GET", "PUT"]
