"""Make the RSA key of Harbour as an LTI 1.3 tool.

    manage.py create_lti_key            # once per site; keeps an existing key
    manage.py create_lti_key --rotate   # a new key; the old one stays in the JWKS for
                                        # HARBOUR_LTI_KEY_GRACE_HOURS

The key goes to settings.HARBOUR_LTI_KEY_FILE (environment HARBOUR_LTI_KEY_FILE), beside the
Open Badges key and kept the same way (standards.keyfiles).
"""

from django.core.management.base import BaseCommand

from lti import keys


class Command(BaseCommand):
    help = "Create the RSA key of Harbour's LTI 1.3 tool (kept if it exists)."

    def add_arguments(self, parser):
        parser.add_argument("--rotate", action="store_true", help="Replace an existing key.")

    def handle(self, *args, rotate=False, **options):
        path = keys.key_path()
        existed = path.exists()
        kid = keys.create_key(path, replace=rotate)
        verb = "Kept" if existed and not rotate else "Wrote"
        published = len(keys.jwks()["keys"])
        self.stdout.write(f"{verb} {path}; kid {kid}; the JWKS publishes {published} key(s).")
