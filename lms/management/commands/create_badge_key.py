"""Make the Ed25519 key that signs Open Badges 3.0 credentials.

    manage.py create_badge_key            # once per site; keeps an existing key
    manage.py create_badge_key --rotate   # a new key signs from now on; the old one retires

The key goes to settings.HARBOUR_BADGE_KEY_FILE (environment HARBOUR_BADGE_KEY_FILE). A
rotation keeps the old key beside it as ``<file>.<time>.old``, whose public half the DID
document goes on listing: a credential downloaded before the rotation still verifies, and one
downloaded again carries the new key's proof. Delete an ``.old`` file to withdraw a
compromised key.
"""

from django.core.management.base import BaseCommand

from lms.services import credentials


class Command(BaseCommand):
    help = "Create the Ed25519 key that signs Open Badges 3.0 credentials (kept if it exists)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace an existing key; the old one stays published.",
        )

    def handle(self, *args, rotate=False, **options):
        path = credentials.key_path()
        existed = path.exists()
        public = credentials.create_key(path, replace=rotate)
        verb = "Kept" if existed and not rotate else "Wrote"
        self.stdout.write(f"{verb} {path}; public key (Multikey): {public}")
