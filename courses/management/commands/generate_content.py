"""Synthetic courses and lessons at scale, for benchmarks.

python manage.py generate_content --courses 1000 --lessons 10 --locales pl,de --translated-fraction 0.3
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.demo.generate import ContentGenerator


def progress_bar(stdout, width=40):
    def show(done, total):
        filled = width if total == 0 else width * done // total
        percent = 100 if total == 0 else 100 * done // total
        stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} courses {percent:3d}%",
            ending="",
        )
        stdout.flush()
        if done >= total:
            stdout.write("")

    return show


class Command(BaseCommand):
    help = (
        "Generate synthetic courses and lessons (and translations of some of them) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=10, help="how many courses (default 10)")
        parser.add_argument("--lessons", type=int, default=5, help="lessons per course (default 5)")
        parser.add_argument(
            "--locales",
            default="",
            help="comma-separated locales to translate into, e.g. pl,de (default: none)",
        )
        parser.add_argument(
            "--translated-fraction",
            type=float,
            default=1.0,
            help="fraction of the courses translated into each listed locale, 0 to 1 (default 1)",
        )
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument(
            "--no-index", action="store_true", help="do not update the search index"
        )

    def handle(self, *args, **options):
        courses, lessons = options["courses"], options["lessons"]
        fraction = options["translated_fraction"]
        if courses < 0:
            raise CommandError(f"--courses must be 0 or more, not {courses}.")
        if lessons < 0:
            raise CommandError(f"--lessons must be 0 or more, not {lessons}.")
        if not 0 <= fraction <= 1:
            raise CommandError(f"--translated-fraction must be between 0 and 1, not {fraction}.")
        codes = [code.strip() for code in options["locales"].split(",") if code.strip()]
        known = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise CommandError(
                f"Unknown locale(s): {', '.join(unknown)}. Choose from: {', '.join(known)} "
                f"({settings.LANGUAGE_CODE} is the source language)."
            )
        if len(set(codes)) != len(codes):
            raise CommandError("Each locale may be listed once.")

        started = time.monotonic()
        created = ContentGenerator(
            courses,
            lessons,
            locales=codes,
            translated_fraction=fraction,
            seed=options["seed"],
            index=not options["no_index"],
            progress=progress_bar(self.stdout),
        ).run()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created['courses']} courses with {created['lessons']} lessons, and "
                f"{created['translated_courses']} translated courses with "
                f"{created['translated_lessons']} lessons, in {elapsed:.1f}s."
            )
        )
