"""The admin's export of a course: one button per format on a course page (its header and the
page listing), in the page's own locale; the package comes from courses/exports.py, as the
API's does. An editor who may edit the course may export it; a course that is not served
(a draft, private, under an unpublished section) is refused with a message."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from . import exports
from .models import CoursePage

URL_NAME = "harbour_course_export"


def export_url(page, package_format):
    return reverse(URL_NAME, args=[page.pk, package_format])


def export_view(request, page_id, package_format):
    if package_format not in exports.FORMATS:
        raise Http404
    course = get_object_or_404(CoursePage, pk=page_id)
    if not course.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    try:
        package = exports.export(request, course, package_format)
    except exports.NotExportable:
        messages.error(
            request,
            _("Only a published, public course can be exported: publish “%(title)s” first.")
            % {"title": course.title},
        )
        return redirect("wagtailadmin_pages:edit", course.pk)
    response = HttpResponse(package.content, content_type=package.content_type)
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    return response
