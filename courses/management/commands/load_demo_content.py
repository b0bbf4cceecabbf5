"""Load Harbour's demo content: partners, case studies and a translated learning module."""

import time

from django.core.management.base import BaseCommand

from courses.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the demo partners, case studies and learning module (English, translated into "
        "Polish, German and Lithuanian). Loading again adds nothing."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        DemoLoader(report=self.stdout.write).load()
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {elapsed:.1f}s."))
