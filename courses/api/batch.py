"""Look-ups done once for a whole response, so that its cost in queries does not grow with
the number of items or blocks:

- the names of linked snippets in the requested locale (one query per snippet model);
- image renditions (one query for all images);
- rich text: every rich text of a response is expanded in one pass, so internal links cost
  two queries whatever their number;
- the case studies a body's link blocks lead to, in the body's locale (two queries);
- a course's syllabus and a lesson's course;
- the pages ``served()`` excludes (private sections, pages under unpublished ones);
- whether pages are machine translated and not reviewed (two queries for all pages).

The maps live in the serializer context, which nested serializers and blocks share.
"""

import uuid

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from wagtail import blocks as wagtail_blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import RichText, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from courses import machine_translation
from courses.blocks import RENDITION_SPEC, CaseStudyLinkBlock, link_targets
from courses.models import CoursePage, LessonPage
from courses.querysets import kept_hidden_q
from courses.querysets import served as served_pages
from lms import i18n
from lms.api import links

RENDITION_SCHEMA = inline_serializer(
    "Rendition",
    fields={
        "url": serializers.URLField(),
        "width": serializers.IntegerField(),
        "height": serializers.IntegerField(),
        "alt": serializers.CharField(),
    },
    allow_null=True,
)


# --- Snippets -----------------------------------------------------------------------------


def _snippet_map(context):
    return context.setdefault("snippet_translations", {})


def prepare_snippets(context, items, countries=(), m2m=()):
    """Find, in one query per model, the requested locale's version of every snippet linked
    from ``items`` (foreign keys ``countries``, many-to-many ``m2m``, both prefetched)."""
    requested = context.get("requested_locale")
    linked = {}
    for item in items:
        for name in countries:
            obj = getattr(item, name)
            if obj is not None:
                linked.setdefault(type(obj), []).append(obj)
        for name in m2m:
            for obj in getattr(item, name).all():
                linked.setdefault(type(obj), []).append(obj)
    if requested is None or requested.locale_id is None:
        return
    translations = _snippet_map(context)
    for model, objects in linked.items():
        objects = [obj for obj in objects if (model, obj.translation_key) not in translations]
        if not objects:
            continue
        found = i18n.translations(model._default_manager.all(), objects, requested)
        for key, (obj, _is_fallback) in found.items():
            translations[(model, key)] = obj


def snippet_translation(context, obj):
    return _snippet_map(context).get((type(obj), obj.translation_key), obj)


# --- What may be served ------------------------------------------------------------------


def served(model, context=None):
    """The served pages of ``model``, with the hidden sections looked up once per response."""
    if context is None:
        return served_pages(model.objects.all())
    if "hidden_pages_q" not in context:
        context["hidden_pages_q"] = kept_hidden_q()
    return served_pages(model.objects.all(), context["hidden_pages_q"])


# --- Machine translation -------------------------------------------------------------------


def prepare_machine_translation(context, pages):
    """Whether ``pages`` are machine translated and not reviewed, for all at once. A preview
    (``context["draft"]``) asks about the draft, everything else about the live page."""
    found = context.setdefault("machine_translation", {})
    wanted = [page for page in pages if (page.translation_key, page.locale_id) not in found]
    if wanted:
        found.update(machine_translation.marks(wanted, published=not context.get("draft")))


def machine_translation_mark(context, page):
    if (page.translation_key, page.locale_id) not in context.get("machine_translation", {}):
        prepare_machine_translation(context, [page])
    return machine_translation.mark_of(page, context["machine_translation"])


# --- Images -------------------------------------------------------------------------------


def prepare_images(context, images):
    """Load the renditions of ``images`` in one query; create the missing ones."""
    images = [image for image in images if image is not None]
    renditions = context.setdefault("renditions", {})
    wanted = {image.pk: image for image in images if image.pk not in renditions}
    if not wanted:
        return
    Rendition = get_image_model().get_rendition_model()
    for rendition in Rendition.objects.filter(image_id__in=wanted, filter_spec=RENDITION_SPEC):
        renditions[rendition.image_id] = rendition
    for pk, image in wanted.items():
        if pk not in renditions:
            # Made once per image and spec, on the first request that needs it.
            renditions[pk] = image.get_rendition(RENDITION_SPEC)


def absolute(context, url):
    return links.absolute(context.get("request"), url)


def page_url(context, page):
    """The page's address on the website for a reader of the requested locale, absolute: a
    page in the fallback language under the requested language's prefix."""
    requested = context.get("requested_locale")
    return links.page_url(context.get("request"), page, requested.code if requested else None)


def canonical_url(context, page):
    """The page's own address on the website, whatever locale was requested."""
    return links.page_url(context.get("request"), page)


def rendition(context, image, alt=None):
    if image is None:
        return None
    found = context.get("renditions", {}).get(image.pk)
    if found is None:
        prepare_images(context, [image])
        found = context["renditions"][image.pk]
    return {
        "url": absolute(context, found.url),
        "width": found.width,
        "height": found.height,
        "alt": alt or getattr(image, "default_alt_text", None) or image.title,
    }


# --- Rich text ----------------------------------------------------------------------------


def _page_links(context, locale_id):
    """A bulk rule for ``<a linktype="page" id="…">``: served pages only, in the locale of the
    content when they are translated, as absolute URLs."""

    def rule(attrs_list):
        ids = {str(attrs.get("id")) for attrs in attrs_list}
        ids = [int(pk) for pk in ids if pk.isdigit()]
        base = served(Page, context).select_related("locale")
        pages = {page.pk: page for page in base.filter(pk__in=ids)}
        translated = {}
        if locale_id is not None and pages:
            translated = i18n.pick_translations(base, pages.values(), [locale_id])
        tags = []
        for attrs in attrs_list:
            page = pages.get(int(attrs["id"])) if str(attrs.get("id")).isdigit() else None
            if page is None:
                tags.append("<a>")
                continue
            page = translated.get(page.translation_key, page)
            url = page_url(context, page) or ""
            tags.append(f'<a href="{url}">' if url else "<a>")
        return tags

    return rule


def _rewriter(context, locale_id):
    link_rules = {
        linktype: handler.expand_db_attributes_many
        for linktype, handler in features.get_link_types().items()
    }
    link_rules["page"] = _page_links(context, locale_id)
    embed_rules = {
        embedtype: handler.expand_db_attributes_many
        for embedtype, handler in features.get_embed_types().items()
    }
    return MultiRuleRewriter(
        [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
    )


def expand_rich_texts(context, sources, locale_id=None):
    """``{source: html}`` for many rich text sources, expanded in one pass."""
    sources = [source for source in dict.fromkeys(sources) if source]
    if not sources:
        return {}
    # The rewriters work on tags, so a comment keeps the sources apart through one pass.
    separator = f"<!--{uuid.uuid4().hex}-->"
    expanded = _rewriter(context, locale_id)(separator.join(sources))
    # Images and documents come root-relative from Wagtail's rewriters.
    expanded = links.absolute_html(context.get("request"), expanded).split(separator)
    return dict(zip(sources, expanded, strict=True))


def rich_text(context, source, locale_id=None):
    source = source.source if isinstance(source, RichText) else source
    if not source:
        return ""
    cache = context.setdefault("rich_text_html", {})
    if source not in cache:
        cache.update(expand_rich_texts(context, [source], locale_id))
    return cache[source]


# --- StreamField --------------------------------------------------------------------------


def _walk(block, value, found):
    """Collect what the blocks of ``value`` link: rich text sources, images, case studies."""
    if value is None:
        return
    if isinstance(block, wagtail_blocks.RichTextBlock):
        found["rich_texts"].append(value.source if isinstance(value, RichText) else str(value))
    elif isinstance(block, ImageChooserBlock):
        found["images"].append(value)
    elif isinstance(block, wagtail_blocks.StreamBlock):
        for child in value:
            _walk(child.block, child.value, found)
    elif isinstance(block, wagtail_blocks.ListBlock):
        for item in value:
            _walk(block.child_block, item, found)
    elif isinstance(block, wagtail_blocks.StructBlock):
        if isinstance(block, CaseStudyLinkBlock):
            found["links"].setdefault(block.target_model, []).append(value.get("case_study"))
        for name, child_block in block.child_blocks.items():
            _walk(child_block, value.get(name), found)


def stream(context, value, locale_id=None):
    """A StreamField as typed blocks ``{type, id, value}``, with every rich text, image and
    link of it looked up in a fixed number of queries. Links follow ``locale_id``, the
    locale of the content."""
    if value is None:
        return []
    found = {"rich_texts": [], "images": [], "links": {}}
    _walk(value.stream_block, value, found)
    context.setdefault("rich_text_html", {}).update(
        expand_rich_texts(context, found["rich_texts"], locale_id)
    )
    prepare_images(context, found["images"])
    # Case-study links of this body only: the next body may be in another locale.
    context["case_study_links"] = {}
    for model, pages in found["links"].items():
        if "hidden_pages_q" not in context:
            context["hidden_pages_q"] = kept_hidden_q()
        context["case_study_links"].update(
            link_targets(model, pages, [locale_id], context["hidden_pages_q"])
        )
    return value.stream_block.get_api_representation(value, context=context)


# --- Page relations -----------------------------------------------------------------------


def syllabus(course, requested, context=None):
    """The lessons of ``course`` in order. When the course is a translation, each lesson of
    the fallback course that has no live translation under it is served in the fallback
    locale, in its place in the fallback course's order."""
    # A syllabus lists lessons, never their bodies: the largest column of the table.
    base = served(LessonPage, context).select_related("locale").defer("body")
    fallback_course = None
    if requested.fallback_id is not None and course.locale_id != requested.fallback_id:
        # Where the fallback course is in the tree is all its lessons' query needs.
        found = (
            served(CoursePage, context)
            .filter(translation_key=course.translation_key, locale_id=requested.fallback_id)
            .values_list("path", "depth", "locale_id")
            .first()
        )
        if found is not None:
            path, depth, locale_id = found
            # Its translation key, not a new one: a page made here still counts as read by
            # the response cache (lms/api/cache.py), and the course's tag covers it.
            fallback_course = Page(
                path=path, depth=depth, locale_id=locale_id, translation_key=course.translation_key
            )
    where = LessonPage.objects.child_of_q(course)
    if fallback_course is not None:
        where |= LessonPage.objects.child_of_q(fallback_course)
    lessons = list(base.filter(where).order_by("path"))
    if fallback_course is None:
        return lessons
    own = {
        lesson.translation_key: lesson for lesson in lessons if lesson.locale_id == course.locale_id
    }
    result, seen = [], set()
    for lesson in lessons:
        if lesson.locale_id == fallback_course.locale_id:
            result.append(own.get(lesson.translation_key, lesson))
            seen.add(lesson.translation_key)
    result += [lesson for key, lesson in own.items() if key not in seen]
    return result


def localized_pages(model, ids, requested, context=None):
    """The served pages ``ids`` of ``model``, each in the requested locale when it has a
    served translation there, in the order of ``ids``."""
    if not ids:
        return []
    base = served(model, context).select_related("locale")
    pages = {page.pk: page for page in base.filter(pk__in=ids)}
    translated = {}
    if requested is not None and requested.locale_id is not None:
        # Only the requested locale: a related page is shown as it is, never swapped for
        # its fallback-locale version.
        translated = i18n.pick_translations(base, pages.values(), [requested.locale_id])
    result, seen = [], set()
    for pk in ids:
        page = pages.get(pk)
        if page is None:
            continue
        page = translated.get(page.translation_key, page)
        if page.pk not in seen:
            seen.add(page.pk)
            result.append(page)
    return result


def parent_course(lesson, context=None):
    return (
        served(CoursePage, context)
        .select_related("locale")
        .filter(path=lesson.path[: -CoursePage.steplen])
        .first()
    )
