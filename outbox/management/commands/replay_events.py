"""manage.py replay_events: send dead outbox deliveries again (same event id, so the same
webhook-id and xAPI statement id).

    manage.py replay_events                  # every dead delivery
    manage.py replay_events --event <uuid>   # the deliveries of one event, sent or not
    manage.py replay_events --due            # pending ones whose retry time has come
"""

import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from outbox import delivery
from outbox.models import Delivery


class Command(BaseCommand):
    help = "Send dead (or due) outbox deliveries again."

    def add_arguments(self, parser):
        parser.add_argument("--event", action="append", default=[], help="An event id.")
        parser.add_argument(
            "--due", action="store_true", help="Send pending deliveries whose time has come."
        )

    def handle(self, *args, event, due, **options):
        try:
            events = [uuid.UUID(value) for value in event]
        except ValueError as error:
            raise CommandError(f"Not an event id: {error}") from error
        if due:
            ids = list(delivery.due().values_list("pk", flat=True))
            for delivery_id in ids:
                delivery.attempt(delivery_id)
            self.stdout.write(f"Tried {len(ids)} due deliveries.")
            return
        chosen = Delivery.objects.all()
        if events:
            chosen = chosen.filter(event_id__in=events)
        else:
            chosen = chosen.filter(status=Delivery.Status.DEAD)
        with transaction.atomic():
            ids = delivery.replay(chosen, resend=bool(events))
        self.stdout.write(f"Replaying {len(ids)} deliveries.")
