"""Load the CCI network's demo calendar (network/demo.py): after load_demo_content, which
makes the partners it links."""

from django.conf import settings
from django.core.management.base import BaseCommand

from network import demo


class Command(BaseCommand):
    help = (
        "Load the demo event calendar: the January 2024 CCI Contact Desk network meeting, "
        "the series the partners' facts describe, and two labelled sample events, in "
        "English, Polish and German, and, with DEBUG on, a demo partner editor for Media "
        "Dizajn with a sample contact person. Loading again adds nothing."
    )

    def handle(self, *args, **options):
        # The partner editor's password is in the README: development only.
        demo.load(report=self.stdout.write, make_accounts=settings.DEBUG)
        if not settings.DEBUG:
            self.stdout.write("Demo account (partner-editor) not made: DEBUG is off.")
