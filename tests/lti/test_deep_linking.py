"""Deep Linking 2.0: a teacher's LtiDeepLinkingRequest opens Harbour's catalogue in their
language; the item they pick comes back as an LtiDeepLinkingResponse that the platform
package (lti1p3platform) verifies with Harbour's published JWKS."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from tests.lti.platform import INSTRUCTOR, PlatformServer
from tests.pages.conftest import publish_translation_of_ancestors, translate_page

pytestmark = pytest.mark.django_db

LAUNCH = "http://testserver/lti/launch/"


@pytest.fixture
def platform():
    with PlatformServer() as platform:
        platform.register_in_harbour()
        yield platform


def open_picker(client, platform, locale="de-DE"):
    login = client.get(platform.login_url(LAUNCH, hint="deep-link")[len("http://testserver") :])
    assert login.status_code == 302
    auth = dict(parse_qsl(urlsplit(login["Location"]).query))
    data = platform.authorise(auth, deep_link=True, roles=(INSTRUCTOR,), locale=locale)
    response = client.post("/lti/launch/", data)
    assert response.status_code == 302, response.content.decode()[:300]
    assert response["Location"].startswith("/lti/deep-link/")
    return response["Location"]


def test_the_teacher_picks_a_lesson_from_the_catalogue_in_their_language_and_the_platform_verifies_the_item(
    client, platform, course
):
    lesson = course.get_lessons().specific()[1]  # with a quiz
    translate_page(course, "de", title="Grenzüberschreitende Zusammenarbeit", slug="kurs")
    publish_translation_of_ancestors(course, "de")
    picker_url = open_picker(client, platform)
    picker = client.get(picker_url)
    assert picker.status_code == 200
    text = picker.content.decode()
    assert '<html lang="de"' in text
    assert "Grenzüberschreitende Zusammenarbeit" in text  # the German course
    assert f'value="{lesson.translation_key}"' in text
    assert platform.url in picker["Content-Security-Policy"]  # framed by the platform
    # Filtering narrows the catalogue (the catalogue's own FilterSet).
    none = client.get(picker_url, {"search": "no-such-words-anywhere"})
    assert "Grenzüberschreitende Zusammenarbeit" not in none.content.decode()

    answer = client.post(picker_url, {"kind": "lesson", "translation_key": lesson.translation_key})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert f'action="{platform.url}/dl-return"' in page
    assert f"form-action 'self' {platform.url}" in answer["Content-Security-Policy"]
    jwt_value = unescape(re.search(r'name="JWT" value="([^"]+)"', page).group(1))
    platform.tool_key_set = client.get("/lti/jwks/").json()
    items = platform.check_deep_link_response(jwt_value)
    assert items == [
        {
            "type": "ltiResourceLink",
            "title": lesson.title,
            "url": f"http://testserver/lti/resource/lesson/{lesson.translation_key}/",
            "lineItem": {
                "scoreMaximum": 100,
                "label": lesson.title,
                "resourceId": f"lesson:{lesson.translation_key}",
                "tag": "quiz",
            },
        }
    ]


def test_a_course_item_carries_a_completion_line_item_and_a_lesson_without_quiz_none(
    client, platform, course
):
    picker_url = open_picker(client, platform, locale="en")
    platform.tool_key_set = client.get("/lti/jwks/").json()

    def item(kind, key):
        page = client.post(picker_url, {"kind": kind, "translation_key": key}).content.decode()
        jwt_value = unescape(re.search(r'name="JWT" value="([^"]+)"', page).group(1))
        return platform.check_deep_link_response(jwt_value)[0]

    assert item("course", course.translation_key)["lineItem"]["tag"] == "completion"
    plain = course.get_lessons().first()
    assert "lineItem" not in item("lesson", plain.translation_key)


def test_a_picker_whose_launch_is_unknown_or_a_pick_that_is_not_published_is_refused(
    client, platform, course
):
    assert client.get("/lti/deep-link/launch-unknown/").status_code == 400
    picker_url = open_picker(client, platform)
    response = client.post(
        picker_url, {"kind": "lesson", "translation_key": "00000000-0000-0000-0000-000000000000"}
    )
    assert response.status_code == 400
    # The picker speaks the teacher's language (the launch's de-DE).
    with translation.override("de"):
        assert escape(_("Choose a published course or lesson.")) in response.content.decode()
