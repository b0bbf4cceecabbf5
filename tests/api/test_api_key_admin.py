"""API keys are made and managed in the Wagtail admin (Settings → API keys)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lms.models import APIKey


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_settings_menu_lists_api_keys(admin_client):
    APIKey.generate(name="Creative Ports portal")
    response = admin_client.get(reverse("api_keys:index"))
    assert response.status_code == 200
    assert "Creative Ports portal" in response.content.decode()


def test_creating_a_key_shows_it_once_and_it_works(admin_client, client, course):
    response = admin_client.post(
        reverse("api_keys:add"),
        {"name": "Hub portal", "is_active": "on", "throttle_rate": "100/hour"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    page = response.content.decode()
    plain = re.search(r'<code id="api-key" data-api-key>([^<]+)</code>', page).group(1)
    api_key = APIKey.objects.get(name="Hub portal")
    assert api_key.throttle_rate == "100/hour"
    assert plain.startswith(api_key.prefix)
    assert api_key.hashed_key != plain and plain not in api_key.hashed_key

    # Only the hash is kept: the list and edit pages never show the key again.
    for url in (reverse("api_keys:index"), reverse("api_keys:edit", args=[api_key.pk])):
        assert plain not in admin_client.get(url).content.decode()

    client.logout()
    assert client.get("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {plain}").status_code == 200


def test_bad_throttle_rate_is_refused(admin_client):
    response = admin_client.post(
        reverse("api_keys:add"), {"name": "Typo", "is_active": "on", "throttle_rate": "lots"}
    )
    assert response.status_code == 200
    assert "e.g. 1000/hour" in response.content.decode()
    assert not APIKey.objects.exists()


def test_deactivating_a_key_in_the_admin(admin_client, client, course):
    api_key, plain = APIKey.generate(name="Old portal")
    response = admin_client.post(
        reverse("api_keys:edit", args=[api_key.pk]),
        {"name": "Old portal", "throttle_rate": ""},
    )
    assert response.status_code == 302
    api_key.refresh_from_db()
    assert api_key.is_active is False
    assert client.get("/api/v1/courses/", HTTP_AUTHORIZATION=f"Api-Key {plain}").status_code == 401


def test_learners_cannot_manage_keys(client, db):
    user = get_user_model().objects.create_user("learner", "l@example.org", "pw")
    client.force_login(user)
    response = client.get(reverse("api_keys:index"))
    assert response.status_code in (302, 403)
