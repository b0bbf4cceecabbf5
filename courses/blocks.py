"""The blocks a lesson body is made of.

Every block declares an icon, a template, a preview value and a description. Blocks that
need a different shape for headless clients override ``get_api_representation``: images
become renditions, documents become URLs, and quizzes drop their answers.

What search indexes is what a learner sees before an attempt (``get_searchable_content``):
a quiz gives its title, questions and the text of its answers, never which are correct, their
feedback or the explanation; no block gives the label of a choice it stores (a heading's
level, a callout's kind, a question's kind).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from lms import i18n
from lms.api import links

from .querysets import served


def absolute(url, context):
    return links.absolute((context or {}).get("request"), url)


def page_url(page, context):
    """A linked page's address for a reader of the requested locale (lms.api.links)."""
    context = context or {}
    requested = context.get("requested_locale")
    return links.page_url(context.get("request"), page, requested.code if requested else None)


class SearchableChildrenMixin:
    """Only the child blocks named in ``searchable`` are indexed for search."""

    searchable = ()

    def get_searchable_content(self, value):
        content = []
        for name in self.searchable:
            content.extend(self.child_blocks[name].get_searchable_content(value.get(name)))
        return content


class HeadingBlock(SearchableChildrenMixin, blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )
    searchable = ("text",)

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        preview_value = {"text": "Why work across borders?", "level": "h2"}
        description = _("A section heading inside the lesson")


RENDITION_SPEC = "max-1200x1200|format-webp"


class RichTextBlock(blocks.RichTextBlock):
    def get_api_representation(self, value, context=None):
        if value is None:
            return ""
        # The API expands all rich text of a response at once (courses.api.batch); on its own,
        # value.__html__ expands internal links and embeds to real URLs and markup.
        expanded = (context or {}).get("rich_text_html", {}).get(value.source)
        return expanded if expanded is not None else value.__html__()

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        preview_value = "<p>Cross-border cooperation starts with a shared question.</p>"
        description = _("Paragraphs, lists and links")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        if image is None:
            return None
        # Renditions prefetched for the whole response come in the context.
        rendition = (context or {}).get("renditions", {}).get(image.pk)
        if rendition is None:
            rendition = image.get_rendition(RENDITION_SPEC)
        return {
            "url": absolute(rendition.url, context),
            "width": rendition.width,
            "height": rendition.height,
            "alt": value.get("alt_text") or image.title,
            "caption": value.get("caption") or "",
        }

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        preview_value = {"alt_text": "Partners at a workshop", "caption": "A workshop"}
        description = _("An image with alternative text and an optional caption")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def get_api_representation(self, value, context=None):
        video = value.get("video")
        return {"url": video.url if video else "", "caption": value.get("caption") or ""}

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        preview_value = {"caption": "An interview with a partner"}
        description = _("An embedded video")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        if document is None:
            return None
        return {
            "url": absolute(document.url, context),
            "title": value.get("title") or document.title,
            "file_extension": document.file_extension,
        }

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        preview_value = {"title": "Workshop toolkit (PDF)"}
        description = _("A file learners can download")


class CalloutBlock(SearchableChildrenMixin, blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("example", _("Example"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])
    searchable = ("title", "text")

    class Meta:
        icon = "help"
        template = "blocks/callout.html"
        preview_value = {"kind": "tip", "title": "Tip", "text": "<p>Agree on a language.</p>"}
        description = _("A highlighted tip, warning or example")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        preview_value = {"text": "We learned more from our neighbours than from any manual."}
        description = _("A quotation with its source")


def link_targets(model, pages, locale_ids, hidden=None):
    """``{pk: page}``: where a link to each of ``pages`` (of ``model``) leads, its served
    translation in the first of ``locale_ids`` that has one, else the page itself. A page
    that is not served is left out: its link leads nowhere. One query for the pages, one for
    their translations when they are in another locale (``lms.i18n.pick_translations``), and
    the two of ``served()`` unless ``hidden`` is given."""
    ids = {page.pk for page in pages if page is not None}
    if not ids:
        return {}
    base = served(model.objects.all(), hidden).select_related("locale")
    found = {page.pk: page for page in base.filter(pk__in=ids)}
    picked = i18n.pick_translations(base, found.values(), locale_ids)
    return {pk: picked[page.translation_key] for pk, page in found.items()}


class CaseStudyLinkBlock(blocks.StructBlock):
    """A link to a case study that follows the reader's language: the case study's served
    translation in it when there is one (on the web the active language, in the API the
    locale of the lesson, as its rich-text links), else the linked case study."""

    case_study = blocks.PageChooserBlock(label=_("Case study"), page_type="courses.CaseStudyPage")
    note = blocks.CharBlock(label=_("Why it matters here"), required=False, max_length=300)

    @property
    def target_model(self):
        return self.child_blocks["case_study"].target_model

    def target(self, value, locale_ids):
        page = value.get("case_study")
        if page is None:
            return None
        return link_targets(self.target_model, [page], locale_ids).get(page.pk)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["target"] = self.target(value, [i18n.active_locale().locale_id])
        return context

    def get_api_representation(self, value, context=None):
        context = context or {}
        page = value.get("case_study")
        if page is None:
            return None
        if "case_study_links" in context:
            # Looked up for the whole body at once (courses.api.batch.stream).
            page = context["case_study_links"].get(page.pk)
        else:
            requested = context.get("requested_locale")
            page = self.target(value, [requested.locale_id] if requested else [])
        if page is None:
            return None
        return {
            "id": page.pk,
            "title": page.title,
            "url": page_url(page, context),
            "translation_key": str(page.translation_key),
            "note": value.get("note") or "",
        }

    class Meta:
        icon = "link"
        template = "blocks/case_study_link.html"
        preview_value = {"note": "See how the partners shared a studio."}
        description = _("A link to a best-practice case study")


class AnswerChoiceBlock(SearchableChildrenMixin, blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback"),
        required=False,
        max_length=500,
        help_text=_("Shown after an attempt that chose this answer."),
    )
    searchable = ("text",)

    class Meta:
        icon = "tick"
        description = _("One answer to a quiz question")


class QuestionBlock(SearchableChildrenMixin, blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("single", _("One correct answer")), ("multiple", _("Several correct answers"))],
        default="single",
    )
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Answers"), min_num=2)
    explanation = blocks.TextBlock(
        label=_("Explanation"), required=False, help_text=_("Shown after an attempt.")
    )
    searchable = ("question", "choices")

    def clean(self, value):
        from django.core.exceptions import ValidationError

        value = super().clean(value)
        correct = [choice for choice in value["choices"] if choice.get("correct")]
        if not correct:
            raise blocks.StructBlockValidationError(
                {"choices": ValidationError(_("Mark at least one answer as correct."))}
            )
        if value["kind"] == "single" and len(correct) > 1:
            raise blocks.StructBlockValidationError(
                {"choices": ValidationError(_("A single-answer question has one correct answer."))}
            )
        return value

    class Meta:
        icon = "help"
        description = _("A question with its answers")


class QuizBlock(SearchableChildrenMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=0, max_value=100, default=70
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)
    searchable = ("title", "questions")

    def get_api_representation(self, value, context=None):
        # The answers and their feedback stay on the server: learners get them only after
        # an attempt, from the grading service.
        questions = []
        for index, question in enumerate(value["questions"]):
            block_id = getattr(value["questions"], "bound_blocks", None)
            questions.append(
                {
                    "id": block_id[index].id if block_id else str(index),
                    "question": question["question"],
                    "kind": question["kind"],
                    "choices": [
                        {"id": str(choice_index), "text": choice["text"]}
                        for choice_index, choice in enumerate(question["choices"])
                    ],
                }
            )
        return {"title": value["title"], "pass_mark": value["pass_mark"], "questions": questions}

    class Meta:
        icon = "form"
        template = "blocks/quiz.html"
        preview_value = {"title": "Check your understanding", "pass_mark": 70}
        description = _("Questions graded on the server, with a pass mark")


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Prompt"))
    guidance = blocks.TextBlock(label=_("Guidance"), required=False)

    class Meta:
        icon = "edit"
        template = "blocks/reflection.html"
        preview_value = {"prompt": "Which partner in another country could you call this week?"}
        description = _("A question for the learner to think through on their own")


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = RichTextBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    case_study_link = CaseStudyLinkBlock()
    quiz = QuizBlock()
    reflection = ReflectionBlock()


class LearningOutcomeBlock(blocks.StreamBlock):
    outcome = blocks.CharBlock(
        label=_("Outcome"), max_length=300, icon="tick", template="blocks/outcome.html"
    )


class CaseStudyBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = RichTextBlock()
    image = ImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
