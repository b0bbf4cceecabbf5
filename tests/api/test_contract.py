"""The request contract of every endpoint under /api/v1/, checked route by route.

The routes come from the URL conf (``lms.api.routes.api_routes``), not from a list written
here, so a new endpoint is checked as soon as it is routed, and fails until ``CALLS`` says how
to call it. For each operation:

- an unknown query parameter is a 400 in the one error shape;
- an unknown ``?locale=`` is a 400;
- an unknown id or code is a JSON 404;
- ``Content-Language`` names the languages of the body served, on fallbacks too;
- the answer validates against the schema, nullable fields included.

The schema and its docs page are drf-spectacular's own views and are left out.
"""

import io
import re
import zipfile

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from lms.api.routes import api_routes
from lms.models import APIKey
from standards import baking
from tests import factories
from tests.api.contract import PASSWORD, RIGHT, ResponseValidator, build_content, served_schema

pytestmark = pytest.mark.django_db

NOT_HARBOUR = {"schema", "docs"}
ERROR_KEYS = {"detail", "code", "errors"}
MISSING_ID = 987654321


# How to call each operation with valid input: {(route name, method): (path kwargs, body)}.
CALLS = {
    ("index", "get"): lambda c: ({}, None),
    ("auth-token", "post"): lambda c: (
        {},
        {"username": c["learner"].username, "password": "correct-horse-battery"},
    ),
    ("auth-logout", "post"): lambda c: ({}, None),
    ("course-list", "get"): lambda c: ({}, None),
    ("course-detail", "get"): lambda c: ({"pk": c["course"].pk}, None),
    ("lesson-detail", "get"): lambda c: ({"pk": c["quiz_lesson"].pk}, None),
    ("case-study-list", "get"): lambda c: ({}, None),
    ("case-study-detail", "get"): lambda c: ({"pk": c["case_study"].pk}, None),
    ("partner-list", "get"): lambda c: ({}, None),
    ("partner-detail", "get"): lambda c: ({"pk": c["directory"]["goethe"].pk}, None),
    ("subsector-list", "get"): lambda c: ({}, None),
    ("subsector-detail", "get"): lambda c: ({"pk": c["directory"]["design"].pk}, None),
    ("country-list", "get"): lambda c: ({}, None),
    ("country-detail", "get"): lambda c: ({"pk": c["directory"]["PL"].pk}, None),
    ("locale-list", "get"): lambda c: ({}, None),
    ("translation-status-list", "get"): lambda c: ({}, None),
    ("enrolment-list", "get"): lambda c: ({}, None),
    ("enrolment-list", "post"): lambda c: ({}, {"course": c["new_course"].pk}),
    ("enrolment-detail", "get"): lambda c: (
        {"pk": c["learner"].enrolments.get(course_key=c["course"].translation_key).pk},
        None,
    ),
    ("lesson-progress", "get"): lambda c: ({"lesson_id": c["lessons"][0].pk}, None),
    ("lesson-progress", "put"): lambda c: (
        {"lesson_id": c["open_lessons"][1].pk},
        {"status": "in_progress", "position": "b-1", "time_spent": 30},
    ),
    ("quiz-attempts", "get"): lambda c: ({"lesson_id": c["quiz_lesson"].pk}, None),
    ("quiz-attempts", "post"): lambda c: (
        {"lesson_id": c["quiz_lesson"].pk},
        {"quiz": c["quiz_id"], "answers": RIGHT},
    ),
    ("lesson-reflections", "get"): lambda c: ({"lesson_id": c["quiz_lesson"].pk}, None),
    ("lesson-reflections", "put"): lambda c: (
        {"lesson_id": c["quiz_lesson"].pk},
        {"reflection": c["reflection_id"], "text": "Call Ilze in Riga."},
    ),
    ("me", "delete"): lambda c: ({}, {"password": PASSWORD}),
    ("me-export", "get"): lambda c: ({}, None),
    ("me-progress", "get"): lambda c: ({}, None),
    ("certificate-detail", "get"): lambda c: ({"code": c["certificate"].code}, None),
    ("certificate-credential", "get"): lambda c: ({"code": c["certificate"].code}, None),
    ("certificate-credential-svg", "get"): lambda c: ({"code": c["certificate"].code}, None),
    ("credential-status-list", "get"): lambda c: ({}, None),
    ("search", "get"): lambda c: ({}, None),
    ("search-autocomplete", "get"): lambda c: ({}, None),
    ("preview", "get"): lambda c: ({}, None),
    ("find", "get"): lambda c: ({}, None),
    ("changes", "get"): lambda c: ({}, None),
    ("course-export", "get"): lambda c: ({"pk": c["course"].pk}, None),
    ("event-list", "get"): lambda c: ({}, None),
    ("event-detail", "get"): lambda c: ({"pk": c["event"].pk}, None),
    ("focus-period-list", "get"): lambda c: ({}, None),
    ("focus-country", "get"): lambda c: ({}, None),
    ("competency-list", "get"): lambda c: ({}, None),
    ("competency-map", "get"): lambda c: ({}, None),
    ("match-suggestions", "get"): lambda c: ({}, None),
    ("contact-requests", "get"): lambda c: ({}, None),
    ("contact-requests", "post"): lambda c: (
        {},
        {"partner": c["directory"]["goethe"].pk, "message": "May we visit?"},
    ),
}
# Query parameters an operation needs to succeed, or a function of the content giving them.
REQUIRED_QUERY = {
    "search": {"q": "borders"},
    "search-autocomplete": {"q": "wor"},
    "preview": lambda c: {"token": c["preview_tokens"]["lesson"]},
    "find": lambda c: {"path": c["course"].url},
    "course-export": {"format": "cc11"},
}
# Operations only partner sites may call: they are called with an API key instead of the token.
PARTNER_ONLY = {"course-export"}
# Operations called as a throwaway learner of their own: deleting the account.
THROWAWAY = {("me", "delete")}
SUCCESS = {"post": {201, 200}, "put": {200}, "get": {200}, "delete": {204}}
# Operations whose success is another status: /find/ answers a redirect, with a body.
SUCCESS_OF = {"find": {302}, "auth-logout": {204}}


def succeeded(route, method, response):
    return response.status_code in SUCCESS_OF.get(route.name, SUCCESS[method])


def operations():
    """(route, method) for every Harbour operation of the URL conf."""
    found = []
    for route in api_routes():
        if route.name in NOT_HARBOUR:
            continue
        view = route.view_class
        methods = route.actions or {
            method: method
            for method in ("get", "post", "put", "patch", "delete")
            if hasattr(view, method)
        }
        found += [(route, method) for method in methods]
    return found


OPERATIONS = operations()


@pytest.fixture
def content(locales, home, course_index, case_study_index, course, directory):
    return build_content(locales, home, course_index, case_study_index, course, directory)


@pytest.fixture
def client(content):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {content['token']}")
    return client


def takes_locale(route):
    """Whether the operation takes ?locale= (a preview serves the draft in its own locale)."""
    return "locale" in getattr(route.view_class, "query_parameters", {"locale"})


def call(client, route, method, kwargs, body, query=None, content=None):
    url = route.template.format(**kwargs)
    required = REQUIRED_QUERY.get(route.name, {})
    if callable(required):
        required = required(content)
    query = {**required, **(query or {})}
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    if route.name in PARTNER_ONLY and content is not None:
        if "api_key" not in content:
            content["api_key"] = APIKey.generate(name="Contract tests")[1]
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {content['api_key']}")
    if (route.name, method) in THROWAWAY:
        client = APIClient()
        throwaway = Token.objects.create(user=factories.UserFactory()).key
        client.credentials(HTTP_AUTHORIZATION=f"Token {throwaway}")
    response = (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else (getattr(client, method)(url))
    )
    if route.name == "auth-logout" and content is not None:
        # Logging out everywhere revokes the learner's token; the next operations need it.
        Token.objects.get_or_create(user=content["learner"], key=content["token"])
    return response


def recipe(route, method, content):
    make = CALLS.get((route.name, method))
    assert make is not None, f"no call recipe for {method.upper()} {route.template}"
    return make(content)


def check_error(response, status, code=None):
    problems = []
    if response.status_code != status:
        problems.append(f"status {response.status_code}, not {status}")
    if not response.get("Content-Type", "").startswith("application/json"):
        return problems + [f"not JSON but {response.get('Content-Type')}"]
    body = response.json()
    if not isinstance(body, dict) or not {"detail", "code"} <= set(body) <= ERROR_KEYS:
        problems.append(f"not the one error shape: {body}")
    elif code is not None and body["code"] != code:
        problems.append(f"code {body['code']!r}, not {code!r}")
    return problems


def run(check):
    failures = []
    for route, method in OPERATIONS:
        problems = check(route, method)
        if problems:
            failures.append(f"{method.upper()} {route.template}: " + "; ".join(problems))
    assert not failures, "\n".join(failures)


def test_every_operation_is_covered():
    """The recipes follow the URL conf: one for each operation, none for a route gone."""
    routed = {(route.name, method) for route, method in OPERATIONS}
    assert routed == set(CALLS)


def test_an_unknown_parameter_is_a_400_in_the_one_error_shape(client, content):
    def check(route, method):
        kwargs, body = recipe(route, method, content)
        response = call(client, route, method, kwargs, body, {"colour": "blue"}, content)
        problems = check_error(response, 400, "unknown_parameter")
        if not problems and "colour" not in response.json()["detail"]:
            problems.append("the message does not name the parameter")
        return problems

    run(check)


def test_an_unknown_locale_is_a_400(client, content):
    def check(route, method):
        kwargs, body = recipe(route, method, content)
        response = call(client, route, method, kwargs, body, {"locale": "xx"}, content)
        # An endpoint without content in a language takes no ?locale= at all.
        codes = {"unknown_locale", "unknown_parameter"}
        problems = check_error(response, 400)
        if not problems and response.json()["code"] not in codes:
            problems.append(f"code {response.json()['code']!r}")
        return problems

    run(check)


def test_an_unknown_id_is_a_json_404(client, content):
    def check(route, method):
        if not route.parameters:
            return []
        kwargs, body = recipe(route, method, content)
        missing = {
            name: ("AAAA-BBBB-CCCC-DDDD" if name == "code" else MISSING_ID) for name in kwargs
        }
        return check_error(
            call(client, route, method, missing, body, content=content), 404, "not_found"
        )

    run(check)


def test_content_language_names_the_languages_served(client, content):
    """Polish is asked for; what has no Polish translation comes in English and says so."""

    def check(route, method):
        kwargs, body = recipe(route, method, content)
        query = {"locale": "pl"} if takes_locale(route) else {}
        response = call(client, route, method, kwargs, body, query, content)
        no_language = {"index", "auth-token", "auth-logout", "me", "credential-status-list"}
        if route.name in no_language:
            return []  # no content in a language
        if route.name == "me-export":
            # In the learner's preferred language, whatever is asked for.
            return []
        if route.name in {"certificate-credential", "certificate-credential-svg"}:
            # In the learner's language, whatever is asked for: it says so in the header.
            credential = (
                baking.extract(response.content)
                if route.name == "certificate-credential-svg"
                else response.json()
            )
            language = credential["credentialSubject"]["achievement"]["inLanguage"]
            return [] if response["Content-Language"] == language else ["Content-Language"]
        if not succeeded(route, method, response):
            return [f"status {response.status_code}: {response.content[:200]}"]
        if route.name == "course-export":
            # A package, not JSON: the language its manifest declares.
            manifest = zipfile.ZipFile(io.BytesIO(response.content)).read("imsmanifest.xml")
            served = re.search(rb"<lomimscc:language>([a-z-]+)<", manifest).group(1).decode()
            header = response["Content-Language"]
            return [] if header == served else [f"Content-Language {header}, package in {served}"]
        data = response.json()
        items = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(data, dict) and isinstance(data.get("locale"), str):
            served = {data["locale"]}
        elif isinstance(items, list) and any(isinstance(i, dict) and "locale" in i for i in items):
            served = {item["locale"] for item in items}
        else:
            served = {"pl"}
        header = set(response.get("Content-Language", "").split(", "))
        problems = [] if header == served else [f"Content-Language {header}, body in {served}"]
        if "Accept-Language" not in response.get("Vary", ""):
            problems.append("no Vary: Accept-Language")
        return problems

    run(check)


def test_every_answer_validates_against_the_schema(client, content):
    validator = ResponseValidator(served_schema())

    def check(route, method):
        operation = validator.operation(route.template, method)
        if operation is None:
            return ["not in the schema"]
        problems = []
        for query in ({}, {"locale": "pl"}):
            if query and not takes_locale(route):
                continue
            kwargs, body = recipe(route, method, content)
            response = call(client, route, method, kwargs, body, query, content)
            if not succeeded(route, method, response):
                problems.append(f"{query}: status {response.status_code}")
                continue
            if response.status_code == 204:
                # No Content: the schema documents the status, with no body.
                if response.content or operation["responses"]["204"].get("content"):
                    problems.append(f"{query}: a 204 with a body")
                continue
            media_type = response.get("Content-Type", "").split(";")[0]
            if not media_type.endswith("json"):
                # A file (a course package): its media type is one the schema documents.
                documented = operation["responses"].get(str(response.status_code), {})
                if media_type not in documented.get("content", {}):
                    problems.append(f"{query}: {media_type} is not documented")
                continue
            try:
                validator(operation, response.status_code, response.json())
            except AssertionError as error:
                problems.append(f"{query}: {error}")
        return problems

    run(check)
