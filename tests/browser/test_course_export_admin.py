"""An editor exports a course from the Wagtail admin, in a real browser, as an editor of
Wagtail's "Editors" group (edit, not publish) would: the English course's edit page, the
header's "Actions" menu (⋯), "Export: Common Cartridge 1.1"; then the German translation from
the German section's page listing, its row's "More options" menu, "Export: SCORM 1.2". Each
download is opened as a zip and its manifest read.

The export links are in those dropdown menus: Wagtail's dropdowns take their items out of the
page until the toggle is clicked, so the links are not in the DOM of a page just loaded
(though they are in the HTML the server sends). Screenshots in tests/browser/screenshots/."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from lxml import etree
from wagtail.models import GroupPagePermission, Page

from standards import packages
from tests import factories
from tests.api.conftest import translate
from tests.browser.test_editor_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor(db):
    """A member of Wagtail's "Editors" group: admin access, add and edit pages, not publish.
    Made here as Wagtail's migration makes it: a transactional test before this one flushes
    the rows migrations wrote."""
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    editor = factories.UserFactory(username="editor", is_staff=False, is_superuser=False)
    editor.groups.add(group)
    return editor


def open_menu(page, toggle):
    """Click a dropdown's toggle and wait until its menu has faded in."""
    toggle.click()
    page.locator(".tippy-box[data-state='visible']").wait_for()
    page.wait_for_function(
        """() => [...document.querySelectorAll(".tippy-box[data-state='visible']")].every(
            (box) => getComputedStyle(box).opacity === "1"
        )"""
    )


def download(page, link, tmp_path):
    with page.expect_download() as started:
        link.click()
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)
    return saved


def manifest_of(path):
    archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    names = archive.namelist()
    assert names[0] == "imsmanifest.xml"
    return etree.fromstring(archive.read("imsmanifest.xml")), names


def test_an_editor_downloads_the_exports_of_a_course_and_its_translation(
    page, course, editor, screenshot, tmp_path
):
    german = translate(course, "de", title="Über Grenzen")
    for lesson in course.get_lessons():
        translate(lesson, "de")
    sign_in(page, editor)

    # English: the edit page's header menu.
    page.goto(f"/admin/pages/{course.pk}/edit/")
    export = page.get_by_role("link", name="Export: Common Cartridge 1.1")
    assert export.count() == 0  # in the closed menu, not in the page yet
    open_menu(page, page.locator("header").get_by_role("button", name="Actions", exact=True))
    screenshot(page, "admin-export-1-header-menu-en", full_page=False)
    saved = download(page, export, tmp_path)
    assert saved.name.endswith("-en-cc11.imscc")
    manifest, names = manifest_of(saved)
    ns = {"cc": packages.CC11, "lom": packages.CC11_LOM_MANIFEST}
    assert manifest.tag == f"{{{packages.CC11}}}manifest"
    assert manifest.findtext("cc:metadata/cc:schemaversion", namespaces=ns) == "1.1.0"
    general = "cc:metadata/lom:lom/lom:general"
    assert manifest.findtext(f"{general}/lom:title/lom:string", namespaces=ns) == course.title
    assert manifest.findtext(f"{general}/lom:language", namespaces=ns) == "en"
    lessons = manifest.findall(".//cc:organization/cc:item/cc:item", ns)
    assert [item.findtext("cc:title", namespaces=ns) for item in lessons] == [
        "Lesson 1",
        "Lesson 2",
        "Lesson 3",
    ]
    # Every file the manifest names is in the package.
    hrefs = {node.get("href") for node in manifest.iterfind(".//cc:file", ns)}
    assert hrefs and hrefs <= set(names)

    # German: the German section's page listing, the course's row menu.
    page.goto(f"/admin/pages/{german.get_parent().pk}/")
    row = page.locator("tr", has=page.get_by_role("link", name="Über Grenzen", exact=True))
    export = page.get_by_role("link", name="Export: SCORM 1.2")
    assert export.count() == 0
    open_menu(page, row.get_by_role("button", name="More options"))
    screenshot(page, "admin-export-2-listing-menu-de", full_page=False)
    saved = download(page, export, tmp_path)
    assert saved.name.endswith("-de-scorm12.zip")
    manifest, names = manifest_of(saved)
    ns = {"cp": packages.SCORM_CP, "adlcp": packages.SCORM_ADLCP}
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    assert manifest.findtext(".//cp:organization/cp:title", namespaces=ns) == "Über Grenzen"
    scos = manifest.findall(".//cp:resource[@adlcp:scormtype='sco']", ns)
    assert len(scos) == 3
    first = zipfile.ZipFile(saved).read(scos[0].get("href")).decode()
    assert 'lang="de"' in first
