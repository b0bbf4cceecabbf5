"""Email that helps: the certificate email and the opt-in new-lesson email, sent by tasks on
the queue in the learner's preferred language, and the signed unsubscribe link."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lms import services
from lms.models import Certificate, Profile
from lms.services import emails
from tests import factories
from tests.lms.conftest import publish, translate
from tests.lms.test_services import complete_course
from tests.lms.test_tasks import DATABASE_TASKS, worker_process_state  # noqa: F401


def opted_in(course, language="en", lesson_emails=True, email=None):
    user = factories.UserFactory(**({"email": email} if email else {}))
    factories.ProfileFactory(user=user, preferred_language=language, lesson_emails=lesson_emails)
    factories.EnrolmentFactory(user=user, course=course)
    return user


def new_lesson(course, title="Knots for beginners"):
    lesson = factories.LessonPageFactory(
        parent=course, locale=course.locale, title=title, live=False, first_published_at=None
    )
    return publish(lesson)


# The certificate -----------------------------------------------------------------------------


def test_certificate_email_in_the_preferred_language(
    learner, course_pl, lessons_pl, django_capture_on_commit_callbacks
):
    course_pl.title = "Bezpieczna przystań"
    publish(course_pl)
    factories.ProfileFactory(user=learner, preferred_language="pl")
    quiz_lesson = lessons_pl[1]
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, lessons_pl, quiz_lesson, quiz_lesson.quiz_blocks()[0].id)
    certificate = Certificate.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert "Bezpieczna przystań" in message.subject
    assert f"http://testserver/pl/certificates/{certificate.code}/" in message.body
    assert "Ada Nowak" in message.body

    # Issued once, emailed once.
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificate(certificate.user.enrolments.get())
    assert len(mail.outbox) == 1


# A new lesson --------------------------------------------------------------------------------


def test_a_new_lesson_emails_the_learners_who_opted_in(
    course, locales, django_capture_on_commit_callbacks
):
    taking = opted_in(course, language="pl")
    opted_in(course, lesson_emails=False)
    stranger = factories.UserFactory()
    factories.ProfileFactory(user=stranger, lesson_emails=True)

    with django_capture_on_commit_callbacks(execute=True):
        lesson = new_lesson(course)
    assert [message.to for message in mail.outbox] == [[taking.email]]
    message = mail.outbox[0]
    assert "Knots for beginners" in message.body
    assert course.title in message.subject
    assert f"http://testserver{lesson.get_url()}" in message.body
    unsubscribe_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith("http://testserver/pl/learn/unsubscribe/")
    assert unsubscribe_url in message.body

    # Publishing again, or in another language, is no new lesson.
    with django_capture_on_commit_callbacks(execute=True):
        publish(lesson)
        translate(lesson, locales["de"])
    assert len(mail.outbox) == 1


def test_a_completed_course_still_gets_its_new_lessons(
    learner, course, lessons, quiz_lesson, quiz_id, django_capture_on_commit_callbacks
):
    factories.ProfileFactory(user=learner, lesson_emails=True)
    complete_course(learner, lessons, quiz_lesson, quiz_id)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new_lesson(course)
    assert [message.to for message in mail.outbox] == [[learner.email]]


# Unsubscribing -------------------------------------------------------------------------------


def test_the_unsubscribe_link_confirms_then_turns_the_emails_off_without_logging_in(course):
    user = opted_in(course)
    url = f"/en/learn/unsubscribe/{emails.unsubscribe_token(user)}/"
    client = Client()
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop the lesson emails" in page.content.decode()
    assert Profile.objects.get(user=user).lesson_emails is True  # a GET changes nothing

    done = client.post(url)
    assert done.status_code == 200
    assert "You will no longer get an email" in done.content.decode()
    assert Profile.objects.get(user=user).lesson_emails is False


def test_a_tampered_unsubscribe_link_is_refused_readably(course):
    user = opted_in(course)
    other = opted_in(course)
    token = emails.unsubscribe_token(user)
    # The other learner's id with this learner's signature.
    forged = emails.unsubscribe_token(other).split(":")[0] + token[token.index(":") :]
    assert forged != token
    for bad in (forged, token[:-2], "nothing"):
        response = Client().post(f"/en/learn/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert set(Profile.objects.values_list("lesson_emails", flat=True)) == {True}


def test_the_profile_offers_the_lesson_emails(course, client):
    user = opted_in(course, lesson_emails=False)
    client.force_login(user)
    page = client.get("/en/learn/profile/")
    assert 'name="profile-lesson_emails"' in page.content.decode()


# The real queue ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_certificate_email_waits_in_the_queue_for_the_worker(
    learner,
    course,
    lessons,
    quiz_lesson,
    quiz_id,
    worker_process_state,  # noqa: F811
):
    with override_settings(TASKS=DATABASE_TASKS):
        complete_course(learner, lessons, quiz_lesson, quiz_id)
        queued = DBTaskResult.objects.filter(task_path="lms.services.emails.send_certificate_email")
        assert queued.count() == 1
        assert mail.outbox == []  # not sent yet: the work waits in the queue

        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

        assert queued.get().status == TaskResultStatus.SUCCESSFUL
        assert len(mail.outbox) == 1
        assert Certificate.objects.get().code in mail.outbox[0].body
