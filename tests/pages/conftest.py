from decimal import Decimal

import pytest
from wagtail.models import Page

from tests import factories


def translate_page(page, language_code, **changes):
    """A published translation of ``page`` (and, where missing, of its ancestors)."""
    locale = factories.locale(language_code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for field, value in changes.items():
        setattr(translated, field, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated.specific


def publish_translation_of_ancestors(page, language_code):
    """Publish the translations of ``page``'s ancestors that copy_parents left as drafts."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        translation = ancestor.get_translation_or_none(factories.locale(language_code))
        if translation is not None and not translation.live:
            translation.save_revision().publish()


@pytest.fixture
def de_course(course):
    """The course and its lessons in German; the home page and indexes too."""
    translated = translate_page(course, "de", title="Kurs auf Deutsch", slug="kurs")
    publish_translation_of_ancestors(course, "de")
    for lesson in course.get_lessons():
        translate_page(lesson, "de", title=f"Lektion {lesson.title[-1]}")
    return translated


@pytest.fixture
def partners(locales):
    """Three partners: two in Germany (design; film), one in Poland (design), one without
    coordinates."""
    germany = factories.CountryFactory(code="DE", name="Germany")
    poland = factories.CountryFactory(code="PL", name="Poland")
    factories.CountryFactory(
        code="DE", name="Deutschland", locale=locales["de"], translation_key=germany.translation_key
    )
    design = factories.SubsectorFactory(slug="design", name="Design")
    film = factories.SubsectorFactory(slug="film", name="Film")
    factories.SubsectorFactory(
        slug="design",
        name="Gestaltung",
        locale=locales["de"],
        translation_key=design.translation_key,
    )
    rostock = factories.PartnerFactory(
        name="Rostock Studio",
        slug="rostock-studio",
        city="Rostock",
        country=germany,
        latitude=Decimal("54.0924"),
        longitude=Decimal("12.0991"),
    )
    rostock.subsectors.set([design])
    rostock.save()
    hamburg = factories.PartnerFactory(
        name="Hamburg Film",
        slug="hamburg-film",
        city="Hamburg",
        country=germany,
        latitude=Decimal("53.5511"),
        longitude=Decimal("9.9937"),
    )
    hamburg.subsectors.set([film])
    hamburg.save()
    szczecin = factories.PartnerFactory(
        name="Szczecin Media", slug="szczecin-media", city="Szczecin", country=poland
    )
    szczecin.subsectors.set([design])
    szczecin.save()
    return {"rostock": rostock, "hamburg": hamburg, "szczecin": szczecin}


@pytest.fixture
def live_page_count(db):
    return Page.objects.live().count
