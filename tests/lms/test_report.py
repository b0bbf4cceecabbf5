"""The editors' learning report in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group, Permission

from lms import reports, services
from tests import factories
from tests.lms.conftest import RIGHT

REPORT = "/admin/reports/learning/"


@pytest.fixture
def editor(db):
    """An editor: admin access through a group, not a superuser."""
    user = factories.UserFactory()
    group = Group.objects.create(name="Report editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def activity(course, lessons, lessons_pl, quiz_lesson, quiz_id):
    """Four learners: one finished in English, one stopped after lesson 1 in Polish, one
    stopped after lesson 2 in English, one only enrolled in Polish."""
    finished, first_only, two, idle = factories.UserFactory.create_batch(4)
    services.grade_quiz(finished, quiz_lesson, quiz_id, RIGHT)
    for lesson in lessons:
        services.record_progress(finished, lesson, status="completed")
    services.record_progress(first_only, lessons_pl[0], status="completed")
    for lesson in lessons[:2]:
        services.record_progress(two, lesson, status="completed")
    services.enrol(idle, lessons_pl[0].get_parent().specific)


def test_the_report_counts_enrolments_completions_and_drop_off(activity, course):
    report = reports.course_report(course)
    assert (report["enrolments"], report["completions"], report["rate"]) == (4, 1, 25)
    # The learner who marked lesson 2 complete without passing its quiz is not done with it.
    assert [row["completed"] for row in report["lessons"]] == [3, 1, 1]
    assert [row["drop_off"] for row in report["lessons"]] == [1, 2, 0]
    assert [row["percent"] for row in report["lessons"]] == [75, 25, 25]
    assert {row["locale"]: row["enrolments"] for row in report["by_locale"]} == {"en": 2, "pl": 2}

    polish = reports.course_report(course, "pl")
    assert (polish["enrolments"], polish["completions"], polish["rate"]) == (2, 0, 0)
    assert [row["completed"] for row in polish["lessons"]] == [1, 0, 0]


@pytest.mark.parametrize("who", ["staff", "editor"])
def test_the_report_loads_for_editors(client, request, who, activity, course):
    client.force_login(request.getfixturevalue(who))
    overview = client.get(REPORT)
    assert overview.status_code == 200
    html = overview.content.decode()
    assert course.title in html and f"?course={course.translation_key}" in html

    detail = client.get(REPORT, {"course": str(course.translation_key), "locale": "en"})
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "<svg" in html and "Where learners drop off" in html
    assert "Lesson 1" in html and "50%" in html  # of the two English learners, both did lesson 1

    menu = client.get("/admin/").content.decode()
    assert REPORT in menu


def test_the_report_is_refused_to_learners(client, learner, activity, course):
    assert client.get(REPORT).status_code == 302  # to the admin log-in
    client.force_login(learner)
    response = client.get(REPORT, {"course": str(course.translation_key)})
    assert response.status_code in (302, 403)
    assert course.title not in response.content.decode()


@pytest.mark.parametrize(
    "params", [{"course": "not-a-uuid"}, {"course": "00000000-0000-0000-0000-000000000000"}]
)
def test_unknown_courses_and_locales_are_a_400(client, staff, course, params):
    client.force_login(staff)
    response = client.get(REPORT, params)
    assert response.status_code == 400 and "No published course" in response.content.decode()
    bad_locale = client.get(REPORT, {"course": str(course.translation_key), "locale": "xx"})
    assert bad_locale.status_code == 400 and "Unknown language" in bad_locale.content.decode()
