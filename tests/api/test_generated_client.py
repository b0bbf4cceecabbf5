"""A client generated from Harbour's OpenAPI schema by a standard generator
(openapi-python-client) calls every operation against a live server and parses every answer.

The generator runs once per module. Every module of the generated ``api`` package must have a
call recipe below, so a new endpoint fails here until it is covered. Each call checks the
status, that ``response.parsed`` is the generated model, and that the JSON body validates
against the schema: the generated models let a null or a number through where the schema
promises a string, and keep undocumented fields quietly; the schema check does not.
"""

import enum
import importlib
import json
import pkgutil
import shutil
import subprocess
import sys
import traceback
import typing
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from lms.models import APIKey
from standards import baking
from tests import factories
from tests.api.contract import PASSWORD, RIGHT, ResponseValidator, build_content, served_schema

# The live server needs a transactional database.
pytestmark = pytest.mark.django_db(transaction=True)

# The generator installed beside the Python running the tests (.venv/bin), else on PATH.
GENERATOR = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) or (
    shutil.which("openapi-python-client")
)
PACKAGE = "harbour_api_client"


# --- The generated client -------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    """The schema as /api/v1/schema/ serves it."""
    with django_db_blocker.unblock():
        return served_schema()


@pytest.fixture(scope="module")
def generated(schema, tmp_path_factory):
    """The package openapi-python-client generates from the schema, imported."""
    assert GENERATOR, "openapi-python-client is not installed (pyproject.toml's dev extra)"
    work = tmp_path_factory.mktemp("generated-client")
    (work / "schema.json").write_text(json.dumps(schema))
    # No post-hooks: formatting the generated code with ruff only costs time.
    # A zip (a course export) or an SVG (a baked badge) is a file to the generator, as
    # application/octet-stream is.
    config = {
        "post_hooks": [],
        "content_type_overrides": {
            "application/zip": "application/octet-stream",
            "image/svg+xml": "application/octet-stream",
        },
    }
    (work / "config.json").write_text(json.dumps(config))
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(work / "schema.json"),
            "--config",
            str(work / "config.json"),
            "--output-path",
            str(work / PACKAGE),
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(work))
        for name in [name for name in sys.modules if name.partition(".")[0] == PACKAGE]:
            del sys.modules[name]


def operations(package):
    """``{name: module}`` of every operation module in ``package.api.*``, and ``{name:
    error}`` of those that do not import."""
    api = importlib.import_module(f"{package.__name__}.api")
    found, broken = {}, {}
    for tag in pkgutil.iter_modules(api.__path__):
        tag_package = importlib.import_module(f"{api.__name__}.{tag.name}")
        for module in pkgutil.iter_modules(tag_package.__path__):
            try:
                found[module.name] = importlib.import_module(
                    f"{tag_package.__name__}.{module.name}"
                )
            except Exception as error:  # noqa: BLE001 - reported with the other failures
                broken[module.name] = f"{type(error).__name__}: {error}"
    return found, broken


def arguments(module, kwargs):
    """``kwargs`` as the generated function takes them: a value of an enum parameter (the
    content API's ``locale``) as that enum."""
    hints = typing.get_type_hints(module.sync_detailed)
    converted = {}
    for name, value in kwargs.items():
        enums = [
            arg
            for arg in typing.get_args(hints[name]) or [hints[name]]
            if isinstance(arg, type) and issubclass(arg, enum.Enum)
        ]
        converted[name] = enums[0](value) if enums else value
    return converted


def body_class(module):
    """The generated model of an operation's request body, or None if it takes none."""
    hints = typing.get_type_hints(module.sync_detailed)
    if "body" not in hints:
        return None
    hint = hints["body"]
    classes = {arg for arg in typing.get_args(hint) or [hint] if hasattr(arg, "from_dict")}
    assert len(classes) == 1, f"{module.__name__}: one body model expected, got {classes}"
    return classes.pop()


# --- The schema, as a JSON Schema -----------------------------------------------------------


@pytest.fixture(scope="module")
def response_validator(schema):
    """Checks a JSON body against the response an operation (by operationId, which is the
    generated module's name) documents for its status."""
    return ResponseValidator(schema)


# --- Content --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def unthrottled(settings):
    """The recipes make more anonymous calls in a minute than the anon rate allows; the rate
    limit has tests of its own (tests/api/test_access.py)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "api_key": None, "user": None},
    }


@dataclass
class Call:
    """One call of an operation: its arguments, the status expected and the generated
    model ``response.parsed`` must be (or a list of)."""

    kwargs: dict = field(default_factory=dict)
    status: int = 200
    model: str = ""
    many: bool = False
    token: bool = True
    # As a partner site, with an API key, instead of the learner's token.
    api_key: bool = False
    # A file, not JSON: ``response.parsed`` is the generated File, a zip (or "svg": an SVG
    # with a credential baked in).
    file: bool | str = False
    body: dict | None = None
    # Run after the call: puts back what the call takes away (a revoked token).
    after: object = None
    # As another learner, by a function giving that learner's token (a throwaway account).
    token_of: object = None


def throwaway(content):
    """The token of a learner of their own, made once per content: an account to delete."""
    if "throwaway" not in content:
        content["throwaway"] = Token.objects.create(user=factories.UserFactory()).key
    return content["throwaway"]


# The calls of each operation, by module name. Content operations run without a token.
RECIPES = {
    "root_retrieve": lambda c: [Call(token=False, model="APIIndex")],
    "auth_logout_create": lambda c: [
        Call(
            status=204,
            after=lambda: Token.objects.get_or_create(user=c["learner"], key=c["token"]),
        )
    ],
    "auth_token_create": lambda c: [
        Call(body={"username": c["learner"].username, "password": PASSWORD}, model="AuthToken"),
        Call(body={"username": c["learner"].username, "password": "wrong"}, status=400),
    ],
    "courses_list": lambda c: [
        Call(token=False, model="PaginatedCourseList"),
        Call({"locale": "pl"}, token=False, model="PaginatedCourseList"),
        Call({"page_size": 1000}, token=False, status=400),
        Call({"page": 99}, token=False, status=404),
        # Sparse fields, a look-up by slug, and vocabulary values nobody has.
        Call({"fields": "title,url"}, token=False, model="PaginatedCourseList"),
        Call({"fields": "-subsectors,-partners"}, token=False, model="PaginatedCourseList"),
        Call({"fields": "colour"}, token=False, status=400),
        Call({"slug": c["course"].slug, "locale": "pl"}, token=False, model="PaginatedCourseList"),
        Call({"subsector": "nonexistent"}, token=False, status=400),
        Call({"country": "XX"}, token=False, status=400),
    ],
    "courses_retrieve": lambda c: [
        Call({"id": c["course"].pk}, token=False, model="CourseDetail"),
        Call({"id": c["course"].pk, "locale": "pl"}, token=False, model="CourseDetail"),
        Call({"id": 10**17}, token=False, status=404),
        Call({"id": c["course"].pk, "fields": "title,lessons"}, token=False, model="CourseDetail"),
    ],
    "lessons_retrieve": lambda c: [
        Call({"id": c["quiz_lesson"].pk}, token=False, model="Lesson"),
        Call({"id": c["quiz_lesson"].pk, "fields": "-body"}, token=False, model="Lesson"),
        Call({"id": c["quiz_lesson"].pk, "locale": "pl"}, token=False, model="Lesson"),
    ],
    "case_studies_list": lambda c: [
        Call(token=False, model="PaginatedCaseStudyList"),
        Call({"slug": c["case_study"].slug}, token=False, model="PaginatedCaseStudyList"),
        Call({"partner": "nobody"}, token=False, status=400),
    ],
    "case_studies_retrieve": lambda c: [
        Call({"id": c["case_study"].pk}, token=False, model="CaseStudyDetail"),
        Call({"id": c["empty_case_study"].pk}, token=False, model="CaseStudyDetail"),
    ],
    "partners_list": lambda c: [
        Call(token=False, model="PaginatedPartnerList"),
        Call(
            {"slug": "goethe-institut", "fields": "name"}, token=False, model="PaginatedPartnerList"
        ),
        Call({"subsector": "nonexistent"}, token=False, status=400),
    ],
    "partners_retrieve": lambda c: [
        Call({"id": c["directory"]["goethe"].pk}, token=False, model="PartnerDetail")
    ],
    "subsectors_list": lambda c: [
        Call({"locale": "pl"}, token=False, model="PaginatedSubsectorList")
    ],
    "subsectors_retrieve": lambda c: [
        Call({"id": c["directory"]["design"].pk}, token=False, model="Subsector")
    ],
    "countries_list": lambda c: [Call(token=False, model="PaginatedCountryList")],
    "countries_retrieve": lambda c: [
        Call({"id": c["directory"]["PL"].pk}, token=False, model="Country")
    ],
    "locales_list": lambda c: [Call(token=False, model="Locale", many=True)],
    # The calendar's calls run as the learner: the content calls use up the anonymous rate
    # (60 a minute) already.
    "events_list": lambda c: [
        Call(model="PaginatedEventList"),
        Call({"locale": "pl", "when": "upcoming"}, model="PaginatedEventList"),
        Call(
            {"kind": "network_meeting", "partner": "goethe-institut"},
            model="PaginatedEventList",
        ),
        Call({"month": "May"}, status=400),
        Call({"partner": "nobody"}, status=400),
    ],
    "events_retrieve": lambda c: [
        Call({"id": c["event"].pk}, model="EventDetail"),
        Call({"id": c["event"].pk, "locale": "pl"}, model="EventDetail"),
    ],
    "focus_countries_list": lambda c: [
        Call({"locale": "pl"}, model="PaginatedFocusPeriodList"),
        Call({"when": "coming"}, model="PaginatedFocusPeriodList"),
        # An unknown ?when= cannot be sent through the generated enum; tests/network tests its 400.
        Call({"when": "past", "country": "PL"}, model="PaginatedFocusPeriodList"),
    ],
    "competencies_list": lambda c: [Call({"locale": "pl"}, model="PaginatedCompetencyList")],
    "competency_map_retrieve": lambda c: [
        Call(model="CompetencyMap"),
        Call({"locale": "pl"}, model="CompetencyMap"),
    ],
    "match_suggestions_retrieve": lambda c: [
        Call(model="MatchSuggestions"),
        Call({"locale": "pl"}, model="MatchSuggestions"),
        Call(token=False, status=401),
    ],
    "contact_requests_list": lambda c: [Call(model="PaginatedContactRequestList")],
    "contact_requests_create": lambda c: [
        Call(
            body={"partner": c["directory"]["goethe"].pk, "message": "May we visit?"},
            status=201,
            model="ContactRequest",
        ),
        Call(body={"partner": c["directory"]["goethe"].pk, "message": ""}, status=400),
    ],
    "focus_country_retrieve": lambda c: [
        Call(model="FocusPeriod"),
        Call({"locale": "pl"}, model="FocusPeriod"),
    ],
    "translation_status_list": lambda c: [
        Call(token=False, model="PaginatedTranslationStatusList"),
        Call(
            {"locale": "pl", "state": "not_synced", "type_": "course"},
            token=False,
            model="PaginatedTranslationStatusList",
        ),
        Call(
            {"state": "missing", "page_size": 1},
            token=False,
            model="PaginatedTranslationStatusList",
        ),
        Call({"page_size": 1000}, token=False, status=400),
    ],
    # Hits and suggestions of every type: courses, lessons, case studies and partners.
    "search_retrieve": lambda c: [
        *(
            Call({"q": q, "locale": "en"}, token=False, model="SearchResponse")
            for q in ("borders", "lesson", "Creative Ports", "Goethe")
        ),
        Call(
            {"q": "Praca", "locale": "pl", "type_": ["course"]}, token=False, model="SearchResponse"
        ),
        Call({"q": "nothing-matches-this"}, token=False, model="SearchResponse"),
        Call({"q": "lesson", "type_": ["nothing"]}, token=False, status=400),
    ],
    "search_autocomplete_retrieve": lambda c: [
        Call({"q": q, "locale": "en"}, token=False, model="AutocompleteResponse")
        for q in ("Cou", "Less", "Crea", "Goe")
    ],
    "certificates_retrieve": lambda c: [
        Call({"code": c["certificate"].code}, token=False, model="Certificate"),
        Call({"code": c["gone_certificate"].code}, token=False, model="Certificate"),
        Call({"code": "AAAA-BBBB-CCCC-DDDD"}, token=False, status=404),
    ],
    "certificates_credential_retrieve": lambda c: [
        Call({"code": c["certificate"].code}, token=False, model="OpenBadgeCredential"),
        Call({"code": "AAAA-BBBB-CCCC-DDDD"}, token=False, status=404),
    ],
    "certificates_credential_svg_retrieve": lambda c: [
        Call({"code": c["certificate"].code}, token=False, file="svg"),
        Call({"code": "AAAA-BBBB-CCCC-DDDD"}, token=False, status=404),
    ],
    "credentials_status_retrieve": lambda c: [
        Call(token=False, model="BitstringStatusListCredential"),
    ],
    "enrolments_list": lambda c: [
        Call(model="PaginatedEnrolmentList"),
        Call({"locale": "pl"}, model="PaginatedEnrolmentList"),
        Call(token=False, status=401),
    ],
    "enrolments_create": lambda c: [
        Call(body={"course": c["new_course"].pk}, status=201, model="Enrolment"),
        # Enrolled already: the existing enrolment, with 200.
        Call(body={"course": c["course"].pk}, status=200, model="Enrolment"),
    ],
    "enrolments_retrieve": lambda c: [
        Call(
            {"id": c["learner"].enrolments.get(course_key=c["course"].translation_key).pk},
            model="Enrolment",
        ),
        Call({"id": 10**17}, status=404),
    ],
    "progress_lessons_retrieve": lambda c: [
        Call({"lesson_id": c["lessons"][0].pk}, model="LessonProgress"),
        # No progress recorded yet: completed_at and updated_at are null.
        Call({"lesson_id": c["open_lessons"][1].pk}, model="LessonProgress"),
    ],
    "progress_lessons_update": lambda c: [
        Call(
            {"lesson_id": c["open_lessons"][1].pk},
            body={"status": "in_progress", "position": "b-1", "time_spent": 30},
            model="LessonProgress",
        ),
    ],
    "lessons_quiz_attempts_list": lambda c: [
        Call({"lesson_id": c["quiz_lesson"].pk}, model="QuizAttempt", many=True)
    ],
    "lessons_quiz_attempts_create": lambda c: [
        Call(
            {"lesson_id": c["quiz_lesson"].pk},
            body={"quiz": c["quiz_id"], "answers": RIGHT},
            status=201,
            model="QuizAttempt",
        ),
    ],
    "reflections_lessons_retrieve": lambda c: [
        Call({"lesson_id": c["quiz_lesson"].pk}, model="LessonReflections"),
        Call({"lesson_id": c["quiz_lesson"].pk, "locale": "pl"}, model="LessonReflections"),
        Call({"lesson_id": c["quiz_lesson"].pk}, token=False, status=401),
    ],
    "reflections_lessons_update": lambda c: [
        Call(
            {"lesson_id": c["quiz_lesson"].pk},
            body={"reflection": c["reflection_id"], "text": "Call Ilze in Riga."},
            model="LessonReflections",
        ),
        Call(
            {"lesson_id": c["quiz_lesson"].pk},
            body={"reflection": "nothing", "text": "A note."},
            status=400,
        ),
    ],
    # A draft of each kind of page, for a partner front end; a bad token in the one error shape.
    "preview_retrieve": lambda c: [
        *(
            Call({"token": token}, token=False, model="Preview")
            for token in c["preview_tokens"].values()
        ),
        Call({"token": c["preview_tokens"]["lesson"] + "x"}, token=False, status=403),
    ],
    # An address on the site: a redirect to the object in the API, with the same in the body.
    "find_retrieve": lambda c: [
        Call({"path": c["course"].url}, token=False, status=302, model="Found"),
        Call({"path": "/pl/nothing-here/"}, token=False, status=404),
    ],
    # The change feed: from the start, resumed at a cursor, and a cursor that is no number
    # (as the learner: the anonymous rate is used up by the content calls).
    "changes_list": lambda c: [
        Call(model="ChangeFeed"),
        Call({"since": "1", "limit": 5, "type_": "course"}, model="ChangeFeed"),
        Call({"since": "yesterday"}, status=400),
    ],
    # A package of the course in each format, for a partner site; a format that does not exist.
    "courses_export": lambda c: [
        *(
            Call({"id": c["course"].pk, "format_": name, "locale": "en"}, api_key=True, file=True)
            for name in ("cc11", "thincc13", "scorm12")
        ),
        Call({"id": c["course"].pk, "format_": "cc11"}, token=False, status=401),
    ],
    "me_destroy": lambda c: [
        Call(body={"password": "wrong"}, status=400, token_of=lambda: throwaway(c)),
        Call(body={"password": PASSWORD}, status=204, token_of=lambda: throwaway(c)),
    ],
    "me_export_retrieve": lambda c: [Call(model="MeExportRetrieveResponse200")],
    "me_progress_retrieve": lambda c: [
        Call(model="ProgressSummary"),
        Call({"locale": "pl"}, model="ProgressSummary"),
    ],
}


def test_a_generated_client_parses_every_operation(
    generated,
    response_validator,
    live_server,
    locales,
    home,
    course_index,
    case_study_index,
    course,
    directory,
):
    found, broken = operations(generated)
    missing = sorted((set(found) | set(broken)) - set(RECIPES))
    assert not missing, f"operations without a call recipe: {missing}"

    content = build_content(locales, home, course_index, case_study_index, course, directory)
    models = importlib.import_module(f"{PACKAGE}.models")
    generated_types = importlib.import_module(f"{PACKAGE}.types")
    anonymous = generated.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    learner = generated.AuthenticatedClient(
        base_url=live_server.url,
        token=content["token"],
        prefix="Token",
        raise_on_unexpected_status=True,
    )
    partner = generated.AuthenticatedClient(
        base_url=live_server.url,
        token=APIKey.generate(name="Generated client")[1],
        prefix="Api-Key",
        raise_on_unexpected_status=True,
    )
    failures = [f"{name}: does not import: {error}" for name, error in sorted(broken.items())]
    count = len(failures)
    for name, module in sorted(found.items()):
        for call in RECIPES[name](content):
            count += 1
            kwargs = arguments(module, call.kwargs)
            if call.body is not None:
                kwargs["body"] = body_class(module).from_dict(call.body)
            label = f"{name}({call.kwargs}{', body' if call.body else ''})"
            try:
                client = partner if call.api_key else learner if call.token else anonymous
                if call.token_of is not None:
                    client = generated.AuthenticatedClient(
                        base_url=live_server.url,
                        token=call.token_of(),
                        prefix="Token",
                        raise_on_unexpected_status=True,
                    )
                response = module.sync_detailed(client=client, **kwargs)
            except Exception as error:  # noqa: BLE001 - every failure is reported at the end
                where = traceback.extract_tb(error.__traceback__)[-1]
                failures.append(
                    f"{label}: {type(error).__name__}: {error} "
                    f"({Path(where.filename).name}:{where.lineno}: {where.line})"
                )
                continue
            if call.after is not None:
                call.after()
            if call.file:
                parsed = response.parsed
                if response.status_code != call.status or not isinstance(
                    parsed, generated_types.File
                ):
                    failures.append(f"{label}: {response.status_code}, parsed {parsed!r}")
                elif call.file == "svg":
                    try:
                        baking.extract(parsed.payload.read())
                    except baking.NotBaked as error:
                        failures.append(f"{label}: no credential baked in: {error}")
                elif not zipfile.is_zipfile(parsed.payload):
                    failures.append(f"{label}: the file is not a zip")
                continue
            body = json.loads(response.content) if response.content else None
            problems = []
            if response.status_code != call.status:
                problems.append(f"status {response.status_code}, not {call.status}")
            if call.status == 204:
                if body is not None or response.parsed is not None:
                    failures.append(f"{label}: a 204 with a body")
                elif problems:
                    failures.append(f"{label}: " + "; ".join(problems))
                continue
            expected = getattr(models, call.model or "APIError")
            parsed = response.parsed
            items = parsed if call.many else [parsed]
            if (
                (call.many and not isinstance(parsed, list))
                or not items
                or not all(isinstance(item, expected) for item in items)
            ):
                problems.append(f"parsed {type(parsed).__name__}, not {expected.__name__}")
            try:
                response_validator(name, response.status_code, body)
            except AssertionError as error:
                problems.append(str(error))
            if problems:
                failures.append(f"{label}: " + "; ".join(problems))
    assert not failures, f"{len(failures)} of {count} calls failed:\n" + "\n".join(failures)
