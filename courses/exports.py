"""A served course as a package another learning system imports: IMS Common Cartridge 1.1,
thin Common Cartridge 1.3 or SCORM 1.2 (the formats are standards/packages.py's).

The admin's export buttons and ``GET /api/v1/courses/{id}/export/`` both call ``export``.
Only served content goes in: the course must be live, public and under live sections
(``served()``), and so must each lesson; a draft is never exported, as the live page's row is
what is read, never a revision. Links inside lessons are absolute, to Harbour; images (as the
API's renditions) and documents are copied into the package.

Cost: one query for the lessons, and per lesson one for each image's rendition and the file
reads of its images and documents.
"""

import html
import posixpath
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lms.api import links
from lti.models import resource_url
from standards import packages

from .blocks import RENDITION_SPEC
from .models import CoursePage, LessonPage
from .querysets import served

FORMATS = tuple(packages.FORMATS)
FORMAT_NAMES = {
    "cc11": _("Common Cartridge 1.1"),
    "thincc13": _("Thin Common Cartridge 1.3 (LTI links)"),
    "scorm12": _("SCORM 1.2"),
}


class NotExportable(Exception):
    """The course is not served: it is a draft, private, or under an unpublished section."""


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str
    language: str


def is_served(page):
    return served(CoursePage.objects.filter(pk=page.pk)).exists()


def read(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


def extension(name, default="bin"):
    ext = posixpath.splitext(name)[1].lstrip(".").lower()
    return ext if ext.isalnum() else default


class LessonBuilder:
    """One lesson's HTML, the files it refers to and its quizzes."""

    def __init__(self, request, lesson):
        self.request = request
        self.lesson = lesson
        self.files = {}
        self.quizzes = []

    def add_file(self, folder, name, data):
        path = f"{folder}/{len(self.files) + 1:02d}.{extension(name)}"
        self.files[path] = data
        return path

    def rich_text(self, value):
        return links.absolute_html(self.request, value.__html__() if value else "")

    def block_html(self, block):
        value = block.value
        kind = block.block_type
        if kind == "heading":
            return format_html("<{0}>{1}</{0}>", value["level"], value["text"])
        if kind == "rich_text":
            return mark_safe(self.rich_text(value))
        if kind == "image":
            image = value.get("image")
            if image is None:
                return ""
            rendition = image.get_rendition(RENDITION_SPEC)
            src = self.add_file("images", rendition.file.name, read(rendition.file))
            caption = value.get("caption") or ""
            return format_html(
                '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
                src,
                value.get("alt_text") or image.title,
                rendition.width,
                rendition.height,
                format_html("<figcaption>{}</figcaption>", caption) if caption else "",
            )
        if kind == "document":
            document = value.get("document")
            if document is None:
                return ""
            href = self.add_file("files", document.file.name, read(document.file))
            return format_html(
                '<p><a href="{}" download>{}</a></p>', href, value.get("title") or document.title
            )
        if kind == "video":
            video = value.get("video")
            url = video.url if video else ""
            return (
                format_html('<p><a href="{}">{}</a></p>', url, value.get("caption") or url)
                if url
                else ""
            )
        if kind == "callout":
            title = value.get("title") or ""
            return format_html(
                "<aside>{}{}</aside>",
                format_html("<h3>{}</h3>", title) if title else "",
                mark_safe(self.rich_text(value.get("text"))),
            )
        if kind == "quote":
            attribution = value.get("attribution") or ""
            return format_html(
                "<blockquote><p>{}</p>{}</blockquote>",
                value["text"],
                format_html("<footer>{}</footer>", attribution) if attribution else "",
            )
        if kind == "case_study_link":
            page = value.get("case_study")
            if page is None or not served(type(page).objects.filter(pk=page.pk)).exists():
                return ""
            return format_html(
                '<p><a href="{}">{}</a>{}</p>',
                links.page_url(self.request, page),
                page.title,
                format_html(": {}", value["note"]) if value.get("note") else "",
            )
        if kind == "reflection":
            guidance = value.get("guidance") or ""
            return format_html(
                "<section><p><strong>{}</strong></p>{}</section>",
                value["prompt"],
                format_html("<p>{}</p>", guidance) if guidance else "",
            )
        if kind == "quiz":
            self.quizzes.append(self.quiz(block))
        return ""

    def quiz(self, block):
        value = block.value
        questions = []
        for index, question in enumerate(value["questions"]):
            questions.append(
                packages.Question(
                    ident=f"q{index}",
                    text=question["question"],
                    multiple=question["kind"] == "multiple",
                    choices=tuple(
                        packages.Choice(
                            text=choice["text"],
                            correct=bool(choice.get("correct")),
                            feedback=choice.get("feedback") or "",
                        )
                        for choice in question["choices"]
                    ),
                    explanation=question.get("explanation") or "",
                )
            )
        return packages.Quiz(
            ident=f"quiz-{self.lesson.pk}-{block.id}",
            title=value["title"],
            pass_mark=value["pass_mark"],
            questions=tuple(questions),
        )

    def build(self):
        body = "\n".join(str(self.block_html(block)) for block in self.lesson.body)
        return packages.Lesson(
            ident=str(self.lesson.translation_key),
            title=self.lesson.title,
            html=body,
            url=links.page_url(self.request, self.lesson),
            files=self.files,
            quizzes=tuple(self.quizzes),
            minutes=self.lesson.estimated_minutes,
            # Launched by LTI 1.3 (lti/), the platform's learner signs in as a Harbour learner.
            launch_url=resource_url(self.request, "lesson", self.lesson.translation_key),
        )


def course_package(request, course):
    """The plain description of a served course (standards.packages.Course)."""
    lessons = served(LessonPage.objects.child_of(course)).order_by("path")
    introduction = links.absolute_html(request, course.introduction or "")
    return packages.Course(
        ident=str(course.translation_key),
        title=course.title,
        description=course.search_description or plain_text(introduction),
        language=course.locale.language_code,
        url=links.page_url(request, course),
        lessons=tuple(LessonBuilder(request, lesson).build() for lesson in lessons),
        keywords=tuple(subsector.name for subsector in course.subsectors.all()),
        submit_label=str(_("Check my answers")),
    )


def plain_text(markup):
    return " ".join(html.unescape(strip_tags(markup)).split())


def export(request, course, format):
    """The package of ``course`` in ``format`` (one of FORMATS); NotExportable when the course
    is not served."""
    if not is_served(course):
        raise NotExportable
    build, suffix = packages.FORMATS[format]
    with translation.override(course.locale.language_code):
        package = course_package(request, course)
    language = package.language
    filename = f"{slugify(course.slug) or 'course'}-{language}-{format}.{suffix}"
    return Export(build(package), filename, "application/zip", language)
