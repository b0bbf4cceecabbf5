"""Content for the search tests: the same course in English and Polish, German text for
stemming, a case study, partners, and pages that must never be found."""

import os
from types import SimpleNamespace

import pytest
from django.db import connection
from wagtail.models import Page

from tests import factories


def backend_kind():
    if os.environ.get("ELASTICSEARCH_URL"):
        return "elasticsearch"
    return connection.vendor


def refresh_index():
    """Elasticsearch makes new documents visible on refresh; the database backends at once."""
    from modelsearch.backends import get_search_backends

    for backend in get_search_backends():
        backend.refresh_indexes()


def tree(locales, code, translation_of=None):
    """A home page, course index and case-study index in ``code``; translations of the English
    ones when given."""
    root = Page.get_first_root_node()
    keys = {}
    if translation_of is not None:
        keys = {
            name: {"translation_key": page.translation_key}
            for name, page in vars(translation_of).items()
        }
    home = factories.HomePageFactory(
        parent=root, locale=locales[code], slug=f"home-{code}", **keys.get("home", {})
    )
    course_index = factories.CourseIndexPageFactory(
        parent=home, locale=locales[code], **keys.get("course_index", {})
    )
    case_study_index = factories.CaseStudyIndexPageFactory(
        parent=home, locale=locales[code], **keys.get("case_study_index", {})
    )
    return SimpleNamespace(home=home, course_index=course_index, case_study_index=case_study_index)


def rich(text):
    return [{"type": "rich_text", "value": f"<p>{text}</p>"}]


@pytest.fixture
def search_backend():
    """Which backend the corpus is indexed in: the settings' own. test_contract.py overrides
    this to run the same tests against every backend that is reachable."""
    return backend_kind()


@pytest.fixture
def corpus(search_backend, locales, home, course_index, case_study_index):
    en = SimpleNamespace(home=home, course_index=course_index, case_study_index=case_study_index)
    pl = tree(locales, "pl", translation_of=en)
    de = tree(locales, "de", translation_of=en)

    design = factories.SubsectorFactory(slug="design", name="Design", locale=locales["en"])
    factories.SubsectorFactory(slug="design", name="Wzornictwo", locale=locales["pl"])
    music = factories.SubsectorFactory(slug="music", name="Music", locale=locales["en"])
    poland = factories.CountryFactory(code="PL", name="Poland", locale=locales["en"])
    factories.CountryFactory(code="PL", name="Polska", locale=locales["pl"])
    germany = factories.CountryFactory(code="DE", name="Germany", locale=locales["en"])

    course_en = factories.CoursePageFactory(
        parent=course_index,
        locale=locales["en"],
        title="Harbour cooperation across borders",
        summary="How creative clusters around the Baltic Sea cooperate, as in Creative Ports.",
    )
    course_en.subsectors.set([design])
    course_en.countries.set([poland])
    course_en.save()
    lesson_en = factories.LessonPageFactory(
        parent=course_en,
        locale=locales["en"],
        title="Finding partners",
        summary="Where to meet people.",
        body=rich("Festivals are where a lighthouse project finds its partners."),
    )

    course_pl = factories.CoursePageFactory(
        parent=pl.course_index,
        locale=locales["pl"],
        translation_key=course_en.translation_key,
        title="Współpraca portów ponad granicami",
        summary="Jak klastry kreatywne wokół Bałtyku współpracują, jak w Creative Ports.",
    )
    course_pl.subsectors.set([design])
    course_pl.countries.set([poland])
    course_pl.save()
    lesson_pl = factories.LessonPageFactory(
        parent=course_pl,
        locale=locales["pl"],
        translation_key=lesson_en.translation_key,
        title="Szukanie partnerów",
        summary="Gdzie poznać ludzi.",
        body=rich("Festiwale to miejsca, gdzie latarnia znajduje partnerów."),
    )

    course_de = factories.CoursePageFactory(
        parent=de.course_index,
        locale=locales["de"],
        translation_key=course_en.translation_key,
        title="Das Netzwerk der Kreativwirtschaft",
        summary="Wie ein Cluster an der Ostsee arbeitet.",
    )

    case_study = factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=locales["en"],
        title="Lighthouse festival in Rostock",
        summary="A music festival run by three harbour towns.",
        challenge="<p>Three towns wanted one festival.</p>",
    )
    case_study.subsectors.set([music])
    case_study.countries.set([germany])
    case_study.save()

    partner = factories.PartnerFactory(
        name="Harbour Lighthouse Association",
        slug="harbour-lighthouse",
        description="Runs the lighthouse festival.",
        country=germany,
        locale=locales["en"],
    )
    partner.subsectors.set([music])
    partner.save()

    draft = factories.CoursePageFactory(
        parent=course_index,
        locale=locales["en"],
        title="Harbour lighthouse secrets draft",
        live=False,
    )
    refresh_index()
    return SimpleNamespace(
        en=en,
        pl=pl,
        de=de,
        course_en=course_en,
        course_pl=course_pl,
        course_de=course_de,
        lesson_en=lesson_en,
        lesson_pl=lesson_pl,
        case_study=case_study,
        partner=partner,
        draft=draft,
        design=design,
        music=music,
    )


# Words only the answers, their feedback and explanations and the blocks' labels contain.
ANSWER_WORDS = ["zephyrine", "quorlish", "Correct", "Heading", "Warning", "Several", "answers"]


@pytest.fixture
def quiz_lesson(corpus, locales):
    """A lesson whose quiz holds answers a learner must not find before an attempt."""
    body = [
        {"type": "heading", "value": {"text": "Kitefest basics", "level": "h3"}},
        {
            "type": "callout",
            "value": {"kind": "warning", "title": "Windy days", "text": "<p>Bring a kite.</p>"},
        },
        {
            "type": "quiz",
            "value": {
                "title": "Kitefest quiz",
                "pass_mark": 50,
                "questions": [
                    {
                        "type": "item",
                        "id": "k1",
                        "value": {
                            "question": "Which harbour hosts the kitefest?",
                            "kind": "multiple",
                            "choices": [
                                {
                                    "type": "item",
                                    "id": "k1a",
                                    "value": {
                                        "text": "Warnemünde",
                                        "correct": True,
                                        "feedback": "Correct: it led 14 zephyrine partners.",
                                    },
                                },
                                {
                                    "type": "item",
                                    "id": "k1b",
                                    "value": {"text": "Karlshamn", "correct": False},
                                },
                            ],
                            "explanation": "The quorlish consortium chose Warnemünde.",
                        },
                    }
                ],
            },
        },
    ]
    lesson = factories.LessonPageFactory(
        parent=corpus.course_en, locale=locales["en"], title="Kitefest", body=body
    )
    refresh_index()
    return lesson
