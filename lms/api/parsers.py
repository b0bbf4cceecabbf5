"""The API's one body parser: JSON, where any body that cannot be read is a 400.

DRF's JSONParser turns malformed JSON into a 400 but lets a ``RecursionError`` through: an
array nested a thousand deep is valid JSON that Python's decoder cannot hold, and would be a
500. A body above ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MiB) is a 413 (``exceptions.py``).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class HarbourJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error: the body is nested too deep.")) from None
