"""The learner API: every endpoint as an anonymous visitor, another learner, the owner and
staff; bad input; idempotency; languages; query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage
from lms import services
from lms.models import APIKey, Certificate, Enrolment, LessonProgress, QuizAttempt
from tests import factories
from tests.lms.conftest import RIGHT, WRONG, api_client_for

API = "/api/v1"


def progress_url(lesson):
    return f"{API}/progress/lessons/{lesson.pk}/"


def attempts_url(lesson):
    return f"{API}/lessons/{lesson.pk}/quiz-attempts/"


@pytest.fixture
def owned(learner, course, lessons, quiz_lesson, quiz_id):
    """The learner has completed the course: enrolment, progress, attempts, certificate."""
    services.grade_quiz(learner, quiz_lesson, quiz_id, WRONG)
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    for lesson in lessons:
        services.record_progress(learner, lesson, status="completed", position="end")
    return Enrolment.objects.get(user=learner)


def records():
    return (
        Enrolment.objects.count(),
        LessonProgress.objects.count(),
        QuizAttempt.objects.count(),
        Certificate.objects.count(),
    )


# --- Authentication -------------------------------------------------------------------------


def test_a_token_for_a_username_and_password(learner):
    client = api_client_for(None)
    response = client.post(
        f"{API}/auth/token/",
        {"username": learner.username, "password": "correct-horse-battery"},
        format="json",
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(f"{API}/me/progress/").status_code == 200


@pytest.mark.parametrize("payload", [{"username": "x", "password": "y"}, {}, {"username": "x"}])
def test_a_wrong_login_gets_no_token(learner, payload):
    response = api_client_for(None).post(f"{API}/auth/token/", payload, format="json")
    assert response.status_code == 400
    assert response.json()  # DRF's field errors, as JSON


# --- Every endpoint × every kind of caller ---------------------------------------------------


ENDPOINTS = [
    ("get", lambda ctx: f"{API}/enrolments/", None),
    ("post", lambda ctx: f"{API}/enrolments/", lambda ctx: {"course": ctx["course"].pk}),
    ("get", lambda ctx: f"{API}/enrolments/{ctx['owned'].pk}/", None),
    ("get", lambda ctx: progress_url(ctx["lessons"][0]), None),
    ("put", lambda ctx: progress_url(ctx["lessons"][0]), lambda ctx: {"status": "in_progress"}),
    ("get", lambda ctx: attempts_url(ctx["quiz_lesson"]), None),
    (
        "post",
        lambda ctx: attempts_url(ctx["quiz_lesson"]),
        lambda ctx: {"quiz": ctx["quiz_id"], "answers": RIGHT},
    ),
    ("get", lambda ctx: f"{API}/me/progress/", None),
]


@pytest.fixture
def ctx(owned, course, lessons, quiz_lesson, quiz_id):
    return {
        "owned": owned,
        "course": course,
        "lessons": lessons,
        "quiz_lesson": quiz_lesson,
        "quiz_id": quiz_id,
    }


def call(client, method, url, data=None):
    if method == "get" or data is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, data, format="json")


@pytest.mark.parametrize("method, url, data", ENDPOINTS)
def test_anonymous_visitors_get_401_and_change_nothing(ctx, method, url, data):
    before = records()
    response = call(api_client_for(None), method, url(ctx), data and data(ctx))
    assert response.status_code == 401
    assert "detail" in response.json() and response["WWW-Authenticate"] == "Token"
    assert records() == before


@pytest.mark.parametrize("method, url, data", ENDPOINTS)
def test_partner_api_keys_do_not_open_learner_records(ctx, method, url, data):
    _key, plain = APIKey.generate(name="Partner portal")
    client = api_client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {plain}")
    before = records()
    assert call(client, method, url(ctx), data and data(ctx)).status_code == 401
    assert records() == before


def owner_data_visible(response_json):
    """Whether a response shows any of the owner's records."""
    text = str(response_json)
    return "completed" in text or "end" in text or "'score': 100" in text


@pytest.mark.parametrize("who", ["other_learner", "staff"])
def test_other_accounts_never_see_the_owners_records(ctx, request, who, learner):
    client = api_client_for(request.getfixturevalue(who))

    assert client.get(f"{API}/enrolments/").json()["results"] == []
    assert client.get(f"{API}/enrolments/{ctx['owned'].pk}/").status_code == 404
    progress = client.get(progress_url(ctx["lessons"][0])).json()
    assert progress["status"] == "not_started" and progress["position"] == ""
    assert client.get(attempts_url(ctx["quiz_lesson"])).json() == []
    summary = client.get(f"{API}/me/progress/").json()
    assert summary["enrolled"] == 0 and summary["courses"] == []


@pytest.mark.parametrize("who", ["other_learner", "staff"])
def test_other_accounts_change_only_their_own_records(ctx, request, who, learner):
    user = request.getfixturevalue(who)
    client = api_client_for(user)
    owner_rows = list(
        LessonProgress.objects.filter(enrolment__user=learner).values_list(
            "status", "position", "time_spent", "updated_at"
        )
    )
    response = client.put(
        progress_url(ctx["lessons"][0]), {"status": "in_progress", "position": "b-1"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    response = client.post(
        attempts_url(ctx["quiz_lesson"]), {"quiz": ctx["quiz_id"], "answers": WRONG}, format="json"
    )
    assert response.status_code == 201
    assert (
        client.post(f"{API}/enrolments/", {"course": ctx["course"].pk}, format="json").status_code
        == 200
    )

    assert (
        list(
            LessonProgress.objects.filter(enrolment__user=learner).values_list(
                "status", "position", "time_spent", "updated_at"
            )
        )
        == owner_rows
    )
    assert QuizAttempt.objects.filter(user=learner).count() == 2
    assert Enrolment.objects.filter(user=user).count() == 1


def test_the_owner_sees_their_records(ctx, learner, api):
    client = api(learner)
    enrolments = client.get(f"{API}/enrolments/").json()
    assert enrolments["count"] == 1
    enrolment = enrolments["results"][0]
    assert enrolment["id"] == ctx["owned"].pk
    assert enrolment["progress"]["is_complete"] and enrolment["progress"]["percent"] == 100
    assert enrolment["progress"]["course"]["id"] == ctx["course"].pk
    assert enrolment["progress"]["certificate"]["code"] == Certificate.objects.get().code
    assert client.get(f"{API}/enrolments/{ctx['owned'].pk}/").json() == enrolment

    progress = client.get(progress_url(ctx["lessons"][0])).json()
    assert progress["status"] == "completed" and progress["position"] == "end"
    attempts = client.get(attempts_url(ctx["quiz_lesson"])).json()
    assert [attempt["score"] for attempt in attempts] == [100, 0]
    summary = client.get(f"{API}/me/progress/").json()
    assert summary["enrolled"] == 1 and summary["completed"] == 1
    assert summary["lessons_completed"] == 3


# --- Enrolments -----------------------------------------------------------------------------


def test_enrolling_is_idempotent(learner, course, course_pl, api):
    client = api(learner)
    first = client.post(f"{API}/enrolments/", {"course": course.pk}, format="json")
    assert first.status_code == 201
    again = client.post(f"{API}/enrolments/", {"course": course_pl.pk}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again.json()["progress"]["course"]["id"] == course_pl.pk
    assert first.json()["progress"]["total"] == 3
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize(
    "payload", [{}, {"course": 999999}, {"course": "abc"}, {"course": None}, {"course": "draft"}]
)
def test_enrolling_in_an_unknown_or_draft_course_is_a_400(learner, course, api, payload):
    draft = factories.CoursePageFactory(parent=course.get_parent(), live=False)
    if payload.get("course") == "draft":
        payload = {"course": draft.pk}
    response = api(learner).post(f"{API}/enrolments/", payload, format="json")
    assert response.status_code == 400 and response.json()["errors"]["course"]
    assert not Enrolment.objects.exists()


def test_a_lesson_id_is_not_a_course(learner, lessons, api):
    response = api(learner).post(f"{API}/enrolments/", {"course": lessons[0].pk}, format="json")
    assert response.status_code == 400


def test_enrolments_follow_the_requested_language(learner, course, course_pl, api):
    client = api(learner)
    client.post(f"{API}/enrolments/", {"course": course.pk}, format="json")
    polish = client.get(f"{API}/enrolments/?locale=pl").json()["results"][0]
    assert polish["progress"]["course"]["id"] == course_pl.pk
    assert polish["progress"]["course"]["locale"] == "pl"
    by_header = client.get(f"{API}/enrolments/", HTTP_ACCEPT_LANGUAGE="pl").json()
    assert by_header["results"][0]["progress"]["course"]["id"] == course_pl.pk
    # No Danish translation: served in English.
    danish = client.get(f"{API}/enrolments/?locale=da").json()["results"][0]
    assert danish["progress"]["course"]["id"] == course.pk


@pytest.mark.parametrize("query", ["?locale=xx", "?colour=red"])
@pytest.mark.parametrize("path", ["enrolments/", "me/progress/"])
def test_bad_query_parameters_are_a_400(learner, course, api, path, query):
    response = api(learner).get(f"{API}/{path}{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def make_courses(course_index, count):
    for _ in range(count):
        course = factories.CoursePageFactory(parent=course_index)
        for number in range(3):
            body = [factories.quiz_block()] if number == 1 else []
            factories.LessonPageFactory(parent=course, body=body)


@pytest.mark.parametrize("url", [f"{API}/enrolments/", f"{API}/me/progress/"])
def test_listing_costs_the_same_for_2_and_10_enrolments(course_index, learner, api, url):
    client = api(learner)

    def measure(count):
        make_courses(course_index, count)
        for course in CoursePage.objects.served():
            services.enrol(learner, course)
            lesson = course.get_lessons().first()
            services.record_progress(learner, lesson, status="completed")
        client.get(url)  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    two = measure(2)
    ten = measure(8)
    assert Enrolment.objects.count() == 10
    assert two == ten, (two, ten)


# --- Lesson progress ------------------------------------------------------------------------


def test_progress_put_is_idempotent_and_never_goes_back(learner, lessons, api):
    client = api(learner)
    url = progress_url(lessons[0])
    first = client.put(
        url, {"status": "completed", "position": "b-9", "time_spent": 300}, format="json"
    )
    assert first.status_code == 200
    again = client.put(
        url, {"status": "completed", "position": "b-9", "time_spent": 300}, format="json"
    )
    assert again.json() == first.json()
    stale = client.put(url, {"status": "in_progress", "time_spent": 100}, format="json").json()
    assert stale["status"] == "completed" and stale["time_spent"] == 300
    assert LessonProgress.objects.count() == 1 and Enrolment.objects.count() == 1


def test_a_stale_position_is_ignored(learner, lessons, api):
    client = api(learner)
    url = progress_url(lessons[0])
    stored = client.put(url, {"position": "b-5"}, format="json").json()
    row = LessonProgress.objects.get()
    old = (row.updated_at - timedelta(minutes=1)).isoformat()
    response = client.put(url, {"position": "b-1", "updated_at": old}, format="json")
    assert response.json()["position"] == "b-5" == stored["position"]


def test_the_first_progress_enrols(learner, course, lessons, api):
    api(learner).put(progress_url(lessons[2]), {"status": "in_progress"}, format="json")
    assert Enrolment.objects.get().course_key == course.translation_key


def test_progress_in_polish_is_kept_in_english(learner, lessons, lessons_pl, api):
    client = api(learner)
    response = client.put(progress_url(lessons_pl[0]), {"status": "completed"}, format="json")
    assert response.json()["lesson"]["locale"] == "pl"
    english = client.get(progress_url(lessons[0])).json()
    assert english["status"] == "completed" and english["lesson"]["id"] == lessons[0].pk
    in_polish = client.get(progress_url(lessons[0]) + "?locale=pl").json()
    assert in_polish["lesson"]["id"] == lessons_pl[0].pk and in_polish["status"] == "completed"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        [],
        ["completed"],
        {"status": "done"},
        {"status": None},
        {"time_spent": -5},
        {"time_spent": "lots"},
        {"time_spent": 10**9},
        {"position": "x" * 300},
        {"updated_at": "yesterday", "status": "completed"},
        {"status": "completed", "colour": "red"},
    ],
)
def test_bad_progress_is_a_400_and_changes_nothing(learner, lessons, api, payload):
    response = api(learner).put(progress_url(lessons[0]), payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert records() == (0, 0, 0, 0)


def test_unknown_and_draft_lessons_are_a_404(learner, course, lessons, api):
    draft = factories.LessonPageFactory(parent=course, live=False)
    client = api(learner)
    for lesson_id in (999999, draft.pk, course.pk):
        for method in ("get", "put"):
            response = call(
                client, method, f"{API}/progress/lessons/{lesson_id}/", {"status": "completed"}
            )
            assert response.status_code == 404 and "detail" in response.json()
    assert records() == (0, 0, 0, 0)


def test_session_writes_need_a_csrf_token(learner, lessons):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.put(progress_url(lessons[0]), {"status": "completed"}, format="json")
    assert response.status_code == 403
    assert client.get(progress_url(lessons[0])).status_code == 200
    assert records() == (0, 0, 0, 0)


# --- Quiz attempts --------------------------------------------------------------------------


def test_a_quiz_attempt_is_graded_and_keeps_the_answers_secret(learner, quiz_lesson, quiz_id, api):
    response = api(learner).post(
        attempts_url(quiz_lesson), {"quiz": quiz_id, "answers": WRONG}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["score"] == 0 and body["passed"] is False
    first = body["results"][0]
    assert first["correct"] is False and first["chosen"] == ["1"]
    assert first["feedback"] == [{"choice": "1", "text": "City of Kiel", "feedback": "No."}]
    assert first["explanation"] == "The Goethe-Institut led the consortium."
    assert 'Goethe-Institut", "correct"' not in response.content.decode()
    assert "true" not in str(first["feedback"]).lower()


def test_attempts_in_polish_and_english_are_one_history(
    learner, quiz_lesson, lessons_pl, quiz_id, api
):
    client = api(learner)
    client.post(attempts_url(lessons_pl[1]), {"quiz": quiz_id, "answers": RIGHT}, format="json")
    client.post(attempts_url(quiz_lesson), {"quiz": quiz_id, "answers": WRONG}, format="json")
    listed = client.get(attempts_url(quiz_lesson)).json()
    assert [(a["locale"], a["score"]) for a in listed] == [("en", 0), ("pl", 100)]


@pytest.mark.parametrize(
    "payload, key",
    [
        ({}, "quiz"),
        ({"answers": RIGHT}, "quiz"),
        ({"quiz": "nope", "answers": RIGHT}, "quiz"),
        ({"quiz": "QUIZ", "answers": {}}, "answers"),
        ({"quiz": "QUIZ"}, "answers"),
        ({"quiz": "QUIZ", "answers": {"q1": ["0"], "q2": ["0"], "zz": ["0"]}}, "answers"),
        ({"quiz": "QUIZ", "answers": {"q1": ["5"], "q2": ["0"]}}, "answers"),
        ({"quiz": "QUIZ", "answers": {"q1": ["0", "1"], "q2": ["0"]}}, "answers"),
        ({"quiz": "QUIZ", "answers": ["0"]}, "answers"),
        ({"quiz": "QUIZ", "answers": RIGHT, "extra": 1}, None),
    ],
)
def test_invalid_attempts_are_a_400_and_not_recorded(
    learner, quiz_lesson, quiz_id, api, payload, key
):
    if payload.get("quiz") == "QUIZ":
        payload = {**payload, "quiz": quiz_id}
    response = api(learner).post(attempts_url(quiz_lesson), payload, format="json")
    assert response.status_code == 400
    body = response.json()
    if key is None:
        assert body["code"] == "unknown_field" and "extra" in body["detail"]
    else:
        assert body["code"] == "invalid" and body["errors"][key]
    assert records() == (0, 0, 0, 0)


def test_a_lesson_without_that_quiz(learner, lessons, quiz_id, api):
    response = api(learner).post(
        attempts_url(lessons[0]), {"quiz": quiz_id, "answers": RIGHT}, format="json"
    )
    assert response.status_code == 400 and response.json()["errors"]["quiz"]
    assert api(learner).get(f"{API}/lessons/999999/quiz-attempts/").status_code == 404


# --- Certificates ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", [None, "learner", "other_learner", "staff"])
def test_anyone_can_verify_a_certificate(owned, request, who, course, learner):
    user = request.getfixturevalue(who) if who else None
    certificate = Certificate.objects.get()
    response = api_client_for(user).get(f"{API}/certificates/{certificate.code}/")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["learner_name"] == "Ada Nowak"
    assert body["course"]["id"] == course.pk and body["course_title"] == course.title
    assert learner.email not in response.content.decode()
    assert learner.username not in response.content.decode()
    lower = api_client_for(None).get(f"{API}/certificates/{certificate.code.lower()}/")
    assert lower.json()["code"] == certificate.code


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC-DDDD", "nope", "x" * 40])
def test_an_unknown_certificate_is_a_json_404(db, code):
    response = api_client_for(None).get(f"{API}/certificates/{code}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No certificate has this code.", "code": "not_found"}


def test_the_learner_api_is_in_the_schema(db):
    response = api_client_for(None).get(f"{API}/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/enrolments/",
        "/api/v1/progress/lessons/{lesson_id}/",
        "/api/v1/lessons/{lesson_id}/quiz-attempts/",
        "/api/v1/me/progress/",
        "/api/v1/certificates/{code}/",
    ):
        assert path in paths, path


@pytest.mark.parametrize(
    "path", ["progress/lessons/{}/", "lessons/{}/quiz-attempts/", "enrolments/{}/"]
)
def test_ids_beyond_the_database_range_are_404(learner, api, path):
    response = api(learner).get(f"{API}/" + path.format(10**30))
    assert response.status_code == 404 and "detail" in response.json()
