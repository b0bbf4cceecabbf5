"""A preview token for the latest revision of a page, for a partner front end:

    python manage.py preview_token 42

prints the token, when it expires, the API address that answers the draft and, when
HARBOUR_HEADLESS_PREVIEW_URL is set, the partner front end's address.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from wagtail.models import Page

from courses import preview
from courses.api.serializers import PREVIEW_TYPES


class Command(BaseCommand):
    help = "Make a preview token for the latest revision of a course, lesson or case study."

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int, help="The page's id (the admin's edit URL has it)")

    def handle(self, page_id, **options):
        page = Page.objects.filter(pk=page_id).specific().first()
        if page is None:
            raise CommandError(f"There is no page {page_id}.")
        if type(page) not in PREVIEW_TYPES:
            names = ", ".join(model._meta.verbose_name for model in PREVIEW_TYPES)
            raise CommandError(f"Page {page_id} is a {page._meta.verbose_name}; previews: {names}.")
        made = preview.make_token(page)
        api_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("api:preview")
        self.stdout.write(f"token:   {made.token}")
        self.stdout.write(f"expires: {made.expires_at.isoformat(timespec='seconds')}")
        self.stdout.write(f"API:     {api_url}?{urlencode({'token': made.token})}")
        if preview.headless_preview_url():
            self.stdout.write(f"partner: {preview.partner_url(made)}")
