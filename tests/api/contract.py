"""What the API contract tests share: the schema as /api/v1/schema/ serves it, read as a JSON
Schema, and content that exercises every endpoint (a catalogue in English and Polish, case
studies with and without a body, a learner with a completed course, one under way, and a
completed course that was unpublished since)."""

import copy
import json
import re

import jsonschema
from django.test import Client as DjangoClient
from rest_framework.authtoken.models import Token

from courses import preview
from courses.models import CaseStudyCourse, CourseCaseStudy
from lms import services
from lms.models import Certificate
from tests import factories
from tests.api.conftest import translate, translate_snippet

PASSWORD = "correct-horse-battery"
# The shared quiz (tests/factories.py): the right choices, and a wrong one.
RIGHT = {"q1": ["0"], "q2": ["0", "2"]}
WRONG = {"q1": ["1"], "q2": ["1"]}


def served_schema():
    response = DjangoClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


def strict(node):
    """OpenAPI 3.0 schema objects as JSON Schema: ``nullable`` as a null alternative, and
    objects with declared properties closed to undeclared ones."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: strict(value) for key, value in node.items()}
    if node.get("type") == "object" and "properties" in node:
        node.setdefault("additionalProperties", False)
    if node.pop("nullable", False):
        if "enum" in node and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
        if isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def _path_key(template):
    return re.sub(r"{\w+}", "{}", template)


class ResponseValidator:
    """Checks a JSON body against the response an operation documents for its status; the
    operation is named by its operationId or by its path and method."""

    def __init__(self, schema):
        self.root = strict(copy.deepcopy(schema))
        self.by_id, self.by_path = {}, {}
        for path, item in self.root["paths"].items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    self.by_id[operation["operationId"]] = operation
                    self.by_path[(_path_key(path), method.lower())] = operation

    def operation(self, path_template, method):
        return self.by_path.get((_path_key(path_template), method.lower()))

    def __call__(self, operation, status, body):
        if isinstance(operation, str):
            operation = self.by_id[operation]
        responses = operation["responses"]
        if str(status) not in responses:
            raise AssertionError(f"{status} is undocumented")
        content = responses[str(status)].get("content", {}).get("application/json")
        if content is None:
            raise AssertionError(f"{status} documents no JSON body")
        validator = jsonschema.Draft4Validator({**self.root, **content["schema"]})
        errors = [
            f"{'/'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
            for error in validator.iter_errors(body)
        ]
        if errors:
            raise AssertionError(
                "the body does not match the schema:\n    " + "\n    ".join(errors)
            )


def build_content(locales, home, course_index, case_study_index, course, directory):
    """A catalogue in English and Polish, case studies with and without a body, and a learner
    with a completed course (certificate), a course under way, and a completed course that
    was unpublished since."""
    learner = factories.verified_user(first_name="Ada", last_name="Nowak")
    course.subsectors.set([directory["design"]])
    course.countries.set([directory["PL"]])
    course.partners.set([directory["goethe"]])
    course.save_revision().publish()
    lessons = list(course.get_lessons().specific())
    quiz_lesson = lessons[1]
    quiz_id = quiz_lesson.quiz_blocks()[0].id
    factories.add_reflection(quiz_lesson)

    translate_snippet(directory["design"], "pl", name="Wzornictwo")
    course_pl = translate(course, "pl", title="Praca ponad granicami")
    for lesson in lessons:
        translate(lesson, "pl")

    empty = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=home.locale, title="Empty harbour", body=[]
    )
    study = factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=home.locale,
        title="Creative Ports",
        project_name="Creative Ports",
        challenge="<p>Too <b>few</b> contacts.</p>",
        budget="264145.00",
        body=[{"type": "quote", "value": {"text": "It worked.", "attribution": "A partner"}}],
    )
    study.partners.set([directory["goethe"]])
    study.save_revision().publish()
    CaseStudyCourse.objects.create(case_study=study, course=course)
    CourseCaseStudy.objects.create(course=course, case_study=study)

    # Completed, with a certificate and quiz attempts.
    services.grade_quiz(learner, quiz_lesson, quiz_id, WRONG)
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    for lesson in lessons:
        services.record_progress(learner, lesson, status="completed", position="end")
    # Under way: enrolled, one lesson started, not completed.
    open_course = factories.CoursePageFactory(parent=course_index, locale=home.locale)
    open_lessons = [
        factories.LessonPageFactory(parent=open_course, locale=home.locale) for _ in range(2)
    ]
    services.enrol(learner, open_course)
    services.record_progress(learner, open_lessons[0], position="b-3", time_spent=60)
    # Completed, then unpublished: the enrolment and certificate outlive the course.
    gone = factories.CoursePageFactory(parent=course_index, locale=home.locale)
    gone_lesson = factories.LessonPageFactory(parent=gone, locale=home.locale)
    services.record_progress(learner, gone_lesson, status="completed")
    gone.unpublish()
    # Not enrolled yet: the client enrols.
    new_course = factories.CoursePageFactory(parent=course_index, locale=home.locale)

    event = network_events(home, course, study, directory)

    return {
        "event": event,
        "learner": learner,
        "reflection_id": "r1",
        "token": Token.objects.create(user=learner).key,
        "course": course,
        "course_pl": course_pl,
        "lessons": lessons,
        "quiz_lesson": quiz_lesson,
        "quiz_id": quiz_id,
        "open_lessons": open_lessons,
        "new_course": new_course,
        "empty_case_study": empty,
        "case_study": study,
        "certificate": Certificate.objects.get(course_key=course.translation_key),
        "gone_certificate": Certificate.objects.get(course_key=gone.translation_key),
        "directory": directory,
        # A partner front end's preview of each kind of page (courses/preview.py).
        "preview_tokens": {
            "course": preview.make_token(course).token,
            "lesson": preview.make_token(quiz_lesson).token,
            "case_study": preview.make_token(study).token,
        },
    }


def network_events(home, course, study, directory):
    """An event of the calendar, hosted by a partner, in a series, linked to the course and
    the case study, with a programme; translated into Polish."""
    index = factories.EventIndexPageFactory(parent=home, locale=home.locale)
    series = factories.EventSeriesFactory(name="Network meetings", slug="network-meetings")
    event = factories.EventPageFactory(
        parent=index,
        locale=home.locale,
        title="Network meeting",
        kind="network_meeting",
        series=series,
        languages=["en", "pl"],
        description="<p>Partners <b>meet</b>.</p>",
        programme=[{"type": "session", "value": {"title": "Welcome", "starts": "10:00"}}],
        latitude="53.428543",
        longitude="14.552812",
    )
    event.hosts.set([directory["goethe"]])
    event.subsectors.set([directory["design"]])
    event.countries.set([directory["PL"]])
    event.related_courses.set([course])
    event.related_case_studies.set([study])
    event.save_revision().publish()
    translate(event, "pl", title="Spotkanie sieci")
    focus_schedule(directory, course, study, event)
    return event


def focus_schedule(directory, course, study, event):
    """Poland in focus now (with a Polish headline), Germany next."""
    import datetime

    from django.utils import timezone

    from network.models import FocusPeriod

    today = timezone.localdate()
    current = FocusPeriod.objects.create(
        locale=factories.locale(),
        country=directory["PL"],
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=80),
        headline="Poland in focus",
        needs="<p>Access to <b>markets</b>.</p>",
        innovation_group="moderate",
    )
    current.partners.set([directory["goethe"]])
    current.courses.set([course])
    current.case_studies.set([study])
    current.events.set([event])
    current.save()
    translate_snippet(current, "pl", headline="Polska w centrum uwagi")
    competencies(directory)
    FocusPeriod.objects.create(
        locale=factories.locale(),
        country=directory["DE"],
        starts_on=today + datetime.timedelta(days=81),
        ends_on=today + datetime.timedelta(days=170),
        headline="Germany in focus",
    )


def competencies(directory):
    """The Goethe-Institut offers mentoring and seeks market entry; its email is private."""
    from network.models import Competency, PartnerCompetencies

    mentoring = Competency.objects.create(
        slug="mentoring", name="Mentoring", locale=factories.locale()
    )
    market = Competency.objects.create(
        slug="market-entry", name="Market entry", locale=factories.locale()
    )
    translate_snippet(mentoring, "pl", name="Mentoring")
    record = PartnerCompetencies.objects.create(
        partner=directory["goethe"], contact_email="private@goethe.example"
    )
    record.offers.set([mentoring])
    record.seeks.set([market])
    record.save()
