"""Previews in the admin, through Wagtail's own views as an editor uses them: the edit form
of every page type and of a partner previewed unsaved (posted to the preview view, then
shown), a page being created, and a saved draft."""

import pytest
import wagtail_factories
from django.urls import reverse
from modelcluster.models import get_all_child_relations
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from courses.models import CaseStudyCourse, CourseCaseStudy, CoursePage, LessonPage, Partner
from tests import factories
from tests.admin.form_data import form_data

PAGE_TYPES = ["home", "course_index", "course", "lesson", "case_study_index", "case_study"]
TITLE = "Unsaved title in preview"
# Besides its title, what a preview shows of the page's links to snippets and pages.
SHOWS = {
    "course": ["Design", "Poland", "Media Dizajn", "Creative Ports"],
    "lesson": ["Creative Ports", "Who leads Creative Ports?"],
    "case_study": ["Design", "Poland", "Media Dizajn"],
}


@pytest.fixture
def directory(locales):
    design = factories.SubsectorFactory(slug="design", name="Design")
    poland = factories.CountryFactory(code="PL", name="Poland")
    partner = factories.PartnerFactory(name="Media Dizajn", slug="media-dizajn", country=poland)
    partner.subsectors.set([design])
    partner.save()
    return {"design": design, "poland": poland, "partner": partner}


def link_snippets(page, directory):
    page.subsectors.set([directory["design"]])
    page.countries.set([directory["poland"]])
    page.partners.set([directory["partner"]])


@pytest.fixture
def pages(course, case_study_index, directory):
    """One page of each type, linked to each other and to snippets as editors link them."""
    case_study = factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=case_study_index.locale,
        title="Creative Ports",
        challenge="<p>Fourteen partners.</p>",
        body=[{"type": "quote", "value": {"text": "It worked.", "attribution": "A partner"}}],
    )
    link_snippets(case_study, directory)
    CaseStudyCourse.objects.create(case_study=case_study, course=course)
    case_study.save_revision().publish()
    link_snippets(course, directory)
    CourseCaseStudy.objects.create(course=course, case_study=case_study)
    course.learning_outcomes = [("outcome", "Find a partner")]
    course.save_revision().publish()
    lesson = LessonPage.objects.child_of(course).order_by("path").last()
    lesson.body = lesson_body(case_study, course)
    lesson.save_revision().publish()
    return {
        "home": course.get_parent().get_parent().specific,
        "course_index": course.get_parent().specific,
        "course": CoursePage.objects.get(pk=course.pk),
        "lesson": LessonPage.objects.get(pk=lesson.pk),
        "case_study_index": case_study_index,
        "case_study": case_study,
    }


def lesson_body(case_study, course):
    """Every kind of lesson block."""
    return [
        {"type": "heading", "value": {"text": "Start here", "level": "h2"}},
        {
            "type": "rich_text",
            "value": f'<p>See <a linktype="page" id="{course.pk}">the course</a>.</p>',
        },
        {
            "type": "image",
            "value": {
                "image": wagtail_factories.ImageFactory().pk,
                "alt_text": "A workshop",
                "caption": "",
            },
        },
        {"type": "document", "value": {"document": wagtail_factories.DocumentFactory().pk}},
        {
            "type": "callout",
            "value": {"kind": "tip", "title": "Tip", "text": "<p>Agree on a language.</p>"},
        },
        {"type": "quote", "value": {"text": "We learned a lot.", "attribution": "A partner"}},
        {"type": "case_study_link", "value": {"case_study": case_study.pk, "note": "Why"}},
        {"type": "reflection", "value": {"prompt": "Who could you call?", "guidance": ""}},
        factories.quiz_block(),
    ]


def edit_form(page, user, parent=None):
    """The admin's edit form of ``page`` (a draft or an unsaved page), unbound."""
    form_class = page.get_edit_handler().get_form_class()
    parent = parent or page.get_parent().specific
    return form_class(instance=page, parent_page=parent, for_user=user)


def preview(client, url, data):
    """What the preview panel does: post the form, then show the preview."""
    posted = client.post(url, data)
    assert posted.status_code == 200, posted.content[:500]
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url)


def assert_shows(response, kind, title):
    assert response.status_code == 200, response.content[:2000]
    html = response.content.decode()
    for text in [title, *SHOWS.get(kind, [])]:
        assert text in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_preview_of_the_unsaved_edit_form(admin_client, admin_user, pages, kind):
    page = pages[kind].get_latest_revision_as_object()
    data = form_data(edit_form(page, admin_user))
    data["title"] = TITLE
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert_shows(preview(admin_client, url, data), kind, TITLE)


def unsaved_copy(page):
    """A new page of ``page``'s type with its content, links and inline rows, as an editor
    fills in the create form: nothing of it is saved."""
    model = type(page)
    tree_fields = {field.name for field in Page._meta.get_fields()}
    copy = model(
        **{
            field.name: getattr(page, field.name)
            for field in model._meta.concrete_fields
            if field.name not in tree_fields and not field.primary_key
        }
    )
    for field in model._meta.many_to_many:
        getattr(copy, field.name).set(list(getattr(page, field.name).all()))
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        rows = [
            type(row)(
                **{
                    f.name: getattr(row, f.name)
                    for f in row._meta.concrete_fields
                    if not f.primary_key and f.name != relation.field.name
                }
            )
            for row in getattr(page, name).all()
        ]
        setattr(copy, name, rows)
    return copy


@pytest.mark.django_db
# A home page is never created in the admin: there is one under the root per locale, made by
# translating the English one.
@pytest.mark.parametrize("kind", PAGE_TYPES[1:])
def test_preview_of_a_page_being_created(admin_client, admin_user, pages, kind):
    existing = pages[kind]
    parent = existing.get_parent().specific
    if type(existing).max_count_per_parent:
        # One index per home page: a new index goes under a new site's home page.
        parent = factories.HomePageFactory(parent=parent.get_parent(), slug="another-site")
    page = unsaved_copy(existing.get_latest_revision_as_object())
    data = form_data(edit_form(page, admin_user, parent))
    data |= {"title": TITLE, "slug": "unsaved"}
    model = type(page)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    assert_shows(preview(admin_client, url, data), kind, TITLE)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_view_draft(admin_client, pages, kind):
    page = pages[kind].get_latest_revision_as_object()
    page.title = "Draft title"
    page.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert_shows(response, kind, "Draft title")


@pytest.mark.django_db
@pytest.mark.parametrize("saved", [True, False], ids=["edit", "create"])
def test_preview_of_a_partner(admin_client, admin_user, directory, saved):
    partner = directory["partner"]
    if not saved:
        partner = Partner(name="New partner", country=directory["poland"], locale=partner.locale)
        partner.subsectors.set([directory["design"]])
    form = get_edit_handler(Partner).get_form_class()(instance=partner, for_user=admin_user)
    data = form_data(form) | {"name": "Kreativum Science Center", "slug": "kreativum"}
    url = (
        reverse("wagtailsnippets_courses_partner:preview_on_edit", args=[partner.pk])
        if saved
        else reverse("wagtailsnippets_courses_partner:preview_on_add")
    )
    assert_shows(preview(admin_client, url, data), "partner", "Kreativum Science Center")


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["translation editor", "draft"])
def test_preview_of_a_polish_translation_is_in_polish(admin_client, pages, directory, view):
    course = pages["course"]
    pl = factories.locale("pl")
    design_pl = directory["design"].copy_for_translation(pl)
    design_pl.name = "Wzornictwo"
    design_pl.save()
    TranslationCreator(None, [pl]).create_translations(course)
    pl_course = course.get_translation(pl)
    if view == "draft":
        url = reverse("wagtailadmin_pages:view_draft", args=[pl_course.pk])
    else:
        translation = Translation.objects.get(
            source__object_id=course.translation_key, target_locale=pl
        )
        url = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Wzornictwo" in html and "Design" not in html
