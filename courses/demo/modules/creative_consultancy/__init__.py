"""Creative skills for other sectors: a short module in English (other locales fall back)."""

from . import en

META = {
    "key": "creative-skills-for-other-sectors",
    "level": "intermediate",
    "estimated_duration": 60,
    "lesson_minutes": [20, 20, 20],
    "subsectors": ["design", "crafts", "cultural-heritage"],
    "countries": ["PL", "DE", "LT", "SE"],
    "partners": ["media-dizajn", "rostock-urban-development", "euroregion-baltic-communes"],
    "case_studies": ["south-baltic-creative-clusters"],
}

TEXT = {"en": en.MODULE}
