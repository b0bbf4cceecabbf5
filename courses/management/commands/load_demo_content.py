"""Load Harbour's demo content: partners, case studies and a translated learning module."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.demo.loader import TRANSLATIONS, DemoLoader


class Command(BaseCommand):
    help = (
        "Load the demo partners, case studies and learning module (English, translated into "
        "Polish, German and Lithuanian), a review workflow per language and, with DEBUG on, a "
        "demo editor and reviewer. Loading again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--translations",
            type=Path,
            default=TRANSLATIONS,
            metavar="FOLDER",
            help="The folder of the demo's PO files (default: courses/demo/translations).",
        )
        parser.add_argument(
            "--update-translations",
            action="store_true",
            help=(
                "Also import the PO files into pages translated already: the strings that "
                "changed in the files replace those in the database."
            ),
        )

    def handle(self, *args, **options):
        translations = Path(options["translations"])
        if not translations.is_dir():
            raise CommandError(f"{translations} is not a folder")
        started = time.monotonic()
        DemoLoader(
            report=self.stdout.write,
            warn=lambda message: self.stderr.write(self.style.WARNING(message)),
            translations=translations,
            update=options["update_translations"],
            # Their passwords are in the README: development only.
            make_accounts=settings.DEBUG,
        ).load()
        if not settings.DEBUG:
            self.stdout.write("Demo accounts (editor, reviewer-pl) not made: DEBUG is off.")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {elapsed:.1f}s."))
