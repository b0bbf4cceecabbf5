"""Course packages other learning systems import, built from plain data (no Django models):

- ``common_cartridge_11``: IMS Common Cartridge 1.1 (the version Moodle imports): the course's
  metadata as LOM in ``imsmanifest.xml``, each lesson as web content (its HTML with the
  images and documents it shows inside the package), each quiz as a QTI 1.2 assessment of the
  CC 1.1 profile (``cc.multiple_choice.v0p1``, ``cc.multiple_response.v0p1``);
- ``thin_common_cartridge_13``: Common Cartridge 1.3 with no content, one LTI link
  (``imsbasiclti_xmlv1p3``) per lesson back to Harbour, for platforms that launch rather
  than copy;
- ``scorm_12``: a SCORM 1.2 package, one SCO per lesson; ``harbour-scorm.js`` finds the LMS's
  ``API`` object where there is one and reports the lesson's completion and its quiz score
  (``cmi.core.lesson_status``, ``cmi.core.score.raw``); without one the lesson still works.

Each returns the bytes of a zip whose every ``href`` is a file in it and whose every
``identifierref`` names a resource of its manifest. Names inside the package are made only
from identifiers and indexes, never from titles or uploaded file names; every identifier is
an XML ``ID`` (it starts with a letter), as the content packaging schemas require.
"""

import html
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

CC11 = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CC11_LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
CC11_LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
CC13 = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
CC13_LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
LTI_CC13 = "http://www.imsglobal.org/xsd/imslticc_v1p3"
BLTI = "http://www.imsglobal.org/xsd/imsbasiclti_v1p0"
LTICM = "http://www.imsglobal.org/xsd/imslticm_v1p0"
LTICP = "http://www.imsglobal.org/xsd/imslticp_v1p0"
SCORM_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
SCORM_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
SCORM_MD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

QTI_ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
LTI_LINK = "imsbasiclti_xmlv1p3"
SCORM_SCRIPT = "shared/harbour-scorm.js"
STYLESHEET = "shared/harbour.css"

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    ident: str
    text: str
    multiple: bool
    choices: tuple
    explanation: str = ""


@dataclass(frozen=True)
class Quiz:
    ident: str
    title: str
    pass_mark: int
    questions: tuple


@dataclass(frozen=True)
class Lesson:
    """``html`` is the lesson's body (an HTML fragment) whose images and documents point at
    ``files``: ``{name: bytes}``, names relative to the lesson's folder. ``url`` is the
    lesson's address on Harbour; ``launch_url`` its LTI 1.3 resource URL (the thin cartridge's
    link, the target_link_uri of a launch), the page itself when empty."""

    ident: str
    title: str
    html: str
    url: str
    files: dict = field(default_factory=dict)
    quizzes: tuple = ()
    minutes: int = 0
    launch_url: str = ""


@dataclass(frozen=True)
class Course:
    ident: str
    title: str
    description: str
    language: str
    url: str
    lessons: tuple
    keywords: tuple = ()
    publisher: str = "Harbour"
    # The words the package itself shows, in the course's language.
    submit_label: str = "Submit"


# --- XML helpers -----------------------------------------------------------------------------
# Elements are named with their prefix ("lomimscc:lom") and the namespaces are declared as
# attributes of the root: one document's prefixes, without ElementTree's global registry.


def element(parent, tag, text=None, **attributes):
    node = ET.Element(tag, {k.replace("__", ":"): str(v) for k, v in attributes.items()})
    if text is not None:
        node.text = text
    if parent is not None:
        parent.append(node)
    return node


def xml_bytes(root):
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def safe(ident):
    return SAFE_NAME.sub("-", ident).strip("-") or "x"


def lesson_folder(index, lesson):
    return f"lesson-{index:02d}-{safe(lesson.ident)}"


def lom_general(parent, prefix, course):
    lom = element(parent, f"{prefix}:lom")
    general = element(lom, f"{prefix}:general")
    title = element(general, f"{prefix}:title")
    element(title, f"{prefix}:string", course.title, language=course.language)
    element(general, f"{prefix}:language", course.language)
    if course.description:
        description = element(general, f"{prefix}:description")
        element(description, f"{prefix}:string", course.description, language=course.language)
    for word in course.keywords:
        keyword = element(general, f"{prefix}:keyword")
        element(keyword, f"{prefix}:string", word, language=course.language)
    return lom


# --- Lesson pages ----------------------------------------------------------------------------


def page_html(course, lesson, body, scripts=(), depth=1):
    up = "../" * depth
    script_tags = "".join(f'<script src="{up}{src}"></script>' for src in scripts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(course.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(lesson.title)}</title>\n"
        f'<link rel="stylesheet" href="{up}{STYLESHEET}">\n{script_tags}\n</head>\n'
        f"<body>\n<main>\n<h1>{html.escape(lesson.title)}</h1>\n{body}\n</main>\n"
        f'<footer><p><a href="{html.escape(lesson.url)}">{html.escape(course.publisher)}: '
        f"{html.escape(course.title)}</a></p></footer>\n</body>\n</html>\n"
    ).encode()


STYLESHEET_TEXT = b"""body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto;
  max-width: 46rem; padding: 1rem; color: #1b1b1b; }
img { max-width: 100%; height: auto; }
figure { margin: 1.5rem 0; }
aside { border-left: 4px solid #1d5c8c; padding: 0.5rem 1rem; background: #eef4f9; }
blockquote { border-left: 4px solid #999; margin-left: 0; padding-left: 1rem; }
fieldset { border: 1px solid #aaa; margin: 1rem 0; }
button { font: inherit; padding: 0.4rem 1rem; }
.harbour-result { font-weight: bold; }
"""


def scorm_quiz_html(quiz, submit_label):
    """A quiz the learner answers in the package; harbour-scorm.js grades it and reports the
    score. The correct answers are in the package, as they are in any exported quiz."""
    parts = [
        f'<form class="harbour-quiz" data-pass-mark="{quiz.pass_mark}">',
        f"<h2>{html.escape(quiz.title)}</h2>",
    ]
    for q_index, question in enumerate(quiz.questions):
        kind = "checkbox" if question.multiple else "radio"
        parts.append(f"<fieldset><legend>{html.escape(question.text)}</legend>")
        for c_index, choice in enumerate(question.choices):
            correct = "true" if choice.correct else "false"
            parts.append(
                f'<label><input type="{kind}" name="q{q_index}" value="{c_index}" '
                f'data-correct="{correct}"> {html.escape(choice.text)}</label><br>'
            )
        parts.append("</fieldset>")
    parts.append(f'<button type="submit">{html.escape(submit_label)}</button>')
    parts.append('<p class="harbour-result" role="status" aria-live="polite"></p></form>')
    return "\n".join(parts)


SCORM_SCRIPT_TEXT = rb"""// Harbour's SCORM 1.2 runtime: finds the LMS's API object (in a parent frame or the
// opener), starts the session, reports completion and the quiz score, and ends the session.
// Without an API object the lesson still works; nothing is reported.
(function () {
  "use strict";
  function findAPI(win) {
    for (var i = 0; win && i < 10; i++) {
      if (win.API) { return win.API; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  var finished = false;
  function set(name, value) { if (api) { api.LMSSetValue(name, String(value)); } }
  function status() { return api ? api.LMSGetValue("cmi.core.lesson_status") : ""; }
  function finish() {
    if (api && !finished) { finished = true; api.LMSCommit(""); api.LMSFinish(""); }
  }
  function grade(form) {
    var fieldsets = form.querySelectorAll("fieldset");
    var right = 0;
    fieldsets.forEach(function (fieldset) {
      var ok = true;
      fieldset.querySelectorAll("input").forEach(function (input) {
        if (input.checked !== (input.dataset.correct === "true")) { ok = false; }
      });
      if (ok) { right += 1; }
    });
    return fieldsets.length ? Math.round((100 * right) / fieldsets.length) : 0;
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (api) { api.LMSInitialize(""); }
    var quizzes = document.querySelectorAll("form.harbour-quiz");
    if (!quizzes.length) {
      // A lesson without a quiz is completed by opening it.
      set("cmi.core.lesson_status", "completed");
      if (api) { api.LMSCommit(""); }
    } else if (status() === "not attempted") {
      set("cmi.core.lesson_status", "incomplete");
    }
    quizzes.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var score = grade(form);
        var passed = score >= Number(form.dataset.passMark);
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", score);
        set("cmi.core.lesson_status", passed ? "passed" : "failed");
        if (api) { api.LMSCommit(""); }
        form.querySelector(".harbour-result").textContent = score + "% " + (passed ? "\u2713" : "\u2717");
      });
    });
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
"""


# --- QTI 1.2 ---------------------------------------------------------------------------------


def metadata_fields(parent, fields):
    qtimetadata = element(parent, "qtimetadata")
    for label, entry in fields:
        item = element(qtimetadata, "qtimetadatafield")
        element(item, "fieldlabel", label)
        element(item, "fieldentry", entry)
    return qtimetadata


def material(parent, text):
    node = element(parent, "material")
    element(node, "mattext", text, texttype="text/plain")
    return node


def qti_assessment(quiz):
    root = element(
        None,
        "questestinterop",
        xmlns=QTI,
        xmlns__xsi=XSI,
        xsi__schemaLocation=(
            f"{QTI} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd"
        ),
    )
    assessment = element(root, "assessment", ident=quiz.ident, title=quiz.title)
    metadata_fields(
        assessment,
        [
            ("cc_profile", "cc.exam.v0p1"),
            ("qmd_assessmenttype", "Examination"),
            ("qmd_scoretype", "Percentage"),
            ("cc_maxattempts", "unlimited"),
        ],
    )
    section = element(assessment, "section", ident=f"{quiz.ident}-section")
    for q_index, question in enumerate(quiz.questions):
        item_ident = f"{quiz.ident}-q{q_index}"
        item = element(section, "item", ident=item_ident, title=question.text[:80])
        profile = "cc.multiple_response.v0p1" if question.multiple else "cc.multiple_choice.v0p1"
        metadata_fields(element(item, "itemmetadata"), [("cc_profile", profile)])
        presentation = element(item, "presentation")
        material(presentation, question.text)
        response = element(
            presentation,
            "response_lid",
            ident="response1",
            rcardinality="Multiple" if question.multiple else "Single",
        )
        render = element(response, "render_choice")
        labels = [f"{item_ident}-c{c_index}" for c_index in range(len(question.choices))]
        for label, choice in zip(labels, question.choices, strict=True):
            material(element(render, "response_label", ident=label), choice.text)
        processing = element(item, "resprocessing")
        outcomes = element(processing, "outcomes")
        element(outcomes, "decvar", varname="SCORE", vartype="Decimal", minvalue=0, maxvalue=100)
        condition = element(processing, "respcondition", **{"continue": "No"})
        conditionvar = element(condition, "conditionvar")
        correct = [label for label, c in zip(labels, question.choices, strict=True) if c.correct]
        if question.multiple:
            both = element(conditionvar, "and")
            for label, choice in zip(labels, question.choices, strict=True):
                parent = both if choice.correct else element(both, "not")
                element(parent, "varequal", label, respident="response1")
        else:
            element(conditionvar, "varequal", correct[0], respident="response1")
        element(condition, "setvar", "100", varname="SCORE", action="Set")
        if question.explanation:
            element(condition, "displayfeedback", feedbacktype="Response", linkrefid="general")
            feedback = element(item, "itemfeedback", ident="general")
            flow = element(feedback, "flow_mat")
            material(flow, question.explanation)
    return xml_bytes(root)


# --- Packages --------------------------------------------------------------------------------


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # The manifest first: some importers read only the head of the archive to identify it.
        for name in sorted(files, key=lambda name: (name != "imsmanifest.xml", name)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def lesson_files(folder, lesson):
    return {posixpath.join(folder, name): data for name, data in sorted(lesson.files.items())}


def cartridge_manifest(course, kind, schema, version, locations, **prefixes):
    """The head of a Common Cartridge manifest, the same in every version: the root (its
    default namespace the first of ``locations``, ``{namespace: schema URL}``, then the
    ``prefixes``' namespaces), the metadata with the course's LOM, one rooted organization.
    Returns the root, the organization's top item and the resources element to fill."""
    namespaces = {f"xmlns__{prefix}": namespace for prefix, namespace in prefixes.items()}
    root = element(
        None,
        "manifest",
        identifier=f"harbour-{safe(course.ident)}-{kind}",
        xmlns=next(iter(locations)),
        **namespaces,
        xmlns__xsi=XSI,
        xsi__schemaLocation=" ".join(f"{ns} {url}" for ns, url in locations.items()),
    )
    metadata = element(root, "metadata")
    element(metadata, "schema", schema)
    element(metadata, "schemaversion", version)
    lom_general(metadata, "lomimscc", course)
    organization = element(
        element(root, "organizations"),
        "organization",
        identifier="organization",
        structure="rooted-hierarchy",
    )
    top = element(organization, "item", identifier="root")
    return root, top, element(root, "resources")


def common_cartridge_11(course):
    """The course as an IMS Common Cartridge 1.1 package (bytes of a .imscc zip)."""
    files = {STYLESHEET: STYLESHEET_TEXT}
    root, top, resources = cartridge_manifest(
        course,
        "cc11",
        "IMS Common Cartridge",
        "1.1.0",
        {
            CC11: "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd",
            CC11_LOM_MANIFEST: (
                "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd"
            ),
            CC11_LOM_RESOURCE: (
                "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd"
            ),
        },
        lomimscc=CC11_LOM_MANIFEST,
        lom=CC11_LOM_RESOURCE,
    )
    shared = element(resources, "resource", identifier="shared", type="webcontent")
    element(shared, "file", href=STYLESHEET)
    for index, lesson in enumerate(course.lessons, start=1):
        folder = lesson_folder(index, lesson)
        module = element(top, "item", identifier=f"module-{index}")
        element(module, "title", lesson.title)
        resource_id = f"lesson-{index}"
        item = element(module, "item", identifier=f"item-{index}", identifierref=resource_id)
        element(item, "title", lesson.title)
        href = f"{folder}/index.html"
        files[href] = page_html(course, lesson, lesson.html)
        resource = element(resources, "resource", identifier=resource_id, type="webcontent")
        resource.attrib["href"] = href
        element(resource, "file", href=href)
        for name, data in lesson_files(folder, lesson).items():
            files[name] = data
            element(resource, "file", href=name)
        element(resource, "dependency", identifierref="shared")
        for q_index, quiz in enumerate(lesson.quizzes, start=1):
            quiz_id = f"quiz-{index}-{q_index}"
            quiz_item = element(module, "item", identifier=f"item-{quiz_id}", identifierref=quiz_id)
            element(quiz_item, "title", quiz.title)
            quiz_href = f"{quiz_id}/assessment.xml"
            files[quiz_href] = qti_assessment(quiz)
            quiz_resource = element(resources, "resource", identifier=quiz_id, type=QTI_ASSESSMENT)
            element(quiz_resource, "file", href=quiz_href)
    files["imsmanifest.xml"] = xml_bytes(root)
    return zip_bytes(files)


def lti_link(course, lesson):
    root = element(
        None,
        "cartridge_basiclti_link",
        xmlns=LTI_CC13,
        xmlns__blti=BLTI,
        xmlns__lticm=LTICM,
        xmlns__lticp=LTICP,
        xmlns__xsi=XSI,
        xsi__schemaLocation=" ".join(
            [
                LTI_CC13,
                "http://www.imsglobal.org/xsd/lti/ltiv1p3/imslticc_v1p3.xsd",
                BLTI,
                "http://www.imsglobal.org/xsd/imsbasiclti_v1p0.xsd",
            ]
        ),
    )
    element(root, "blti:title", lesson.title)
    element(root, "blti:description", course.title)
    launch_url = lesson.launch_url or lesson.url
    element(root, "blti:launch_url", launch_url)
    if launch_url.startswith("https://"):
        element(root, "blti:secure_launch_url", launch_url)
    vendor = element(root, "blti:vendor")
    element(vendor, "lticp:code", "harbour")
    element(vendor, "lticp:name", course.publisher)
    return xml_bytes(root)


def thin_common_cartridge_13(course):
    """The course as a thin Common Cartridge 1.3: one LTI link per lesson, no content."""
    files = {}
    root, top, resources = cartridge_manifest(
        course,
        "thincc13",
        "IMS Thin Common Cartridge",
        "1.3.0",
        {
            CC13: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd",
            CC13_LOM_MANIFEST: (
                "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd"
            ),
        },
        lomimscc=CC13_LOM_MANIFEST,
    )
    for index, lesson in enumerate(course.lessons, start=1):
        resource_id = f"lti-{index}"
        item = element(top, "item", identifier=f"item-{index}", identifierref=resource_id)
        element(item, "title", lesson.title)
        href = f"{resource_id}.xml"
        files[href] = lti_link(course, lesson)
        resource = element(resources, "resource", identifier=resource_id, type=LTI_LINK)
        element(resource, "file", href=href)
    files["imsmanifest.xml"] = xml_bytes(root)
    return zip_bytes(files)


def scorm_12(course):
    """The course as a SCORM 1.2 package: one SCO per lesson."""
    files = {STYLESHEET: STYLESHEET_TEXT, SCORM_SCRIPT: SCORM_SCRIPT_TEXT}
    root = element(
        None,
        "manifest",
        identifier=f"harbour-{safe(course.ident)}-scorm12",
        version="1.0",
        xmlns=SCORM_CP,
        xmlns__adlcp=SCORM_ADLCP,
        xmlns__xsi=XSI,
        xsi__schemaLocation=" ".join(
            [
                f"{SCORM_CP} imscp_rootv1p1p2.xsd",
                f"{SCORM_MD} imsmd_rootv1p2p1.xsd",
                f"{SCORM_ADLCP} adlcp_rootv1p2.xsd",
            ]
        ),
    )
    metadata = element(root, "metadata")
    element(metadata, "schema", "ADL SCORM")
    element(metadata, "schemaversion", "1.2")
    organizations = element(root, "organizations", default="organization")
    organization = element(organizations, "organization", identifier="organization")
    element(organization, "title", course.title)
    resources = element(root, "resources")
    for index, lesson in enumerate(course.lessons, start=1):
        folder = lesson_folder(index, lesson)
        resource_id = f"sco-{index}"
        item = element(
            organization,
            "item",
            identifier=f"item-{index}",
            identifierref=resource_id,
            isvisible="true",
        )
        element(item, "title", lesson.title)
        if lesson.quizzes:
            element(item, "adlcp:masteryscore", str(lesson.quizzes[0].pass_mark))
        body = lesson.html + "".join(
            scorm_quiz_html(quiz, course.submit_label) for quiz in lesson.quizzes
        )
        href = f"{folder}/index.html"
        files[href] = page_html(course, lesson, body, scripts=[SCORM_SCRIPT])
        resource = element(
            resources, "resource", identifier=resource_id, type="webcontent", href=href
        )
        resource.attrib["adlcp:scormtype"] = "sco"
        element(resource, "file", href=href)
        for name, data in lesson_files(folder, lesson).items():
            files[name] = data
            element(resource, "file", href=name)
        element(resource, "dependency", identifierref="shared")
    shared = element(resources, "resource", identifier="shared", type="webcontent")
    shared.attrib["adlcp:scormtype"] = "asset"
    element(shared, "file", href=STYLESHEET)
    element(shared, "file", href=SCORM_SCRIPT)
    files["imsmanifest.xml"] = xml_bytes(root)
    return zip_bytes(files)


# Each format's builder and file name extension; every package is served as application/zip.
FORMATS = {
    "cc11": (common_cartridge_11, "imscc"),
    "thincc13": (thin_common_cartridge_13, "imscc"),
    "scorm12": (scorm_12, "zip"),
}
