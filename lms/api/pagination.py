"""Page-number paging: ``?page=2&page_size=50``, at most ``max_page_size`` per page. The body's
``next`` and ``previous`` come in a ``Link`` header too (RFC 8288, ``rel="next"``,
``rel="prev"``), as GitHub's API sends them."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def positive_int(request, name, maximum=None):
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or (maximum is not None and value > maximum):
        if maximum is None:
            message = _("Must be a whole number of 1 or more.")
        else:
            message = _("Must be a whole number from 1 to %(maximum)d.") % {"maximum": maximum}
        raise ValidationError({name: [message]})
    return value


class HarbourPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    # "last" as a page number is a browsable-API nicety we do not document.
    last_page_strings = ()
    invalid_page_message = _("There is no page {page_number}.")

    def get_page_size(self, request):
        return positive_int(request, self.page_size_query_param, self.max_page_size) or (
            self.page_size
        )

    def get_page_number(self, request, paginator):
        return positive_int(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            schema = parameter["schema"]
            schema["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                schema["maximum"] = self.max_page_size
                schema["default"] = self.page_size
            else:
                schema["default"] = 1
        return parameters

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def query_parameters(self):
        return {self.page_query_param, self.page_size_query_param}
