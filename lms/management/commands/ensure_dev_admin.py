"""Create the development superuser the README names, if it is missing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

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
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Superuser {USERNAME!r} already exists; left unchanged.")
            return
        User.objects.create_superuser(USERNAME, f"{USERNAME}@harbour.example", PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(f"Created superuser {USERNAME!r} with password {PASSWORD!r}.")
        )
