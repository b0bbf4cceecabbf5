"""Certificates people can show: the printed name asked at sign-up and confirmed on the
first certificate, a name change that reprints it with the same code, and the completion
page."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from lms import services
from lms.models import Certificate
from tests import factories
from tests.lms.conftest import RIGHT, publish
from tests.lms.test_pages import text

COMPLETED = services.Status.COMPLETED


def finish(client, learner, lessons, quiz_lesson, quiz_id):
    """Complete the course through the pages; returns the last answer (a redirect)."""
    client.force_login(learner)
    for lesson in lessons:
        if lesson.pk != quiz_lesson.pk:
            client.post(reverse("lms:lesson-complete", args=[lesson.pk]))
    return client.post(
        reverse("lms:quiz-submit", args=[quiz_lesson.pk, quiz_id]),
        {"q-q1": "0", "q-q2": ["0", "2"]},
    )


def test_sign_up_asks_for_the_printed_name(client, home):
    form = text(client.get(reverse("signup")))
    assert 'name="first_name"' in form and "printed on your certificates" in form
    data = {
        "username": "ilze",
        "email": "ilze@example.org",
        "password1": "jūras-vējš-2026",
        "password2": "jūras-vējš-2026",
        "preferred_language": "lv",
    }
    assert client.post(reverse("signup"), data).status_code == 200  # the name is required
    assert not get_user_model().objects.exists()
    client.post(reverse("signup"), {**data, "first_name": "Ilze", "last_name": "Bērziņa"})
    assert get_user_model().objects.get().get_full_name() == "Ilze Bērziņa"


def test_finishing_leads_to_the_completion_page(
    client, learner, course, lessons, quiz_lesson, quiz_id
):
    partner = factories.PartnerFactory(name="Creative Ports")
    course.partners.add(partner)
    publish(course)
    answer = finish(client, learner, lessons, quiz_lesson, quiz_id)
    completed_url = reverse("lms:course-completed", args=[course.pk])
    assert answer.status_code == 302 and answer["Location"] == completed_url
    certificate = Certificate.objects.get()
    page = client.get(completed_url)
    assert page.status_code == 200, page
    html = text(page)
    assert reverse("lms:certificate", args=[certificate.code]) in html
    assert course.title in html and "Creative Ports" in html
    assert f"{course.estimated_duration} minutes" in html
    for lesson in lessons:
        assert lesson.title in html
    # The first certificate asks to confirm the printed name.
    assert reverse("lms:certificate-name", args=[certificate.code]) in html
    assert 'value="Ada"' in html


def test_the_completion_page_speaks_the_learners_language(
    client, learner, course, lessons, quiz_lesson, quiz_id
):
    finish(client, learner, lessons, quiz_lesson, quiz_id)
    with translation.override("de"):
        completed_url = reverse("lms:course-completed", args=[course.pk])
    html = text(client.get(completed_url))
    assert '<html lang="de"' in html
    completed_at = services.course_progress(learner, course).enrolment.completed_at
    with translation.override("de"):
        from django.utils.formats import date_format

        assert date_format(completed_at, "DATE_FORMAT") in html


def test_an_unfinished_course_has_no_completion_page(client, learner, course, lessons):
    client.force_login(learner)
    services.record_progress(learner, lessons[0], status=COMPLETED)
    answer = client.get(reverse("lms:course-completed", args=[course.pk]))
    assert answer.status_code == 302 and answer["Location"] == course.url


def test_confirming_and_changing_the_name_keeps_the_code(
    client, learner, course, lessons, quiz_lesson, quiz_id
):
    finish(client, learner, lessons, quiz_lesson, quiz_id)
    certificate = Certificate.objects.get()
    code = certificate.code
    assert services.asks_to_confirm_name(certificate)
    client.post(
        reverse("lms:certificate-name", args=[code]),
        {"first_name": "Ada", "last_name": "Nowak-Kowalska"},
    )
    certificate.refresh_from_db()
    assert certificate.learner_name == "Ada Nowak-Kowalska" and certificate.code == code
    assert not services.asks_to_confirm_name(certificate)
    page = text(client.get(reverse("lms:certificate", args=[code])))
    assert "Ada Nowak-Kowalska" in page

    # A later change in the profile reprints it, with the same code.
    learner.refresh_from_db()
    learner.first_name = "Adrianna"
    learner.save()
    services.rename_learner(learner)
    certificate.refresh_from_db()
    assert certificate.learner_name == "Adrianna Nowak-Kowalska" and certificate.code == code


def test_only_the_owner_can_rename_a_certificate(
    client, learner, other_learner, course, lessons, quiz_lesson, quiz_id
):
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    for lesson in lessons:
        services.record_progress(learner, lesson, status=COMPLETED)
    code = Certificate.objects.get().code
    client.force_login(other_learner)
    answer = client.post(reverse("lms:certificate-name", args=[code]), {"first_name": "Eve"})
    assert answer.status_code == 404
    assert Certificate.objects.get().learner_name == "Ada Nowak"


def test_logging_in_switches_to_the_preferred_language(client, learner, home):
    from django.conf import settings

    from lms.models import Profile
    from tests.lms.test_pages import PASSWORD

    Profile.objects.update_or_create(user=learner, defaults={"preferred_language": "lv"})
    answer = client.post(reverse("login"), {"username": learner.username, "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"] == "/lv/learn/"
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lv"
    # A page asked for keeps its address; the cookie still follows the preference.
    client.logout()
    answer = client.post(
        reverse("login") + "?next=/en/courses/",
        {"username": learner.username, "password": PASSWORD, "next": "/en/courses/"},
    )
    assert answer["Location"] == "/en/courses/"
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lv"


def test_a_failed_log_in_says_so_once(client, learner):
    answer = client.post(reverse("login"), {"username": learner.username, "password": "nope"})
    html = text(answer)
    assert answer.status_code == 200
    assert html.count("Please enter a correct username and password.") == 1
