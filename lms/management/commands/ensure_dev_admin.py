"""Create the development superuser the README names, if it is missing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms.models import Profile

USERNAME = "admin"
PASSWORD = "harbour-admin"


class Command(BaseCommand):
    help = (
        f"Create the development superuser {USERNAME!r} (password {PASSWORD!r}) if it is missing."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_admin only runs with DEBUG = True: it creates an account with a "
                "published password. Create production accounts with createsuperuser."
            )
        User = get_user_model()
        existing = User.objects.filter(username=USERNAME).first()
        if existing is not None:
            Profile.mark_verified(existing)
            self.stdout.write(f"Superuser {USERNAME!r} already exists; left unchanged.")
            return
        user = User.objects.create_superuser(USERNAME, f"{USERNAME}@harbour.example", PASSWORD)
        # The demo's address is its own: verified, so that it can send contact requests.
        Profile.mark_verified(user)
        self.stdout.write(
            self.style.SUCCESS(f"Created superuser {USERNAME!r} with password {PASSWORD!r}.")
        )
