"""Titles of the home page and the two indexes in the languages the demo module is translated into."""

STRUCTURE = {
    "de": {
        "home": {
            "title": "Harbour",
            "slug": "home-de",
            "summary": (
                "Lernmodule und Fallstudien aus der Kultur- und Kreativwirtschaft des Ostseeraums."
            ),
        },
        "course_index": {
            "title": "Kurse",
            "slug": "kurse",
            "summary": "Lernmodule über die Zusammenarbeit über Grenzen hinweg in der Kreativwirtschaft.",
        },
        "case_study_index": {
            "title": "Fallstudien",
            "slug": "fallstudien",
            "summary": "Was Partnerprojekte aus der Zusammenarbeit rund um die Ostsee gelernt haben.",
        },
    },
    "pl": {
        "home": {
            "title": "Harbour",
            "slug": "home-pl",
            "summary": (
                "Moduły szkoleniowe i studia przypadków z sektora kultury i przemysłów "
                "kreatywnych regionu Morza Bałtyckiego."
            ),
        },
        "course_index": {
            "title": "Kursy",
            "slug": "kursy",
            "summary": "Moduły szkoleniowe o współpracy ponad granicami w przemysłach kreatywnych.",
        },
        "case_study_index": {
            "title": "Studia przypadków",
            "slug": "studia-przypadkow",
            "summary": "Czego projekty partnerskie nauczyły się ze współpracy wokół Bałtyku.",
        },
    },
    "lt": {
        "home": {
            "title": "Harbour",
            "slug": "home-lt",
            "summary": (
                "Baltijos jūros regiono kultūros ir kūrybinių industrijų mokymosi moduliai ir "
                "atvejų studijos."
            ),
        },
        "course_index": {
            "title": "Kursai",
            "slug": "kursai",
            "summary": "Mokymosi moduliai apie tarpvalstybinį bendradarbiavimą kūrybinėse industrijose.",
        },
        "case_study_index": {
            "title": "Atvejų studijos",
            "slug": "atveju-studijos",
            "summary": "Ko partnerių projektai išmoko bendradarbiaudami aplink Baltijos jūrą.",
        },
    },
}
