"""Content for the API tests, built per test from the factories."""

import pytest
from django.test import Client

from tests import factories


def translate(page, code, live=True, **fields):
    """A translation of ``page`` into ``code`` (its parents are copied when missing), published
    unless ``live`` is False."""
    translated = page.specific.copy_for_translation(factories.locale(code), copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    if live:
        translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def translate_snippet(obj, code, **fields):
    translated = obj.copy_for_translation(factories.locale(code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


class APIClient(Client):
    def get_json(self, url, status=200, **extra):
        response = self.get(url, **extra)
        assert response.status_code == status, (response.status_code, response.content[:500])
        assert response["Content-Type"].startswith("application/json")
        return response.json()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def directory(locales):
    """Two subsectors, two countries and a partner, in English."""
    design = factories.SubsectorFactory(slug="design", name="Design")
    music = factories.SubsectorFactory(slug="music", name="Music")
    poland = factories.CountryFactory(code="PL", name="Poland")
    germany = factories.CountryFactory(code="DE", name="Germany")
    goethe = factories.PartnerFactory(
        slug="goethe-institut", name="Goethe-Institut", country=germany, kind="cultural"
    )
    goethe.subsectors.set([design])
    goethe.save()
    return {
        "design": design,
        "music": music,
        "PL": poland,
        "DE": germany,
        "goethe": goethe,
    }


@pytest.fixture
def catalogue(course_index, directory):
    """Three English courses with different subsectors, countries, partners and levels."""
    borders = factories.CoursePageFactory(
        parent=course_index,
        locale=course_index.locale,
        title="Working across borders",
        level="beginner",
        estimated_duration=90,
    )
    borders.subsectors.set([directory["design"]])
    borders.countries.set([directory["PL"], directory["DE"]])
    borders.partners.set([directory["goethe"]])
    borders.save()
    sound = factories.CoursePageFactory(
        parent=course_index,
        locale=course_index.locale,
        title="Sound of the Baltic",
        level="advanced",
        estimated_duration=30,
    )
    sound.subsectors.set([directory["music"]])
    sound.countries.set([directory["DE"]])
    sound.save()
    audiences = factories.CoursePageFactory(
        parent=course_index,
        locale=course_index.locale,
        title="Audiences abroad",
        level="intermediate",
        estimated_duration=60,
    )
    for number in (1, 2):
        factories.LessonPageFactory(
            parent=borders, locale=borders.locale, title=f"Borders lesson {number}"
        )
    return {"borders": borders, "sound": sound, "audiences": audiences}
