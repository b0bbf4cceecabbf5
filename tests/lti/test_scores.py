"""Assignment and Grade Services: quiz scores and course completion go to the platform's
gradebook through the outbox (task queue, retries with back-off), received by the platform
package's score service (lti1p3platform) on 127.0.0.1, which also issues the access token
for Harbour's signed client assertion."""

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms import services
from lti.models import Identity
from outbox.models import Delivery
from tests.lti.platform import PlatformServer

pytestmark = pytest.mark.django_db

SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json"


@pytest.fixture
def platform(client):
    with PlatformServer() as platform:
        platform.register_in_harbour()
        platform.tool_key_set = client.get("/lti/jwks/").json()
        yield platform


def launch(client, platform, kind, page, line_item):
    target = f"http://testserver/lti/resource/{kind}/{page.translation_key}/"
    login = client.get(platform.login_url(target)[len("http://testserver") :])
    auth = dict(parse_qsl(urlsplit(login["Location"]).query))
    data = platform.authorise(auth, target_link_uri=target, line_item=line_item, locale="en")
    response = client.post("/lti/launch/", data)
    assert response.status_code == 302, response.content.decode()[:300]


def answers(lesson, correct):
    """Every right choice of each question, or one wrong choice."""
    found = {}
    for block in lesson.quiz_blocks()[0].value["questions"].bound_blocks:
        choices = [str(i) for i, c in enumerate(block.value["choices"]) if c["correct"] == correct]
        found[block.id] = choices if correct else choices[:1]
    return found


def test_quiz_scores_and_the_course_completion_reach_the_platforms_gradebook(
    client, platform, course, django_capture_on_commit_callbacks
):
    lessons = list(course.get_lessons().specific())
    quiz_lesson = lessons[1]
    quiz_id = quiz_lesson.quiz_blocks()[0].id
    launch(client, platform, "lesson", quiz_lesson, "quiz-column")
    launch(client, platform, "course", course, "course-column")
    learner = Identity.objects.get(sub="platform-user-1").user

    with django_capture_on_commit_callbacks(execute=True):
        services.grade_quiz(learner, quiz_lesson, quiz_id, answers(quiz_lesson, False))
    with django_capture_on_commit_callbacks(execute=True):
        services.grade_quiz(learner, quiz_lesson, quiz_id, answers(quiz_lesson, True))
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in (lessons[0], lessons[2]):
            services.record_progress(learner, lesson, status="completed")

    received = [(column, score) for column, score, _headers in platform.scores]
    assert [column for column, _score in received] == [
        "quiz-column",
        "quiz-column",
        "course-column",
    ]
    failed, passed, completed = (score for _column, score in received)
    assert failed["scoreGiven"] == 0 and passed["scoreGiven"] == 100
    assert completed["scoreGiven"] == 100
    for score in (failed, passed, completed):
        assert score["userId"] == "platform-user-1"
        assert score["scoreMaximum"] == 100
        assert score["activityProgress"] == "Completed"
        assert score["gradingProgress"] == "FullyGraded"
        assert score["timestamp"].endswith("+00:00") and "." in score["timestamp"]
    headers = platform.scores[0][2]
    assert headers["Content-Type"] == SCORE_MEDIA_TYPE
    assert headers["Authorization"].startswith("Bearer ")
    # One token for the three scores: it is kept until shortly before it expires.
    assert [path for method, path in platform_requests(platform) if path == "/token"] == ["/token"]
    assert set(Delivery.objects.filter(kind="lti_score").values_list("status", flat=True)) == {
        "delivered"
    }


def platform_requests(platform):
    return platform._server_requests


def test_a_score_the_platform_cannot_take_now_is_sent_again_after_its_back_off(
    client, platform, course, django_capture_on_commit_callbacks
):
    quiz_lesson = course.get_lessons().specific()[1]
    quiz_id = quiz_lesson.quiz_blocks()[0].id
    launch(client, platform, "lesson", quiz_lesson, "quiz-column")
    learner = Identity.objects.get(sub="platform-user-1").user
    platform.unavailable = 1
    with django_capture_on_commit_callbacks(execute=True):
        services.grade_quiz(learner, quiz_lesson, quiz_id, answers(quiz_lesson, True))
    delivery = Delivery.objects.get(kind="lti_score")
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "503" in delivery.last_error and delivery.next_attempt_at > timezone.now()
    assert platform.scores == []
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    call_command("replay_events", "--due")
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    assert [score["scoreGiven"] for _column, score, _headers in platform.scores] == [100]
    assert json.loads(json.dumps(platform.scores[0][1]))["userId"] == "platform-user-1"


def test_a_learner_who_came_without_the_score_scope_sends_no_score(
    client, platform, course, django_capture_on_commit_callbacks
):
    quiz_lesson = course.get_lessons().specific()[1]
    launch(client, platform, "lesson", quiz_lesson, None)  # no AGS claim
    learner = Identity.objects.get(sub="platform-user-1").user
    with django_capture_on_commit_callbacks(execute=True):
        services.grade_quiz(
            learner, quiz_lesson, quiz_lesson.quiz_blocks()[0].id, answers(quiz_lesson, True)
        )
    assert not Delivery.objects.filter(kind="lti_score").exists()
    assert platform.scores == []
