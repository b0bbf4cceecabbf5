"""Reads what the benchmark needs from the bench database and prints it as one JSON line.

Run by bench/server.py with the bench settings and DATABASE_URL set. It also makes sure the
bench learner exists (the benchmark gets its token through the API, as a client would).
"""

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from courses.models import CoursePage, LessonPage  # noqa: E402

LEARNER = {"username": "bench-learner", "password": "bench-learner-Harbour-2026"}


def spread(ids, count):
    """`count` ids spread evenly over the whole list, so no one corner of the tree is measured."""
    ids = list(ids)
    if len(ids) <= count:
        return ids
    step = len(ids) / count
    return [ids[int(i * step)] for i in range(count)]


def search_words(titles, count=12):
    words = []
    for title in titles:
        for word in re.findall(r"\w{5,}", title):
            if word.lower() not in {w.lower() for w in words} and not word.isdigit():
                words.append(word)
                break
        if len(words) >= count:
            break
    return words


def main():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=LEARNER["username"], defaults={"email": "bench-learner@example.org"}
    )
    if created or not user.check_password(LEARNER["password"]):
        user.set_password(LEARNER["password"])
        user.save()

    live = {"live": True}
    courses_pl = CoursePage.objects.filter(locale__language_code="pl", **live).order_by("path")
    lessons_pl = LessonPage.objects.filter(locale__language_code="pl", **live).order_by("path")
    lessons_en = LessonPage.objects.filter(locale__language_code="en", **live).order_by("path")
    titles = list(courses_pl.values_list("title", flat=True)[:200]) or list(
        CoursePage.objects.filter(**live).values_list("title", flat=True)[:200]
    )
    facts = {
        "learner": LEARNER,
        "counts": {
            "courses_en": CoursePage.objects.filter(locale__language_code="en").count(),
            "lessons_en": lessons_en.count(),
            "courses_pl": courses_pl.count(),
            "lessons_pl": lessons_pl.count(),
            "courses_all": CoursePage.objects.count(),
            "lessons_all": LessonPage.objects.count(),
        },
        "courses_pl": spread(courses_pl.values_list("id", flat=True), 50),
        "lessons_pl": spread(lessons_pl.values_list("id", flat=True), 100),
        "lessons_en": spread(lessons_en.values_list("id", flat=True), 200),
        "search_words": search_words(titles),
    }
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
