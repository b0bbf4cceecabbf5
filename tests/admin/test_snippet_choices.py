"""Choosing a course's, a case study's and a partner's subsectors, countries and partners in
the admin: checkboxes of the English snippets only, each named once in the editor's admin
language, while translations keep the English snippets they are synchronised to."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from courses.models import CaseStudyPage, CoursePage, Partner
from tests import factories
from tests.admin.form_data import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def snippets(locales):
    """Two subsectors, a country and a partner in English, translated as the demo is."""
    design = factories.SubsectorFactory(slug="design", name="Design")
    music = factories.SubsectorFactory(slug="music", name="Music")
    denmark = factories.CountryFactory(code="DK", name="Denmark")
    partner = factories.PartnerFactory(name="Goethe-Institut", slug="goethe", country=denmark)
    names = {
        design: {"pl": "Wzornictwo", "da": "Design", "de": "Design"},
        music: {"pl": "Muzyka", "de": "Musik"},
        denmark: {"pl": "Dania", "da": "Danmark", "de": "Dänemark"},
        partner: {"pl": "Instytut Goethego"},
    }
    for source, translated in names.items():
        for code, name in translated.items():
            copy = source.copy_for_translation(locales[code])
            copy.name = name
            copy.save()
    return {"design": design, "music": music, "denmark": denmark, "partner": partner}


def choices(html, name):
    """``[(value, label)]`` of the checkboxes or options called ``name`` in an admin form."""
    soup = BeautifulSoup(html, "html.parser")
    options = soup.select(f"select[name={name}] option")
    if options:
        return [(o["value"], o.get_text(strip=True)) for o in options if o["value"]]
    boxes = soup.select(f"input[type=checkbox][name={name}]")
    return [(box["value"], box.find_parent("label").get_text(strip=True)) for box in boxes]


@pytest.fixture
def pages(course, case_study_index):
    return {
        "course": course,
        "case_study": factories.CaseStudyPageFactory(
            parent=case_study_index, locale=case_study_index.locale
        ),
    }


@pytest.mark.parametrize("kind", ["course", "case_study"])
def test_a_page_offers_each_english_snippet_once_as_a_checkbox(admin_client, pages, snippets, kind):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[pages[kind].pk])).content
    english = {name: str(obj.pk) for name, obj in snippets.items()}
    assert choices(html, "subsectors") == [
        (english["design"], "Design"),
        (english["music"], "Music"),
    ]
    assert choices(html, "countries") == [(english["denmark"], "Denmark")]
    assert choices(html, "partners") == [(english["partner"], "Goethe-Institut")]


def test_the_choices_are_named_in_the_editors_admin_language(
    admin_client, admin_user, pages, snippets
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "pl"
    profile.save()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[pages["course"].pk])).content
    # Still the English snippets, sorted by their Polish names.
    assert choices(html, "subsectors") == [
        (str(snippets["music"].pk), "Muzyka"),
        (str(snippets["design"].pk), "Wzornictwo"),
    ]
    assert choices(html, "countries") == [(str(snippets["denmark"].pk), "Dania")]


def test_a_snippet_without_a_translation_keeps_its_english_name(pages, snippets):
    lithuanian_less = factories.SubsectorFactory(slug="games", name="Games")
    with translation.override("lt"):
        form = page_form(pages["course"])
    labels = dict(form.fields["subsectors"].choices)
    assert labels[lithuanian_less.pk] == "Games"
    assert labels[snippets["design"].pk] == "Design"


def page_form(page, data=None, user=None):
    form_class = page.get_edit_handler().get_form_class()
    return form_class(data, instance=page, parent_page=page.get_parent().specific, for_user=user)


def test_saving_a_draft_with_two_subsectors_ticked(admin_client, admin_user, pages, snippets):
    course = CoursePage.objects.get(pk=pages["course"].pk)
    data = form_data(page_form(course, user=admin_user))
    data["subsectors"] = [snippets["design"].pk, snippets["music"].pk]
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    course.refresh_from_db()
    draft = course.get_latest_revision_as_object()
    assert {s.slug for s in draft.subsectors.all()} == {"design", "music"}
    assert all(s.locale.language_code == "en" for s in draft.subsectors.all())


def test_a_translated_snippet_is_not_a_choice(admin_user, pages, snippets):
    course = pages["course"]
    polish = snippets["design"].get_translation(factories.locale("pl"))
    data = form_data(page_form(course, user=admin_user)) | {"subsectors": [polish.pk]}
    form = page_form(course, data, admin_user)
    assert not form.is_valid()
    assert "subsectors" in form.errors


@pytest.mark.parametrize("model", [CoursePage, CaseStudyPage])
def test_a_translation_keeps_the_english_snippets_it_is_synchronised_to(
    admin_user, pages, snippets, locales, model
):
    page = pages["course" if model is CoursePage else "case_study"].specific
    page.subsectors.set([snippets["design"]])
    page.countries.set([snippets["denmark"]])
    page.partners.set([snippets["partner"]])
    page.save_revision().publish()
    TranslationCreator(None, [locales["pl"]]).create_translations(page)
    polish = model.objects.get(translation_key=page.translation_key, locale=locales["pl"])
    assert list(polish.subsectors.all()) == [snippets["design"]]

    data = form_data(page_form(polish, user=admin_user))
    form = page_form(polish, data, admin_user)
    assert form.is_valid(), form.errors
    saved = form.save(commit=False)
    assert list(saved.subsectors.all()) == [snippets["design"]]
    assert list(saved.countries.all()) == [snippets["denmark"]]
    assert list(saved.partners.all()) == [snippets["partner"]]


def test_a_value_linked_before_stays_a_choice(admin_user, pages, snippets):
    """A page that links a translated snippet (content from before the English-only choice)
    keeps it valid, so saving it changes nothing."""
    course = pages["course"]
    polish = snippets["design"].get_translation(factories.locale("pl"))
    course.subsectors.set([polish])
    course.save()
    data = form_data(page_form(course, user=admin_user))
    assert data["subsectors"] == [str(polish.pk)]
    assert page_form(course, data, admin_user).is_valid()


def test_a_partner_chooses_its_country_and_subsectors_among_english_snippets(
    admin_client, snippets
):
    partner = snippets["partner"]
    url = reverse("wagtailsnippets_courses_partner:edit", args=[partner.pk])
    html = admin_client.get(url).content
    assert choices(html, "country") == [(str(snippets["denmark"].pk), "Denmark")]
    assert choices(html, "subsectors") == [
        (str(snippets["design"].pk), "Design"),
        (str(snippets["music"].pk), "Music"),
    ]


def test_a_translated_partner_keeps_its_synchronised_country(admin_user, snippets, locales):
    polish = snippets["partner"].get_translation(locales["pl"])
    assert polish.country == snippets["denmark"]
    form_class = get_edit_handler(Partner).get_form_class()
    data = form_data(form_class(instance=polish, for_user=admin_user))
    form = form_class(data, instance=polish, for_user=admin_user)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["country"] == snippets["denmark"]
