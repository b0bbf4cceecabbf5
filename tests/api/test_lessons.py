"""A lesson's body as typed blocks {type, id, value}."""

import pytest
import wagtail_factories

from tests import factories


@pytest.fixture
def media(db):
    return {
        "image": wagtail_factories.ImageFactory(title="Workshop in Rostock"),
        "document": wagtail_factories.DocumentFactory(title="Toolkit"),
    }


def lesson_body(target, draft, image, document, case_study, copies=1):
    """Every kind of block, ``copies`` times."""
    body = []
    for number in range(copies):
        body += [
            {"type": "heading", "value": {"text": f"Part {number}", "level": "h2"}},
            {
                "type": "rich_text",
                "value": (
                    f'<p>See <a linktype="page" id="{target.pk}">the course</a> and '
                    f'<a linktype="page" id="{draft.pk}">a draft</a>. {number}</p>'
                ),
            },
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Partners at work", "caption": "Rostock"},
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
            {
                "type": "callout",
                "value": {
                    "kind": "tip",
                    "title": "Tip",
                    "text": f'<p>Read <a linktype="page" id="{target.pk}">this</a> {number}.</p>',
                },
            },
            {"type": "quote", "value": {"text": "We learned a lot.", "attribution": "A partner"}},
            {"type": "case_study_link", "value": {"case_study": case_study.pk, "note": "Why"}},
            {"type": "reflection", "value": {"prompt": "Who could you call?", "guidance": ""}},
        ]
    body.append(factories.quiz_block())
    return body


@pytest.fixture
def rich_lesson(course, case_study_index, media):
    draft = factories.CoursePageFactory(
        parent=course.get_parent(), locale=course.locale, title="Draft", live=False
    )
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Studio"
    )
    return factories.LessonPageFactory(
        parent=course,
        locale=course.locale,
        title="Everything",
        body=lesson_body(course, draft, media["image"], media["document"], study),
    ), {"course": course, "draft": draft, "study": study, **media}


def blocks_by_type(data):
    result = {}
    for block in data["body"]:
        assert set(block) == {"type", "id", "value"}
        assert block["id"]
        result.setdefault(block["type"], []).append(block["value"])
    return result


def test_lesson_detail_fields(api, rich_lesson):
    lesson, related = rich_lesson
    data = api.get_json(f"/api/v1/lessons/{lesson.pk}/")
    assert data["title"] == "Everything"
    assert data["estimated_minutes"] == 15
    assert data["course"]["id"] == related["course"].pk
    assert data["course"]["api_url"].endswith(f"/api/v1/courses/{related['course'].pk}/")


def test_rich_text_is_html_with_internal_links_resolved(api, rich_lesson):
    lesson, related = rich_lesson
    html = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))["rich_text"][0]
    assert 'href="http://testserver/en/courses/' in html
    assert "linktype" not in html
    # A link to a page that is not live goes nowhere rather than leaking its address.
    assert "<a>a draft</a>" in html


def test_nested_rich_text_is_expanded(api, rich_lesson):
    lesson, related = rich_lesson
    callout = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))["callout"][0]
    assert callout["kind"] == "tip"
    assert 'href="http://testserver/en/courses/' in callout["text"]


def test_image_is_a_rendition_with_alt_text(api, rich_lesson):
    lesson, related = rich_lesson
    image = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))["image"][0]
    assert image["url"].startswith("http://testserver/") and image["url"].endswith(".webp")
    assert image["width"] > 0 and image["height"] > 0
    assert image["alt"] == "Partners at work"
    assert image["caption"] == "Rostock"
    assert "image" not in image  # no bare id


def test_document_is_a_url(api, rich_lesson):
    lesson, related = rich_lesson
    document = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))["document"][0]
    assert document["url"].startswith("http://testserver/documents/")
    assert document["title"] == "Toolkit"


def test_quiz_has_no_answers(api, rich_lesson):
    lesson, related = rich_lesson
    response = api.get(f"/api/v1/lessons/{lesson.pk}/")
    quiz = blocks_by_type(response.json())["quiz"][0]
    assert quiz["title"] == "Check your understanding" and quiz["pass_mark"] == 50
    assert [q["id"] for q in quiz["questions"]] == ["q1", "q2"]
    assert quiz["questions"][1]["choices"] == [
        {"id": "0", "text": "Rostock"},
        {"id": "1", "text": "Oslo"},
        {"id": "2", "text": "Elbląg"},
    ]
    raw = response.content.decode()
    for secret in ('"correct"', "feedback", "explanation", "Right.", "led the consortium"):
        assert secret not in raw


def test_case_study_link(api, rich_lesson):
    lesson, related = rich_lesson
    link = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))["case_study_link"][0]
    assert link["id"] == related["study"].pk
    assert link["title"] == "Studio" and link["note"] == "Why"


def test_link_to_unpublished_case_study_is_dropped(api, rich_lesson):
    lesson, related = rich_lesson
    related["study"].unpublish()
    link = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))["case_study_link"][0]
    assert link is None


def test_other_blocks_keep_their_values(api, rich_lesson):
    lesson, related = rich_lesson
    blocks = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))
    assert blocks["heading"][0] == {"text": "Part 0", "level": "h2"}
    assert blocks["quote"][0] == {"text": "We learned a lot.", "attribution": "A partner"}
    assert blocks["reflection"][0]["prompt"] == "Who could you call?"


def test_lesson_list_is_not_an_endpoint(api, course):
    api.get_json("/api/v1/lessons/", status=404)


def test_images_and_documents_inside_rich_text_have_absolute_urls(api, course, media):
    """Rich text shown on a partner's site must still point at Harbour: Wagtail renders
    embedded images and document links root-relative, the API makes them absolute."""
    image, document = media["image"], media["document"]
    lesson = factories.LessonPageFactory(
        parent=course,
        locale=course.locale,
        body=[
            {
                "type": "rich_text",
                "value": (
                    f'<p><a linktype="document" id="{document.pk}">the toolkit</a></p>'
                    f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Rostock"/>'
                ),
            }
        ],
    )
    html = blocks_by_type(api.get_json(f"/api/v1/lessons/{lesson.pk}/"))["rich_text"][0]
    assert f'href="http://testserver/documents/{document.pk}/' in html
    assert 'src="http://testserver/media/' in html
    assert 'src="/' not in html and 'href="/' not in html
