"""The learner's web pages: accounts, profile, their data, enrolment and progress forms,
quizzes, certificates, and the includes and template tags the course pages use."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from lms import services
from lms.models import Certificate, Enrolment, LessonProgress, Profile, QuizAttempt
from tests import factories
from tests.lms.conftest import RIGHT

User = get_user_model()
PASSWORD = "correct-horse-battery"


def url(name, *args, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, args=args or None, kwargs=kwargs or None)


def text(response):
    return response.content.decode()


@pytest.fixture
def logged_in(client, learner):
    client.force_login(learner)
    return client


def complete(user, lessons, quiz_lesson, quiz_id):
    services.grade_quiz(user, quiz_lesson, quiz_id, RIGHT)
    for lesson in lessons:
        services.record_progress(user, lesson, status="completed")
    return Certificate.objects.get(user=user)


# --- Accounts -------------------------------------------------------------------------------


def test_sign_up_creates_a_profile_and_logs_in(client, home):
    response = client.post(
        url("signup"),
        {
            "username": "ada",
            "first_name": "Ada",
            "email": "ada@example.org",
            "password1": "a-long-harbour-pass",
            "password2": "a-long-harbour-pass",
            "preferred_language": "pl",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/pl/learn/"
    user = User.objects.get(username="ada")
    assert user.profile.preferred_language == "pl"
    assert client.get(url("lms:dashboard")).status_code == 200


@pytest.mark.parametrize(
    "change, field",
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": "taken@example.org"}, "email"),
        ({"password2": "something-else-entirely"}, "password2"),
        ({"preferred_language": "xx"}, "preferred_language"),
        ({"username": ""}, "username"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_bad_sign_up_shows_errors_and_creates_nothing(client, db, change, field):
    factories.UserFactory(email="taken@example.org")
    data = {
        "username": "ada",
        "first_name": "Ada",
        "email": "ada@example.org",
        "password1": "a-long-harbour-pass",
        "password2": "a-long-harbour-pass",
        "preferred_language": "en",
        **change,
    }
    response = client.post(url("signup"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'role="alert"' in text(response) and 'aria-invalid="true"' in text(response)
    assert not User.objects.filter(username="ada").exists()


def test_log_in_and_out(client, learner):
    page = client.get(url("login"))
    assert '<label for="id_username"' in text(page)
    response = client.post(url("login"), {"username": learner.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == url("lms:dashboard")
    bad = Client().post(url("login"), {"username": learner.username, "password": "nope"})
    assert bad.status_code == 200 and 'role="alert"' in text(bad)
    assert client.post(url("logout")).status_code == 302
    assert client.get(url("lms:dashboard")).status_code == 302


def test_password_reset_sends_a_working_link(client, learner):
    response = client.post(url("password_reset"), {"email": learner.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1].strip()
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "new-harbour-pass-9", "new_password2": "new-harbour-pass-9"},
    )
    assert done.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("new-harbour-pass-9")


def test_pages_that_need_an_account_send_visitors_to_log_in(client, db):
    for name in ("lms:dashboard", "lms:profile", "lms:account-delete", "lms:account-export"):
        response = client.get(url(name))
        assert response.status_code == 302
        assert response["Location"].startswith(url("login") + "?next=")


# --- Profile and the learner's data ----------------------------------------------------------


def test_edit_the_profile(logged_in, learner, db):
    country = factories.CountryFactory(code="PL", name="Poland")
    subsector = factories.SubsectorFactory(slug="design", name="Design")
    page = logged_in.get(url("lms:profile"))
    assert 'value="PL"' in text(page) and 'value="design"' in text(page)
    response = logged_in.post(
        url("lms:profile"),
        {
            "account-first_name": "Ada",
            "account-last_name": "Kowalska",
            "account-email": "ada@example.org",
            "profile-preferred_language": "de",
            "profile-country": country.code,
            "profile-subsector": subsector.slug,
            "profile-organisation": "Baltic Lab",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=learner)
    assert (profile.preferred_language, profile.country, profile.subsector) == (
        "de",
        "PL",
        "design",
    )
    learner.refresh_from_db()
    assert learner.last_name == "Kowalska"


@pytest.mark.parametrize(
    "change",
    [
        {"profile-country": "ZZ"},
        {"profile-subsector": "no-such-thing"},
        {"profile-preferred_language": "xx"},
        {"account-email": ""},
        {"profile-organisation": "x" * 201},
    ],
)
def test_a_bad_profile_is_not_saved(logged_in, learner, change):
    data = {
        "account-first_name": "Ada",
        "account-last_name": "Nowak",
        "account-email": "ada@example.org",
        "profile-preferred_language": "en",
        "profile-country": "",
        "profile-subsector": "",
        "profile-organisation": "Lab",
        **change,
    }
    response = logged_in.post(url("lms:profile"), data)
    assert response.status_code == 400 and 'role="alert"' in text(response)
    learner.refresh_from_db()
    assert learner.email != "ada@example.org"
    assert Profile.objects.get(user=learner).organisation == ""


def test_export_downloads_every_record_as_json(logged_in, learner, lessons, quiz_lesson, quiz_id):
    complete(learner, lessons, quiz_lesson, quiz_id)
    response = logged_in.get(url("lms:account-export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == learner.email
    assert len(data["enrolments"][0]["lessons"]) == 3
    assert data["certificates"][0]["learner_name"] == "Ada Nowak"


def test_deleting_the_account_needs_the_password(logged_in, learner, lessons, quiz_lesson, quiz_id):
    certificate = complete(learner, lessons, quiz_lesson, quiz_id)
    wrong = logged_in.post(url("lms:account-delete"), {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 400 and "The password is not correct." in text(wrong)
    unconfirmed = logged_in.post(url("lms:account-delete"), {"password": PASSWORD})
    assert unconfirmed.status_code == 400
    assert User.objects.filter(pk=learner.pk).exists()

    done = logged_in.post(url("lms:account-delete"), {"password": PASSWORD, "confirm": "on"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=learner.pk).exists()
    assert not Enrolment.objects.exists() and not QuizAttempt.objects.exists()
    # Still verifiable, without the name.
    page = Client().get(url("lms:certificate", certificate.code))
    assert page.status_code == 200 and "Ada Nowak" not in text(page)
    assert "deleted their account" in text(page)


# --- Enrolment and progress forms ------------------------------------------------------------


def test_enrol_and_complete_lessons_without_javascript(logged_in, learner, course, lessons):
    response = logged_in.post(url("lms:enrol", course.pk))
    assert response.status_code == 302 and Enrolment.objects.filter(user=learner).exists()
    again = logged_in.post(url("lms:enrol", course.pk), follow=True)
    assert "already enrolled" in text(again) and Enrolment.objects.count() == 1

    response = logged_in.post(url("lms:lesson-complete", lessons[0].pk))
    assert response.status_code == 302
    assert response["Location"] == lessons[1].url  # on to the next lesson
    assert services.lesson_status(learner, lessons[0]) == "completed"

    response = logged_in.post(
        url("lms:lesson-position", lessons[2].pk), {"position": "b-4", "time_spent": "90"}
    )
    assert response.status_code == 302
    row = services.lesson_progress(learner, lessons[2])
    assert (row.status, row.position, row.time_spent) == ("in_progress", "b-4", 90)


@pytest.mark.parametrize("data", [{}, {"time_spent": "-3"}, {"position": "x" * 300}])
def test_a_bad_position_changes_nothing(logged_in, lessons, data):
    response = logged_in.post(url("lms:lesson-position", lessons[0].pk), data, follow=True)
    assert response.status_code == 200
    assert any(message.level_tag == "error" for message in response.context["messages"])
    assert not LessonProgress.objects.exists()


def test_actions_send_visitors_to_log_in_and_get_goes_back(client, course, lessons):
    response = client.post(url("lms:enrol", course.pk))
    assert response.status_code == 302 and response["Location"].startswith(url("login"))
    assert client.get(url("lms:enrol", course.pk))["Location"] == course.url
    assert client.get(url("lms:lesson-complete", lessons[0].pk))["Location"] == lessons[0].url
    assert not Enrolment.objects.exists()


def test_actions_on_unknown_pages_are_404(logged_in, course, lessons):
    draft = factories.CoursePageFactory(parent=course.get_parent(), live=False)
    assert logged_in.post(url("lms:enrol", draft.pk)).status_code == 404
    assert logged_in.post(url("lms:enrol", lessons[0].pk)).status_code == 404
    assert logged_in.post(url("lms:lesson-complete", course.pk)).status_code == 404
    assert logged_in.post(url("lms:quiz-submit", lessons[1].pk, "nope")).status_code == 404
    assert not Enrolment.objects.exists()


def test_forms_carry_csrf_tokens(learner, course, lessons):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(url("lms:enrol", course.pk)).status_code == 403
    assert not Enrolment.objects.exists()
    html = render(
        "{% include 'lms/includes/course_actions.html' %}", course, learner, path=course.url
    )
    assert 'name="csrfmiddlewaretoken"' in html


# --- Quizzes --------------------------------------------------------------------------------


def test_a_quiz_submitted_from_the_page_shows_the_result(logged_in, quiz_lesson, quiz_id):
    response = logged_in.post(
        url("lms:quiz-submit", quiz_lesson.pk, quiz_id), {"q-q1": "1", "q-q2": ["0", "2"]}
    )
    attempt = QuizAttempt.objects.get()
    # POST-redirect-GET: a refresh of the result does not submit again.
    assert response.status_code == 302
    assert response["Location"] == url("lms:quiz-attempt", quiz_lesson.pk, quiz_id, attempt.pk)
    response = logged_in.get(response["Location"])
    assert response.status_code == 200
    assert "lms/quiz_result.html" in [t.name for t in response.templates]
    html = text(response)
    assert "50%" in html and "Passed" in html and "This lesson is complete." in html
    assert "1. Who leads Creative Ports?" in html
    assert "No." in html and "The Goethe-Institut led the consortium." in html
    assert "Try again" not in html
    assert attempt.answers == {"q1": ["1"], "q2": ["0", "2"]}
    assert QuizAttempt.objects.count() == 1
    # The attempt history is on the lesson, each attempt linking to its result.
    lesson_html = text(logged_in.get(quiz_lesson.url))
    assert "Your attempts at this quiz" in lesson_html
    assert url("lms:quiz-attempt", quiz_lesson.pk, quiz_id, attempt.pk) in lesson_html


def test_only_the_learner_sees_their_attempt(
    client, logged_in, other_learner, quiz_lesson, quiz_id
):
    logged_in.post(url("lms:quiz-submit", quiz_lesson.pk, quiz_id), {"q-q1": "0", "q-q2": "0"})
    attempt_url = url("lms:quiz-attempt", quiz_lesson.pk, quiz_id, QuizAttempt.objects.get().pk)
    client.force_login(other_learner)
    assert client.get(attempt_url).status_code == 404
    assert logged_in.get(url("lms:quiz-attempt", quiz_lesson.pk, "nope", 1)).status_code == 404


@pytest.mark.parametrize(
    "data, errors, kept",
    [
        ({}, ["Answer question 1, “Who leads", "Answer question 2, “"], []),
        ({"q-q1": "0"}, ["Answer question 2, “"], ['id="q-q1-0" checked']),
        (
            {"q-q1": ["0", "1"], "q-q2": "2"},
            ["Choose only one answer to question 1, “Who leads"],
            ['id="q-q1-0" checked', 'id="q-q1-1" checked', 'id="q-q2-2" checked'],
        ),
        (
            {"q-q1": "9", "q-q2": "0"},
            ["There is no answer 9 to question 1"],
            ['id="q-q2-0" checked'],
        ),
    ],
)
def test_a_bad_quiz_form_shows_the_lesson_with_errors_and_the_answers_kept(
    logged_in, quiz_lesson, quiz_id, data, errors, kept
):
    response = logged_in.post(url("lms:quiz-submit", quiz_lesson.pk, quiz_id), data)
    assert response.status_code == 400
    html = text(response)
    assert quiz_lesson.title in html and 'role="alert"' in html
    for error in errors:
        assert error in html
    for choice in kept:
        assert choice in html
    assert html.count(" checked") == len(kept)
    assert quiz_id not in "".join(errors)
    assert not QuizAttempt.objects.exists()


# --- Certificates ---------------------------------------------------------------------------


def test_the_printable_certificate_and_the_verify_page(
    client, learner, course, lessons, quiz_lesson, quiz_id
):
    certificate = complete(learner, lessons, quiz_lesson, quiz_id)
    page = client.get(url("lms:certificate", certificate.code))
    assert page.status_code == 200
    assert "Ada Nowak" in text(page) and course.title in text(page) and "@media print" in text(page)
    assert client.get(url("lms:certificate", "AAAA-AAAA-AAAA-AAAA")).status_code == 404

    form = client.get(url("lms:certificate-verify"))
    assert form.status_code == 200 and 'name="code"' in text(form)
    found = client.get(url("lms:certificate-verify"), {"code": certificate.code.lower()})
    assert found.status_code == 200 and "genuine" in text(found) and "Ada Nowak" in text(found)
    missing = client.get(url("lms:certificate-verify"), {"code": "AAAA-AAAA-AAAA-AAAA"})
    assert missing.status_code == 404 and "No certificate has this code" in text(missing)
    empty = client.get(url("lms:certificate-verify"), {"code": ""})
    assert empty.status_code == 200 and "genuine" not in text(empty)


# --- Dashboard, includes and template tags --------------------------------------------------


def test_the_dashboard_lists_courses_in_the_learners_language(
    client, learner, course, lessons, course_pl, lessons_pl
):
    services.record_progress(learner, lessons_pl[0], status="completed")
    client.force_login(learner)
    english = text(client.get(url("lms:dashboard")))
    assert course.title in english and "1 of 3 lessons done (33%)" in english
    assert lessons[1].url in english
    polish = text(client.get(url("lms:dashboard", language="pl")))
    assert lessons_pl[1].url in polish


def render(source, page, user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    from django.middleware.csrf import get_token

    get_token(request)
    template = Template("{% load learning %}" + source)
    with translation.override("en"):
        return template.render(
            Context(
                {"page": page, "request": request, "user": user, "csrf_token": get_token(request)}
            )
        )


def test_course_progress_tag(learner, course, lessons):
    from django.contrib.auth.models import AnonymousUser

    source = (
        "{% course_progress page as p %}{{ p.percent }}|{{ p.completed }}|{{ p.total }}|"
        "{{ p.is_complete }}|{{ p.enrolled }}|{{ p.next_lesson.title }}|{{ p.new_lessons|length }}"
    )
    assert render(source, course, AnonymousUser()) == "0|0|3|False|False|Lesson 1|0"
    services.record_progress(learner, lessons[0], status="completed")
    assert render(source, course, learner) == "33|1|3|False|True|Lesson 2|0"


def test_lesson_status_tag(learner, lessons):
    source = "{% lesson_status page as s %}{{ s }}"
    assert render(source, lessons[0], learner) == "not_started"
    services.record_progress(learner, lessons[0], position="b-1")
    assert render(source, lessons[0], learner) == "in_progress"


def test_course_actions_include(learner, other_learner, course, lessons, quiz_lesson, quiz_id):
    from django.contrib.auth.models import AnonymousUser

    include = "{% include 'lms/includes/course_actions.html' %}"
    anonymous = render(include, course, AnonymousUser())
    assert url("login") in anonymous and url("signup") in anonymous
    assert url("lms:enrol", course.pk) in render(include, course, other_learner)

    complete(learner, lessons, quiz_lesson, quiz_id)
    done = render(include, course, learner)
    assert "You have completed this course." in done
    assert url("lms:certificate", Certificate.objects.get().code) in done

    new = factories.LessonPageFactory(parent=course, title="Funding after 2027")
    reopened = render(include, course, learner)
    assert "New since you completed this course" in reopened and new.title in reopened
    assert "You have completed this course." not in reopened


def test_lesson_actions_and_quiz_form_includes(learner, lessons, quiz_lesson, quiz_id):
    include = "{% include 'lms/includes/lesson_actions.html' %}"
    html = render(include, lessons[0], learner)
    assert url("lms:lesson-complete", lessons[0].pk) in html and 'method="post"' in html
    services.record_progress(learner, lessons[0], position="b-2")
    assert 'href="#b-2"' in render(include, lessons[0], learner)

    block = quiz_lesson.quiz_blocks()[0]
    template = Template("{% include 'lms/includes/quiz_form.html' %}")
    request = RequestFactory().get("/")
    request.user = learner
    with translation.override("en"):
        html = template.render(
            Context({"page": quiz_lesson, "block": block, "request": request, "user": learner})
        )
    assert url("lms:quiz-submit", quiz_lesson.pk, quiz_id) in html
    assert 'name="q-q1" value="0"' in html and 'type="checkbox" name="q-q2"' in html
    assert "correct" not in html.replace("Check", "").lower().replace("incorrect", "")
    assert "Right." not in html and "The Goethe-Institut led" not in html


# --- On the real course and lesson pages ----------------------------------------------------


def test_a_learner_takes_a_course_through_its_pages(client, learner, course, lessons, quiz_id):
    client.force_login(learner)
    course_page = text(client.get(course.url))
    enrol_url = url("lms:enrol", course.pk)
    assert f'action="{enrol_url}"' in course_page
    client.post(enrol_url)
    assert "0 of 3 lessons done" in text(client.get(course.url))

    for lesson in lessons:
        page = text(client.get(lesson.url))
        if lesson.pk == lessons[1].pk:
            # A lesson with a quiz completes when the quiz is passed, with no button to mark.
            assert url("lms:lesson-complete", lesson.pk) not in page
            assert url("lms:quiz-submit", lesson.pk, quiz_id) in page
            client.post(
                url("lms:quiz-submit", lesson.pk, quiz_id), {"q-q1": "0", "q-q2": ["0", "2"]}
            )
            continue
        assert url("lms:lesson-complete", lesson.pk) in page
        client.post(url("lms:lesson-complete", lesson.pk))

    done = text(client.get(course.url))
    assert "You have completed this course." in done
    assert url("lms:certificate", Certificate.objects.get().code) in done


def test_ids_beyond_the_database_range_are_404(logged_in):
    huge = 10**30
    assert logged_in.post(url("lms:enrol", huge)).status_code == 404
    assert logged_in.post(url("lms:lesson-complete", huge)).status_code == 404
    assert logged_in.post(url("lms:quiz-submit", huge, "q")).status_code == 404
    assert not Enrolment.objects.exists()
