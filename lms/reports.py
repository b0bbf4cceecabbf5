"""The editors' report in the Wagtail admin: enrolments, completions and drop-off per course,
for all learners or for those who enrolled in one language."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import CoursePage

from . import services
from .models import Enrolment


class LearningReportView(WagtailAdminTemplateMixin, TemplateView):
    """``/admin/reports/learning/``: every course; ``?course=<translation key>&locale=pl``:
    one course, optionally for learners who enrolled in Polish."""

    template_name = "lms/admin/learning_report.html"
    page_title = _("Learning")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locale = self.request.GET.get("locale", "")
        if locale and locale not in dict(settings.LANGUAGES):
            raise Http404(_("Unknown locale."))
        context["languages"] = settings.LANGUAGES
        context["selected_locale"] = locale
        key = self.request.GET.get("course")
        if key:
            context["report"] = self.course_report(key, locale)
            context["chart"] = bar_chart(context["report"])
        else:
            context["courses"] = self.overview()
        return context

    def course_report(self, key, locale):
        try:
            course = services.source_courses([key]).get(_uuid(key))
        except ValueError:
            course = None
        if course is None:
            raise Http404(_("No published course has this key."))
        return services.course_report(course, locale or None)

    def overview(self):
        keys = CoursePage.objects.live().values_list("translation_key", flat=True).distinct()
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
                    "rate": services._rate(row["completions"], row["enrolments"]),
                }
            )
        return sorted(rows, key=lambda row: row["course"].title.lower())


def _uuid(value):
    import uuid

    return uuid.UUID(str(value))


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
