"""Machine translation, then human review: the translator chosen by the environment,
wagtail-localize's own machine translation in the editor, the "machine translated, not
reviewed" mark on the learner's page, in the API and in the admin, and the review that
clears it until the next machine translation."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from courses import machine_translation
from courses.admin_review import LOG_ACTION
from courses.models import CoursePage, TranslationReview
from courses.services import publish_latest
from lms.settings.base import machine_translator_from_env
from tests import factories
from tests.admin.test_localize_editor import csrf_token, open_segment_editor
from tests.courses.test_translation import translate_course

DUMMY = "wagtail_localize.machine_translators.dummy.DummyTranslator"
NOTICE = "Machine translated, not reviewed"
# The learner's page shows the notice in its UI language: found by its class.
LEARNER_NOTICE = "notice--machine"

# --- The translator, from the environment ---------------------------------------------------


def test_without_harbour_machine_translator_there_is_no_machine_translation():
    assert machine_translator_from_env({}) is None
    assert machine_translator_from_env({"HARBOUR_MACHINE_TRANSLATOR": " "}) is None


@pytest.mark.parametrize(
    "environ, expected",
    [
        (
            {"HARBOUR_MACHINE_TRANSLATOR": "deepl", "DEEPL_API_KEY": "k:fx"},
            {
                "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
                "OPTIONS": {"AUTH_KEY": "k:fx"},
            },
        ),
        (
            {
                "HARBOUR_MACHINE_TRANSLATOR": "DeepL",
                "DEEPL_API_KEY": "k",
                "DEEPL_FORMALITY": "prefer_less",
            },
            {
                "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
                "OPTIONS": {"AUTH_KEY": "k", "FORMALITY": "prefer_less"},
            },
        ),
        (
            {
                "HARBOUR_MACHINE_TRANSLATOR": "libretranslate",
                "LIBRETRANSLATE_URL": "https://translate.example",
            },
            {
                "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
                "OPTIONS": {"LIBRETRANSLATE_URL": "https://translate.example", "API_KEY": ""},
            },
        ),
        (
            {
                "HARBOUR_MACHINE_TRANSLATOR": "libretranslate",
                "LIBRETRANSLATE_URL": "https://translate.example",
                "LIBRETRANSLATE_API_KEY": "secret",
            },
            {
                "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
                "OPTIONS": {"LIBRETRANSLATE_URL": "https://translate.example", "API_KEY": "secret"},
            },
        ),
        ({"HARBOUR_MACHINE_TRANSLATOR": "dummy"}, {"CLASS": DUMMY, "OPTIONS": {}}),
    ],
)
def test_the_machine_translator_and_its_options_come_from_the_environment(environ, expected):
    assert machine_translator_from_env(environ) == expected


def test_an_unknown_machine_translator_names_the_valid_ones():
    with pytest.raises(ImproperlyConfigured) as error:
        machine_translator_from_env({"HARBOUR_MACHINE_TRANSLATOR": "babelfish"})
    message = str(error.value)
    assert "'babelfish'" in message
    for name in ("deepl", "google", "libretranslate", "dummy"):
        assert name in message


@pytest.mark.parametrize(
    "environ, variable",
    [
        ({"HARBOUR_MACHINE_TRANSLATOR": "deepl"}, "DEEPL_API_KEY"),
        ({"HARBOUR_MACHINE_TRANSLATOR": "google"}, "GOOGLE_PROJECT_ID"),
        ({"HARBOUR_MACHINE_TRANSLATOR": "libretranslate"}, "LIBRETRANSLATE_URL"),
    ],
)
def test_a_machine_translator_without_its_variables_does_not_start(environ, variable):
    with pytest.raises(ImproperlyConfigured, match=variable):
        machine_translator_from_env(environ)


def test_google_without_its_client_library_says_what_to_install(monkeypatch):
    # google-cloud-translate is not one of Harbour's packages: as if it were missing here too.
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match="google-cloud-translate"):
        machine_translator_from_env(
            {"HARBOUR_MACHINE_TRANSLATOR": "google", "GOOGLE_PROJECT_ID": "harbour"}
        )


# --- In the editor and on the site -------------------------------------------------------


@pytest.fixture
def dummy_translator(settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": DUMMY, "OPTIONS": {}}


@pytest.fixture
def editor(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    return client


def translate_into_polish(course, locales):
    """The course translated into Polish with wagtail-localize, its home page and index live
    (so that /pl/… serves it), the course itself still a draft."""
    pl_course = translate_course(course, locales["pl"])
    for ancestor in pl_course.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            publish_latest(ancestor)
    return CoursePage.objects.get(pk=pl_course.pk)


@pytest.fixture
def polish_course(course, locales):
    return translate_into_polish(course, locales)


def translation_of(page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    )


def machine_translate(editor, page):
    """The editor's "Translate with …" button: wagtail-localize's machine translate view."""
    props, token = open_segment_editor(editor, page)
    assert props["machineTranslator"] is not None, "no machine translation in the editor"
    response = editor.post(
        props["machineTranslator"]["url"],
        {"csrfmiddlewaretoken": token, "next": reverse("wagtailadmin_pages:edit", args=[page.pk])},
    )
    assert response.status_code == 302, response.content[:500]


def publish_in_editor(editor, page, django_capture_on_commit_callbacks):
    """The translation editor's Publish button."""
    _props, token = open_segment_editor(editor, page)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {"csrfmiddlewaretoken": token, "action": "publish"},
        )
    assert response.status_code == 302, response.content[:500]
    page.refresh_from_db()
    assert page.live


def mark_reviewed_in_admin(editor, page):
    """The notice's "Mark as reviewed": a confirmation, then a POST with its CSRF token."""
    url = reverse("harbour_mark_translation_reviewed", args=[page.pk])
    confirmation = editor.get(url)
    assert confirmation.status_code == 200
    response = editor.post(url, {"csrfmiddlewaretoken": csrf_token(confirmation.content.decode())})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])


def api_course(page):
    return Client().get(f"/api/v1/courses/{page.pk}/").json()


def learner_page(page):
    response = Client().get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


@pytest.mark.django_db
def test_the_editor_offers_machine_translation_only_when_a_translator_is_set(
    settings, editor, polish_course
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    props, _token = open_segment_editor(editor, polish_course)
    assert props["machineTranslator"] is None

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": DUMMY, "OPTIONS": {}}
    props, _token = open_segment_editor(editor, polish_course)
    assert props["machineTranslator"]["name"] == "Dummy translator"


@pytest.mark.django_db
def test_machine_translated_until_reviewed_then_again_after_the_next_machine_translation(
    dummy_translator, editor, course, polish_course, django_capture_on_commit_callbacks
):
    pl_course = polish_course
    machine_translate(editor, pl_course)
    translated = StringTranslation.objects.filter(
        locale=pl_course.locale, context__object_id=pl_course.translation_key
    )
    assert translated.exists()
    assert set(translated.values_list("translation_type", flat=True)) == {"machine"}
    # A draft is no business of learners: the live page is not marked before it is published.
    assert not machine_translation.mark_of(pl_course).machine_translated
    assert machine_translation.mark_of(pl_course, published=False).machine_translated

    publish_in_editor(editor, pl_course, django_capture_on_commit_callbacks)
    # The dummy translator reverses the words.
    assert pl_course.title == " ".join(reversed(course.title.split(" ")))

    data = api_course(pl_course)
    assert data["locale"] == "pl"
    assert data["machine_translated"] is True
    assert data["reviewed_at"] is None
    listed = Client().get("/api/v1/courses/?locale=pl").json()["results"]
    assert [item["machine_translated"] for item in listed if item["id"] == pl_course.pk] == [True]
    html = learner_page(pl_course)
    assert LEARNER_NOTICE in html and "Przetłumaczone maszynowo, niesprawdzone" in html
    # The source is not marked.
    assert api_course(course)["machine_translated"] is False
    assert LEARNER_NOTICE not in learner_page(course)

    # The admin says so on the translation editor, with the way to clear it.
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[pl_course.pk])).content.decode()
    assert NOTICE in edit
    review_url = reverse("harbour_mark_translation_reviewed", args=[pl_course.pk])
    assert review_url in edit
    # … and in the page's header menu of the page explorer.
    explorer = editor.get(reverse("wagtailadmin_explore", args=[pl_course.pk]))
    assert review_url in explorer.content.decode()

    mark_reviewed_in_admin(editor, pl_course)
    data = api_course(pl_course)
    assert data["machine_translated"] is False
    review = TranslationReview.objects.get(
        translation_key=pl_course.translation_key, locale=pl_course.locale
    )
    assert data["reviewed_at"] == review.reviewed_at.isoformat().replace("+00:00", "Z")
    assert LEARNER_NOTICE not in learner_page(pl_course)
    assert (
        NOTICE
        not in editor.get(reverse("wagtailadmin_pages:edit", args=[pl_course.pk])).content.decode()
    )
    assert PageLogEntry.objects.filter(page=pl_course, action=LOG_ACTION).count() == 1

    # The English course changes; after the sync the new text is translated by machine again.
    course.summary = "A new summary of the course."
    course.save_revision().publish()
    TranslationSource.objects.get_for_instance(course).update_from_db()
    machine_translate(editor, pl_course)
    assert (
        NOTICE
        in editor.get(reverse("wagtailadmin_pages:edit", args=[pl_course.pk])).content.decode()
    )
    publish_in_editor(editor, pl_course, django_capture_on_commit_callbacks)
    assert pl_course.summary == "course. the of summary new A"

    data = api_course(pl_course)
    assert data["machine_translated"] is True
    # The earlier review is still on record; the newer machine translation outweighs it.
    assert data["reviewed_at"] is not None
    assert LEARNER_NOTICE in learner_page(pl_course)


@pytest.mark.django_db
def test_a_string_an_editor_corrects_is_no_longer_machine_translated(
    dummy_translator, editor, polish_course, django_capture_on_commit_callbacks
):
    machine_translate(editor, polish_course)
    StringTranslation.objects.filter(
        locale=polish_course.locale, context__object_id=polish_course.translation_key
    ).update(translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL)
    publish_in_editor(editor, polish_course, django_capture_on_commit_callbacks)
    assert api_course(polish_course)["machine_translated"] is False


@pytest.mark.django_db
def test_only_an_editor_who_can_publish_the_page_may_mark_it_reviewed(
    dummy_translator, editor, polish_course, django_capture_on_commit_callbacks
):
    machine_translate(editor, polish_course)
    publish_in_editor(editor, polish_course, django_capture_on_commit_callbacks)
    url = reverse("harbour_mark_translation_reviewed", args=[polish_course.pk])

    writer = factories.UserFactory()
    writer.groups.add(Group.objects.get(name="Editors"))  # Wagtail's: edit, not publish
    client = Client()
    client.force_login(writer)
    # Wagtail's admin answers a permission error with a redirect to the dashboard.
    for response in (client.get(url), client.post(url)):
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    # Without the CSRF token the review is refused too.
    assert editor.post(url).status_code == 403
    assert not TranslationReview.objects.exists()
    assert api_course(polish_course)["machine_translated"] is True


@pytest.mark.django_db
def test_marks_of_many_pages_cost_two_queries(
    dummy_translator, editor, course, polish_course, django_assert_num_queries
):
    machine_translate(editor, polish_course)
    pages = [course, polish_course, *CoursePage.objects.all()]
    with django_assert_num_queries(2):
        found = machine_translation.marks(pages, published=False)
    assert machine_translation.mark_of(polish_course, found).machine_translated
    assert not machine_translation.mark_of(course, found).machine_translated
