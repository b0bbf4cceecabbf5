"""The admin's export of a course: a button per format on the course's page, the package of
the course in its locale, and a refusal for a course that is not published."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests import factories
from tests.api.conftest import translate


@pytest.fixture
def admin_client(client, db):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    return client


def test_a_course_page_offers_each_export_and_gives_the_package_in_its_locale(admin_client, course):
    german = translate(course, "de", title="Über Grenzen")
    for lesson in course.get_lessons():
        translate(lesson, "de")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[german.pk]))
    page = edit.content.decode()
    for package_format in ("cc11", "thincc13", "scorm12"):
        assert f"/admin/harbour/courses/{german.pk}/export/{package_format}/" in page
    assert "Export: SCORM 1.2" in page

    response = admin_client.get(f"/admin/harbour/courses/{german.pk}/export/scorm12/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('-de-scorm12.zip"')
    manifest = zipfile.ZipFile(io.BytesIO(response.content)).read("imsmanifest.xml").decode()
    assert "<title>Über Grenzen</title>" in manifest
    assert manifest.count('adlcp:scormtype="sco"') == 3


def test_an_unpublished_course_is_refused_with_a_message(admin_client, course):
    course.unpublish()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert "/export/cc11/" not in edit.content.decode()
    response = admin_client.get(f"/admin/harbour/courses/{course.pk}/export/cc11/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[course.pk])
    assert "Only a published, public course can be exported" in response.content.decode()


def test_an_editor_who_may_not_edit_the_course_may_not_export_it(client, course):
    viewer = factories.UserFactory()
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    viewer.groups.add(group)
    client.force_login(viewer)
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard.
    refused = client.get(f"/admin/harbour/courses/{course.pk}/export/cc11/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.get(f"/admin/harbour/courses/{course.pk}/export/zip/").status_code == 404
