"""Load the CCI network's demo calendar (network/demo.py): after load_demo_content, which
makes the partners it links."""

from django.core.management.base import BaseCommand

from network import demo


class Command(BaseCommand):
    help = (
        "Load the demo event calendar: the January 2024 CCI Contact Desk network meeting, "
        "the series the partners' facts describe, and two labelled sample events, in "
        "English, Polish and German. Loading again adds nothing."
    )

    def handle(self, *args, **options):
        demo.load(report=self.stdout.write)
