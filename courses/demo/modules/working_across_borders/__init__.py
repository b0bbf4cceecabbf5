"""Working across borders: a beginner's module on cross-border cooperation for CCI actors.

Its German, Polish and Lithuanian are PO files in courses/demo/translations/.
"""

from . import en

META = {
    "key": "working-across-borders",
    "level": "beginner",
    "estimated_duration": 100,
    "lesson_minutes": [20, 25, 25, 30],
    "subsectors": ["design", "film-audiovisual", "music", "games", "crafts"],
    "countries": ["DE", "DK", "SE", "FI", "EE", "LV", "LT", "PL"],
    "partners": ["goethe-institut", "media-dizajn", "hamburg-kreativ-gesellschaft", "kreativum"],
    "case_studies": [
        "creative-ports",
        "south-baltic-creative-clusters",
        "cci-contact-desk-network-meeting-2024",
    ],
}

TEXT = {"en": en.MODULE}
