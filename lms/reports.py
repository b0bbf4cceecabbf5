"""The editors' report in the Wagtail admin: enrolments, completions and drop-off per course,
for all learners or for those who enrolled in one language."""

import uuid

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import CoursePage

from . import services
from .models import Enrolment, LessonProgress, QuizAttempt

Status = LessonProgress.Status


# --- The report ----------------------------------------------------------------------------


def course_report(course, locale_code=None):
    """Enrolments, completions and drop-off per lesson for a course (any locale's page);
    ``locale_code`` limits it to learners who enrolled in that language."""
    key = course.translation_key
    source = services.source_courses([key]).get(key, course)
    lessons = services.lessons_of([source]).get(key, [])
    enrolments = Enrolment.objects.filter(course_key=key)
    if locale_code:
        enrolments = enrolments.filter(locale=locale_code)
    totals = enrolments.aggregate(
        enrolments=Count("id"), completions=Count("id", filter=Q(completed_at__isnull=False))
    )
    counts = _lesson_counts(lessons, enrolments)
    by_locale = list(
        Enrolment.objects.filter(course_key=key)
        .values("locale")
        .annotate(
            enrolments=Count("id"),
            completions=Count("id", filter=Q(completed_at__isnull=False)),
        )
        .order_by("locale")
    )
    for row in by_locale:
        row["rate"] = _rate(row["completions"], row["enrolments"])
    total = totals["enrolments"]
    rows, previous = [], total
    for lesson in lessons:
        row = counts[lesson.translation_key]
        completed = row["completed"]
        rows.append(
            {
                "lesson": lesson,
                "started": row["started"],
                "completed": completed,
                "percent": _rate(completed, total),
                # Learners who finished the step before but not this one.
                "drop_off": max(previous - completed, 0),
            }
        )
        previous = completed
    return {
        "course": source,
        "locale": locale_code or "",
        "enrolments": total,
        "completions": totals["completions"],
        "rate": _rate(totals["completions"], total),
        "lessons": rows,
        "by_locale": by_locale,
    }


def _lesson_counts(lessons, enrolments):
    """``{lesson_key: {"started", "completed"}}``: learners who began each lesson and those
    who are done with it by the completion rule (lms.services.progress.lesson_done), in two
    queries."""
    keys = [lesson.translation_key for lesson in lessons]
    rows = LessonProgress.objects.filter(enrolment__in=enrolments, lesson_key__in=keys).values_list(
        "enrolment__user_id", "lesson_key", "status"
    )
    passed = {}
    attempts = (
        QuizAttempt.objects.filter(
            passed=True, lesson_key__in=keys, user_id__in=enrolments.values("user_id")
        )
        .order_by()
        .values_list("user_id", "lesson_key", "quiz_id")
        .distinct()
    )
    for user_id, lesson_key, quiz_id in attempts:
        passed.setdefault((user_id, lesson_key), set()).add(quiz_id)
    quizzes = {lesson.translation_key: services.quiz_ids(lesson) for lesson in lessons}
    counts = {key: {"started": 0, "completed": 0} for key in keys}
    for user_id, lesson_key, status in rows:
        counts[lesson_key]["started"] += 1
        if services.lesson_done(status, quizzes[lesson_key], passed.get((user_id, lesson_key), ())):
            counts[lesson_key]["completed"] += 1
    return counts


def _rate(part, whole):
    return round(100 * part / whole) if whole else 0


# --- The admin view ------------------------------------------------------------------------


class LearningReportView(WagtailAdminTemplateMixin, TemplateView):
    """``/admin/reports/learning/``: every course; ``?course=<translation key>&locale=pl``:
    one course, optionally for learners who enrolled in Polish."""

    template_name = "lms/admin/learning_report.html"
    page_title = _("Learning")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return []

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # A 400 rather than a 404: LocaleMiddleware would turn a 404 into a redirect.
        status = 400 if context.get("error") else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locale = self.request.GET.get("locale", "")
        key = self.request.GET.get("course")
        context["languages"] = settings.LANGUAGES
        context["selected_locale"] = locale
        course = self.course(key) if key else None
        if locale and locale not in dict(settings.LANGUAGES):
            context["error"] = _("Unknown language “%(code)s”.") % {"code": locale}
        elif key and course is None:
            context["error"] = _("No published course has the key “%(key)s”.") % {"key": key}
        elif course is not None:
            context["report"] = course_report(course, locale or None)
            context["chart"] = bar_chart(context["report"])
        if "report" not in context:
            context["courses"] = self.overview()
        return context

    def course(self, key):
        try:
            key = uuid.UUID(str(key))
        except ValueError:
            return None
        return services.source_courses([key]).get(key)

    def overview(self):
        keys = CoursePage.objects.served().values_list("translation_key", flat=True).distinct()
        sources = services.source_courses(keys)
        totals = {
            row["course_key"]: row
            for row in Enrolment.objects.values("course_key").annotate(
                enrolments=_count("id"), completions=_count("id", completed=True)
            )
        }
        rows = []
        for key, course in sources.items():
            row = totals.get(key, {"enrolments": 0, "completions": 0})
            rows.append(
                {
                    "course": course,
                    "key": key,
                    "enrolments": row["enrolments"],
                    "completions": row["completions"],
                    "rate": _rate(row["completions"], row["enrolments"]),
                }
            )
        return sorted(rows, key=lambda row: row["course"].title.lower())


def _count(field, completed=False):
    from django.db.models import Count, Q

    if completed:
        return Count(field, filter=Q(completed_at__isnull=False))
    return Count(field)


def bar_chart(report, width=640, bar_height=22, gap=10, label_width=220):
    """The geometry of a horizontal SVG bar chart: per lesson, the share of enrolled
    learners who completed it, and how many stopped before it."""
    plot = width - label_width - 60
    bars = []
    for index, row in enumerate(report["lessons"]):
        y = index * (bar_height + gap)
        bars.append(
            {
                "y": y,
                "text_y": y + bar_height * 0.7,
                "width": round(plot * row["percent"] / 100, 1),
                "label_x": label_width + round(plot * row["percent"] / 100, 1) + 6,
                **row,
            }
        )
    return {
        "width": width,
        "height": max(len(bars) * (bar_height + gap), bar_height),
        "bar_height": bar_height,
        "label_width": label_width,
        "plot": plot,
        "bars": bars,
    }
