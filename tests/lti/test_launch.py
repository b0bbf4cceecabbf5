"""LTI 1.3 launches against a platform Harbour did not write (lti1p3platform, tests/lti/
platform.py): login initiation → the platform's authorisation → the launch, through Django's
test client, with the platform's keys served on 127.0.0.1; then each way a launch must be
refused."""

import html
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from lms.models import Enrolment
from lms.services.accounts import export_learner_data
from lti import services
from lti.models import Identity, LineItem
from tests.lti.platform import INSTRUCTOR, PlatformServer, rsa_pem_pair
from tests.pages.conftest import publish_translation_of_ancestors, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform():
    with PlatformServer() as platform:
        yield platform


@pytest.fixture
def registered(platform):
    return platform.register_in_harbour()


@pytest.fixture
def lesson(course):
    return course.get_lessons().specific()[1]  # the lesson with a quiz


@pytest.fixture
def polish_lesson(course, lesson):
    translate_page(course, "pl", title="Kurs po polsku", slug="kurs")
    publish_translation_of_ancestors(course, "pl")
    return translate_page(lesson, "pl", title="Lekcja z quizem", slug="lekcja-z-quizem")


def resource(kind, page):
    return f"http://testserver/lti/resource/{kind}/{page.translation_key}/"


def login(client, platform, target, hint="resource"):
    """Harbour's login initiation, as the platform starts it; returns the auth request."""
    url = platform.login_url(target, hint=hint)
    response = client.get(url[len("http://testserver") :])
    assert response.status_code == 302, response.content.decode()[:500]
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{platform.url}/auth"
    return dict(parse_qsl(location.query))


def launch(client, platform, target, **claims):
    auth = login(client, platform, target)
    data = platform.authorise(auth, target_link_uri=target, **claims)
    return client.post(urlsplit(data["launch_url"]).path, data), data


def refusal(response, status=400):
    assert response.status_code == status, response.content.decode()[:300]
    text = response.content.decode()
    assert "The launch from your learning platform was refused" in text
    return text


def test_a_resource_link_launch_signs_the_platform_user_in_and_opens_the_lesson_in_their_language(
    client, platform, registered, lesson, polish_lesson
):
    auth = login(client, platform, resource("lesson", lesson))
    assert auth["redirect_uri"] == "http://testserver/lti/launch/"
    assert auth["client_id"] == platform.client_id and auth["response_mode"] == "form_post"
    response, _data = launch(client, platform, resource("lesson", lesson))
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{polish_lesson.url}"
    assert response["Location"].startswith("http://testserver/pl/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Lekcja z quizem" in page.content.decode()
    identity = Identity.objects.get(platform=registered, sub="platform-user-1")
    user = identity.user
    assert page.wsgi_request.user == user
    assert not user.has_usable_password()
    assert user.profile.preferred_language == "pl"
    assert Enrolment.objects.filter(user=user, course_key=lesson.get_parent().translation_key)
    line_item = LineItem.objects.get(identity=identity)
    assert (line_item.kind, line_item.translation_key) == ("lesson", lesson.translation_key)
    assert line_item.url == f"{platform.url}/lineitems/1"
    [exported] = export_learner_data(user)["lti"]
    assert (exported["issuer"], exported["sub"]) == (platform.url, "platform-user-1")
    assert exported["gradebook_columns"][0]["url"] == line_item.url


def test_a_second_launch_of_the_same_platform_user_is_the_same_learner_and_a_course_link_opens_the_course(
    client, platform, registered, course, lesson
):
    launch(client, platform, resource("lesson", lesson), locale=None)
    response, _data = launch(client, platform, resource("course", course), locale="en-GB")
    assert response.status_code == 302 and response["Location"].endswith(course.url)
    assert get_user_model().objects.filter(lti_identities__platform=registered).count() == 1
    assert LineItem.objects.filter(kind="course", translation_key=course.translation_key)


def test_a_launch_inside_the_platforms_frame_gets_cookies_that_cross_sites_and_may_be_framed(
    client, platform, registered, lesson
):
    response, _data = launch(client, platform, resource("lesson", lesson))
    cookie = response.cookies["sessionid"]
    assert cookie["samesite"] == "None; Partitioned" and cookie["secure"]
    assert response.cookies["csrftoken"]["samesite"] == "None; Partitioned"
    assert platform.url in response["Content-Security-Policy"]
    page = client.get(response["Location"])
    policy = page["Content-Security-Policy"]
    assert f"frame-ancestors 'self' {platform.url}" in policy
    assert "X-Frame-Options" not in page


def test_a_visit_outside_a_launch_keeps_lax_cookies_and_refuses_framing(client, lesson):
    page = client.get(lesson.url)
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_a_resource_url_opened_outside_a_launch_leads_to_the_page(client, lesson):
    response = client.get(f"/lti/resource/lesson/{lesson.translation_key}/")
    assert response.status_code == 302 and response["Location"].endswith(lesson.url)


# --- refused -------------------------------------------------------------------------------


def test_an_id_token_from_an_unregistered_issuer_is_refused(client, platform, registered, lesson):
    auth = login(client, platform, resource("lesson", lesson))
    data = platform.authorise(
        auth, target_link_uri=resource("lesson", lesson), issuer="https://elsewhere.example"
    )
    text = refusal(client.post("/lti/launch/", data))
    assert "Registration not found" in text
    assert not Identity.objects.exists()


def test_an_id_token_for_another_audience_is_refused(client, platform, registered, lesson):
    auth = login(client, platform, resource("lesson", lesson))
    data = platform.authorise(
        auth,
        target_link_uri=resource("lesson", lesson),
        extra={"aud": "someone-else", "azp": "someone-else"},
    )
    assert "Registration not found" in refusal(client.post("/lti/launch/", data))


def test_an_id_token_for_several_audiences_without_harbour_as_azp_is_refused(
    client, platform, registered, lesson
):
    auth = login(client, platform, resource("lesson", lesson))
    data = platform.authorise(
        auth,
        target_link_uri=resource("lesson", lesson),
        extra={"aud": [platform.client_id, "another-tool"], "azp": "another-tool"},
    )
    assert "azp" in refusal(client.post("/lti/launch/", data))
    assert not Identity.objects.exists()


def test_a_replayed_id_token_is_refused_the_second_time(client, platform, registered, lesson):
    first, data = launch(client, platform, resource("lesson", lesson))
    assert first.status_code == 302
    client.logout()
    text = refusal(client.post("/lti/launch/", data))
    assert "State not found" in text or "Invalid Nonce" in text


def test_a_nonce_used_once_is_refused_under_a_new_state(client, platform, registered, lesson):
    auth = login(client, platform, resource("lesson", lesson))
    assert launch_ok(client, platform, auth, lesson)
    again = login(client, platform, resource("lesson", lesson))
    again["nonce"] = auth["nonce"]  # the platform signs the old nonce with the new state
    data = platform.authorise(again, target_link_uri=resource("lesson", lesson))
    assert "Invalid Nonce" in refusal(client.post("/lti/launch/", data))


def launch_ok(client, platform, auth, lesson):
    data = platform.authorise(auth, target_link_uri=resource("lesson", lesson))
    return client.post("/lti/launch/", data).status_code == 302


def test_an_expired_id_token_is_refused(client, platform, registered, lesson):
    auth = login(client, platform, resource("lesson", lesson))
    data = platform.authorise(auth, target_link_uri=resource("lesson", lesson), expiration=-60)
    assert "expired" in refusal(client.post("/lti/launch/", data))


def test_an_id_token_signed_with_a_key_the_platform_does_not_publish_is_refused(
    client, platform, registered, lesson
):
    auth = login(client, platform, resource("lesson", lesson))
    other_key, _public = rsa_pem_pair()
    data = platform.authorise(auth, target_link_uri=resource("lesson", lesson), key=other_key)
    assert "Unable to find public key" in refusal(client.post("/lti/launch/", data))


def test_a_deployment_harbour_does_not_know_is_refused(client, platform, registered, lesson):
    registered.deployments.update(deployment_id="another-deployment")
    auth = login(client, platform, resource("lesson", lesson))
    data = platform.authorise(auth, target_link_uri=resource("lesson", lesson))
    assert "dep-1" in refusal(client.post("/lti/launch/", data))


def test_a_login_whose_target_is_not_a_harbour_launch_address_is_refused(
    client, platform, registered
):
    url = platform.login_url("https://evil.example/phish/")
    text = refusal(client.get(url[len("http://testserver") :]))
    assert "https://evil.example/phish/" in text


def test_a_launch_whose_target_link_uri_is_not_harbours_is_refused(
    client, platform, registered, lesson
):
    auth = login(client, platform, resource("lesson", lesson))
    data = platform.authorise(auth, target_link_uri="https://evil.example/phish/")
    refusal(client.post("/lti/launch/", data))
    assert not Identity.objects.exists()


def test_a_login_from_an_unregistered_platform_is_refused(client, platform, lesson):
    url = platform.login_url(resource("lesson", lesson))
    assert "not registered" in refusal(client.get(url[len("http://testserver") :]))


def test_a_launch_with_no_id_token_or_a_garbled_one_is_refused(client, platform, registered):
    refusal(client.post("/lti/launch/", {}))
    refusal(client.post("/lti/launch/", {"state": "state-x", "id_token": "a.b.c"}))


def test_a_refusal_says_why_in_the_learner_s_language_and_keeps_the_library_s_words_apart(
    client, platform, registered
):
    """The LTI library's own message is English and technical: the page says why in the
    learner's language, and shows the library's words apart, marked as English, with no
    Python exception name."""
    with translation.override("de"):
        reason = gettext(
            "The launch could not be checked: the platform's message is not signed, addressed "
            "or formed as LTI 1.3 asks, or it has expired."
        )
        response = client.post(
            "/lti/launch/",
            {"state": "state-x", "id_token": "a.b.c"},
            HTTP_ACCEPT_LANGUAGE="de",
        )
    text = response.content.decode()
    assert response.status_code == 400
    assert html.escape(reason) in text
    assert '<code lang="en">' in text
    assert "Error:" not in text and "Exception" not in text


def test_a_learner_may_not_open_the_deep_linking_picker(client, platform, registered, lesson):
    auth = login(client, platform, f"http://testserver{reverse('lti:launch')}", hint="deep-link")
    data = platform.authorise(auth, deep_link=True)
    refusal(client.post("/lti/launch/", data), status=403)
    assert INSTRUCTOR not in str(data)


def test_a_launch_with_malformed_claims_opens_the_lesson_and_ignores_them(
    client, platform, registered, lesson, django_user_model
):
    """Claims of the wrong type (a presentation that is a string, an AGS endpoint that is a
    list, a name that is a number) are ignored, never a 500; an email another account
    already has is not copied, as sign-up would refuse it."""
    django_user_model.objects.create_user("taken", email="Agne@Example.org", password="x-long-pw")
    response, _data = launch(
        client,
        platform,
        resource("lesson", lesson),
        extra={
            services.LAUNCH_PRESENTATION: "iframe",
            services.AGS_ENDPOINT: ["not", "an", "object"],
            "given_name": 5,
            "email": "agne@example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()[:300]
    assert response["Location"] == f"http://testserver{lesson.url}"
    identity = Identity.objects.get(platform=registered, sub="platform-user-1")
    assert identity.user.email == "" and identity.user.first_name == ""
    assert not LineItem.objects.filter(identity=identity).exists()


def test_a_login_the_library_refuses_says_it_is_the_login_and_keeps_its_words_apart(
    client, platform, registered, lesson
):
    """A login without login_hint: the library raises OIDCException (not an LtiException),
    which was a 500."""
    url = platform.login_url(resource("lesson", lesson))
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "login_hint"]
    with translation.override("de"):
        reason = gettext(
            "The login from your learning platform could not be started: it lacks what LTI 1.3 "
            "asks for, or it does not match the platform's registration with Harbour."
        )
        title = gettext("The launch from your learning platform was refused")
        response = client.get(parts.path, dict(query), HTTP_ACCEPT_LANGUAGE="de")
    text = response.content.decode()
    assert response.status_code == 400
    assert html.escape(title) in text and html.escape(reason) in text
    assert '<code lang="en">Could not find login hint</code>' in text
