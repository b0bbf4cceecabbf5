"""The API as a partner portal uses it: links in the reader's language, neutral 404s, honest
filters, look-ups by slug and path, sparse fields and the headers a browser may read."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api.conftest import translate
from tests.api.contract import served_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish(catalogue):
    """ "Working across borders" is translated into Polish; the other two courses are not."""
    return translate(catalogue["borders"], "pl", title="Praca ponad granicami", slug="praca")


def by_title(data):
    return {item["title"]: item for item in data["results"]}


# --- Links in the reader's language ---------------------------------------------------------


def test_a_fallback_item_links_to_the_page_under_the_requested_language(api, catalogue, polish):
    items = by_title(api.get_json("/api/v1/courses/?locale=pl"))
    sound = items["Sound of the Baltic"]
    assert sound["is_fallback"] is True
    assert sound["url"] == f"http://testserver/pl/{catalogue['sound'].url.split('/', 2)[2]}"
    assert sound["canonical_url"] == f"http://testserver{catalogue['sound'].url}"
    assert sound["canonical_url"].startswith("http://testserver/en/")


def test_a_translated_item_links_to_its_translation(api, catalogue, polish):
    praca = by_title(api.get_json("/api/v1/courses/?locale=pl"))["Praca ponad granicami"]
    assert praca["url"] == praca["canonical_url"] == f"http://testserver{polish.url}"
    assert "/pl/" in praca["url"] and praca["url"].endswith("/praca/")


def test_the_localised_link_serves_the_page_with_the_readers_interface(api, client, catalogue):
    sound = api.get_json(f"/api/v1/courses/{catalogue['sound'].pk}/?locale=lt")
    path = sound["url"].removeprefix("http://testserver")
    assert path.startswith("/lt/")
    page = client.get(path)
    assert page.status_code == 200
    assert page["Content-Language"] == "lt"
    assert "Sound of the Baltic" in page.content.decode()


def test_a_syllabus_links_its_lessons_in_the_readers_language(api, catalogue):
    data = api.get_json(f"/api/v1/courses/{catalogue['borders'].pk}/?locale=de")
    assert data["url"].startswith("http://testserver/de/")
    assert [lesson["url"].split("/")[3] for lesson in data["lessons"]] == ["de", "de"]
    assert all("/en/" in lesson["canonical_url"] for lesson in data["lessons"])


def test_without_a_requested_locale_links_stay_canonical(api, catalogue):
    data = api.get_json(f"/api/v1/courses/{catalogue['sound'].pk}/")
    assert data["url"] == data["canonical_url"] == f"http://testserver{catalogue['sound'].url}"


# --- 404s -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("courses", "No course has this id."),
        ("lessons", "No lesson has this id."),
        ("case-studies", "No case study has this id."),
        ("partners", "No partner has this id."),
        ("subsectors", "No subsector has this id."),
        ("countries", "No country has this id."),
    ],
)
def test_a_missing_and_a_non_numeric_id_get_the_same_neutral_404(api, locales, path, message):
    answers = [
        api.get_json(f"/api/v1/{path}/{value}/", status=404)
        for value in ("987654321", "abc", "9" * 30)
    ]
    assert answers == [{"detail": message, "code": "not_found"}] * 3


# --- Filters tell the truth -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name", "named"),
    [
        (
            "/api/v1/courses/?subsector=nonexistent",
            "subsector",
            ["design, music", "/api/v1/subsectors/"],
        ),
        ("/api/v1/courses/?country=XX", "country", ["DE, PL", "/api/v1/countries/"]),
        ("/api/v1/case-studies/?partner=nobody", "partner", ["/api/v1/partners/"]),
        ("/api/v1/partners/?subsector=nonexistent", "subsector", ["design, music"]),
        ("/api/v1/partners/?country=xx", "country", ["DE, PL"]),
        ("/api/v1/courses/?level=expert", "level", ["beginner, intermediate, advanced"]),
        ("/api/v1/partners/?kind=circus", "kind", ["cultural"]),
        ("/api/v1/courses/?language=xx", "language", ["en, de, da"]),
    ],
)
def test_an_unknown_vocabulary_value_is_a_400_naming_the_valid_ones(
    api, catalogue, query, name, named
):
    body = api.get_json(query, status=400)
    assert body["code"] == "invalid" and set(body["errors"]) == {name}
    message = body["errors"][name][0]
    assert "Unknown value" in message
    assert all(part in message for part in named), message


def test_an_unknown_locale_lists_the_valid_ones(api, catalogue):
    body = api.get_json("/api/v1/courses/?locale=xx", status=400)
    assert body["code"] == "unknown_locale" and "en, de, da, sv" in body["detail"]


def test_known_vocabulary_values_filter_in_any_case(api, catalogue):
    assert api.get_json("/api/v1/courses/?country=pl")["count"] == 1
    assert api.get_json("/api/v1/courses/?subsector=music")["count"] == 1
    assert api.get_json("/api/v1/courses/?partner=goethe-institut")["count"] == 1


def test_the_web_catalogue_keeps_its_lenient_message(client, catalogue):
    response = client.get("/en/courses/?subsector=nonexistent")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters could not be used and were ignored" in page
    assert "Unknown value" not in page
    assert "Working across borders" in page


def test_a_known_value_nothing_has_is_an_empty_list(api, catalogue):
    factories.SubsectorFactory(slug="film", name="Film")
    assert api.get_json("/api/v1/courses/?subsector=film")["count"] == 0


# --- Look-ups -------------------------------------------------------------------------------


def test_a_slug_finds_a_course_in_the_requested_locale(api, catalogue, polish):
    english = api.get_json("/api/v1/courses/?slug=praca&locale=en")
    assert [item["id"] for item in english["results"]] == [catalogue["borders"].pk]
    found = api.get_json(f"/api/v1/courses/?slug={catalogue['borders'].slug}&locale=pl")
    assert [item["id"] for item in found["results"]] == [polish.pk]
    assert api.get_json("/api/v1/courses/?slug=no-such-course")["count"] == 0


def test_a_slug_finds_a_case_study_and_a_partner(api, case_study_index, directory):
    case_study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, slug="creative-ports"
    )
    data = api.get_json("/api/v1/case-studies/?slug=creative-ports")
    assert [item["id"] for item in data["results"]] == [case_study.pk]
    data = api.get_json("/api/v1/partners/?slug=goethe-institut")
    assert [item["id"] for item in data["results"]] == [directory["goethe"].pk]


def test_find_redirects_a_translated_page_to_its_translation(api, catalogue, polish):
    response = api.get("/api/v1/find/", {"path": polish.url})
    assert response.status_code == 302
    expected = f"http://testserver/api/v1/courses/{polish.pk}/?locale=pl"
    assert response["Location"] == expected
    assert response.json() == {
        "type": "course",
        "id": polish.pk,
        "locale": "pl",
        "api_url": expected,
    }
    assert api.get_json(response["Location"])["title"] == "Praca ponad granicami"


def test_find_follows_the_fallback_tree_and_takes_a_full_url(api, catalogue, polish):
    lesson = catalogue["borders"].get_children().first().specific
    path = "/pl/" + lesson.url.split("/", 2)[2]
    response = api.get("/api/v1/find/", {"path": f"https://harbour.example{path}?x=1"})
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver/api/v1/lessons/{lesson.pk}/?locale=pl"


def test_find_knows_a_partners_page(api, directory, home):
    response = api.get("/api/v1/find/", {"path": "/de/partners/goethe-institut/"})
    assert response.status_code == 302
    assert response.json()["type"] == "partner"
    assert response.json()["id"] == directory["goethe"].pk


@pytest.mark.parametrize(
    "path", ["/pl/courses/no-such-course/", "/courses/", "/xx/courses/", "/pl/", "/pl/learn/"]
)
def test_find_answers_a_404_for_an_address_without_content(api, catalogue, path):
    body = api.get_json(f"/api/v1/find/?path={path}", status=404)
    assert body == {"detail": "Nothing in the API is at this address.", "code": "not_found"}


def test_find_does_not_find_an_unpublished_page(api, catalogue):
    url = catalogue["sound"].url
    catalogue["sound"].unpublish()
    api.get_json(f"/api/v1/find/?path={url}", status=404)


def test_find_needs_a_path(api, locales):
    assert api.get_json("/api/v1/find/", status=400)["code"] == "path_required"


# --- Sparse fields --------------------------------------------------------------------------


def test_fields_keeps_the_fields_asked_for_the_id_and_the_locale(api, catalogue, polish):
    response = api.get("/api/v1/courses/?fields=title,summary,url&locale=pl")
    data = response.json()
    fields = {tuple(item) for item in data["results"]}
    assert fields == {("id", "locale", "title", "summary", "url")}
    # The items still say which language they are in, and so does the header.
    assert response["Content-Language"] == "pl, en"
    assert set(data) == {"count", "next", "previous", "results"}


def test_a_minus_sign_leaves_a_field_out(api, course):
    lesson = course.get_children().first()
    data = api.get_json(f"/api/v1/lessons/{lesson.pk}/?fields=-body,-course")
    assert "body" not in data and "course" not in data
    assert {"id", "title", "url", "canonical_url", "available_locales"} <= set(data)
    full = api.get_json(f"/api/v1/lessons/{lesson.pk}/")
    assert set(full) - set(data) == {"body", "course"}


def test_a_detail_takes_the_fields_of_the_detail(api, catalogue):
    pk = catalogue["borders"].pk
    data = api.get_json(f"/api/v1/courses/{pk}/?fields=title,lessons")
    assert list(data) == ["id", "locale", "title", "lessons"]
    # Nested items keep their fields.
    assert "url" in data["lessons"][0] and "estimated_minutes" in data["lessons"][0]


def test_an_unknown_field_is_a_400_naming_the_valid_ones(api, catalogue):
    body = api.get_json("/api/v1/courses/?fields=title,colour,-size", status=400)
    assert body["code"] == "invalid"
    message = body["errors"]["fields"][0]
    assert "colour, -size" in message and "title" in message and "cover_image" in message
    # A list's items have no syllabus; the detail does.
    message = api.get_json("/api/v1/courses/?fields=lessons", status=400)["errors"]["fields"][0]
    assert "lessons" in message.split("Valid fields:")[0]
    pk = catalogue["borders"].pk
    api.get_json(f"/api/v1/courses/{pk}/?fields=lessons")


def test_the_response_cache_keys_on_the_fields(api, catalogue, settings):
    settings.HARBOUR_API_CACHE = True
    full = api.get_json("/api/v1/courses/")
    few = api.get_json("/api/v1/courses/?fields=title,url")
    assert set(full["results"][0]) != set(few["results"][0])
    # The same fields in another order are the same stored response: no query at all.
    with CaptureQueriesContext(connection) as queries:
        again = api.get("/api/v1/courses/?fields=url,title")
    assert again.json() == few and len(queries) == 0
    assert api.get_json("/api/v1/courses/") == full


def test_a_full_answer_has_every_field_the_schema_names(api, catalogue, course, directory):
    """The schema lets any field but id and locale be absent, for ?fields=; without it, all
    come."""
    components = served_schema()["components"]["schemas"]
    lesson = course.get_children().first()
    answers = {
        "Course": api.get_json("/api/v1/courses/")["results"][0],
        "CourseDetail": api.get_json(f"/api/v1/courses/{course.pk}/"),
        "Lesson": api.get_json(f"/api/v1/lessons/{lesson.pk}/"),
        "Partner": api.get_json("/api/v1/partners/")["results"][0],
        "PartnerDetail": api.get_json(f"/api/v1/partners/{directory['goethe'].pk}/"),
        "Subsector": api.get_json("/api/v1/subsectors/")["results"][0],
        "Country": api.get_json("/api/v1/countries/")["results"][0],
    }
    for name, answer in answers.items():
        assert components[name]["required"] == ["id", "locale"]
        assert set(answer) == set(components[name]["properties"]), name


# --- Headers --------------------------------------------------------------------------------


def throttle_rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "api_key": "5/minute", "user": "4/minute"}
        | rates,
    }


def test_every_counted_answer_carries_the_quota(api, catalogue, settings):
    throttle_rates(settings)
    answers = [api.get("/api/v1/courses/") for _ in range(3)]
    assert [answer["RateLimit"].split(";")[1] for answer in answers] == ["r=2", "r=1", "r=0"]
    assert {answer["RateLimit-Policy"] for answer in answers} == {'"anon";q=3;w=60'}
    reset = int(answers[-1]["RateLimit"].split(";t=")[1])
    assert 0 < reset <= 60
    refused = api.get("/api/v1/courses/")
    assert refused.status_code == 429
    assert refused["RateLimit"].startswith('"anon";r=0;t=')
    assert int(refused["Retry-After"]) > 0


def test_errors_and_cached_answers_carry_the_quota_too(api, catalogue, settings):
    throttle_rates(settings, anon="10/minute")
    settings.HARBOUR_API_CACHE = True
    api.get("/api/v1/courses/")
    cached = api.get("/api/v1/courses/")
    assert cached["RateLimit"].startswith('"anon";r=8;')
    missing = api.get("/api/v1/courses/abc/")
    assert missing.status_code == 404 and missing["RateLimit"].startswith('"anon";r=7;')
    # A 304 keeps it as well.
    revalidated = api.get("/api/v1/courses/", HTTP_IF_NONE_MATCH=cached["ETag"])
    assert revalidated.status_code == 304
    assert revalidated["RateLimit"].startswith('"anon";r=6;')


def test_a_keyed_client_sees_its_own_policy(api, catalogue, settings):
    from lms.models import APIKey

    throttle_rates(settings)
    _key, plain = APIKey.generate(name="Portal", throttle_rate="7/hour")
    response = api.get("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {plain}")
    assert response["RateLimit-Policy"] == '"api_key";q=7;w=3600'


def test_lists_send_link_headers_beside_next_and_previous(api, catalogue, settings):
    settings.HARBOUR_API_CACHE = True
    first = api.get("/api/v1/courses/?page_size=1")
    assert first["Link"] == f'<{first.json()["next"]}>; rel="next"'
    middle = api.get("/api/v1/courses/?page_size=1&page=2")
    body = middle.json()
    assert middle["Link"] == f'<{body["next"]}>; rel="next", <{body["previous"]}>; rel="prev"'
    # The cached copy keeps it.
    assert api.get("/api/v1/courses/?page_size=1&page=2")["Link"] == middle["Link"]
    assert not api.get("/api/v1/courses/").has_header("Link")


def test_cors_lets_a_partner_site_read_the_headers_that_matter(api, catalogue, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://portal.example"]
    origin = {"HTTP_ORIGIN": "https://portal.example"}
    response = api.get("/api/v1/courses/?page_size=1", **origin)
    assert response["Access-Control-Allow-Origin"] == "https://portal.example"
    exposed = {
        name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert exposed >= {
        "etag",
        "retry-after",
        "content-language",
        "link",
        "ratelimit",
        "ratelimit-policy",
    }
    preflight = api.options(
        "/api/v1/courses/",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        **origin,
    )
    assert preflight.status_code == 200
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]


# --- Schema security ------------------------------------------------------------------------


def test_only_operations_that_need_a_login_declare_security(locales):
    from rest_framework.permissions import IsAuthenticated

    from lms.api.authentication import PartnerKeyRequired
    from lms.api.routes import api_routes

    def key(template):
        return re.sub(r"{\w+}", "{}", template)

    paths = {key(path): item for path, item in served_schema()["paths"].items()}
    needs_login, public, partner_only = set(), set(), set()
    for route in api_routes():
        view = route.view_class
        if key(route.template) not in paths:
            continue
        for method, operation in paths[key(route.template)].items():
            security = operation.get("security")
            if PartnerKeyRequired in view.permission_classes:
                # Only partner sites, with an API key (a course export).
                partner_only.add(route.name)
                assert security == [{"ApiKeyAuth": []}], (route.template, method, security)
            elif any(issubclass(p, IsAuthenticated) for p in view.permission_classes):
                needs_login.add(route.name)
                names = {name for requirement in security or [] for name in requirement}
                assert names == {"tokenAuth", "cookieAuth"}, (route.template, method, security)
            else:
                public.add(route.name)
                assert security is None, (route.template, method, security)
    assert {"enrolment-list", "lesson-progress", "me-progress", "quiz-attempts"} <= needs_login
    assert {"course-list", "course-detail", "find", "search", "certificate-detail"} <= public
    assert partner_only == {"course-export"}


# --- Deprecation ----------------------------------------------------------------------------


@pytest.mark.urls("tests.api.deprecated_urls")
def test_a_deprecated_operation_says_so_in_headers_and_schema(api, locales):
    response = api.get("/api/v1/retired/")
    assert response.status_code == 200 and response.json() == {"retired": True}
    assert response["Deprecation"] == "@1780272000"  # 2026-06-01T00:00:00Z
    assert response["Sunset"] == "Fri, 01 Jan 2027 00:00:00 GMT"
    assert response["Link"] == '<http://testserver/api/v1/docs/>; rel="deprecation"'
    # Errors and revalidations carry them too.
    bad = api.get("/api/v1/retired/?colour=blue")
    assert bad.status_code == 400 and bad["Sunset"] == response["Sunset"]
    again = api.get("/api/v1/retired/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Deprecation"] == response["Deprecation"]
    operation = served_schema()["paths"]["/api/v1/retired/"]["get"]
    assert operation["deprecated"] is True
    assert "2027-01-01" in operation["description"]


def test_operations_are_not_deprecated_unless_marked(api, catalogue):
    response = api.get("/api/v1/courses/")
    assert not response.has_header("Deprecation") and not response.has_header("Sunset")
    operations = [
        operation
        for item in served_schema()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
    ]
    assert not any(operation.get("deprecated") for operation in operations)


def test_the_schema_states_the_versioning_policy(locales):
    description = served_schema()["info"]["description"]
    assert "/api/v2/" in description and "Deprecation" in description and "Sunset" in description


def test_search_hits_link_in_the_readers_language_too(api, catalogue, directory):
    hits = api.get_json("/api/v1/search/?q=Sound&locale=pl&type=course")["results"]
    sound = next(hit for hit in hits if hit["id"] == catalogue["sound"].pk)
    assert sound["is_fallback"] is True
    assert sound["url"].endswith("/pl/" + catalogue["sound"].url.split("/", 2)[2])
    suggestions = api.get_json("/api/v1/search/autocomplete/?q=Sou&locale=pl")["results"]
    assert any(s["url"].endswith(sound["url"].split("testserver")[-1]) for s in suggestions)
    partner = api.get_json("/api/v1/search/?q=Goethe&locale=de&type=partner")["results"][0]
    assert "/de/partners/goethe-institut/" in partner["url"]


def test_a_learners_records_link_pages_in_the_readers_language(api, course):
    from rest_framework.authtoken.models import Token

    from lms import services

    learner = factories.UserFactory()
    services.enrol(learner, course)
    token = Token.objects.create(user=learner)
    data = api.get_json("/api/v1/me/progress/?locale=pl", HTTP_AUTHORIZATION=f"Token {token.key}")
    state = data["courses"][0]
    assert state["course"]["locale"] == "en"
    assert state["course"]["url"] == "http://testserver/pl/" + course.url.split("/", 2)[2]
    assert state["next_lesson"]["url"].startswith("http://testserver/pl/")
