"""Registering a platform in the Wagtail admin (Settings → LTI platforms), with its
deployment ids."""

import pytest

from lti.models import Platform

pytestmark = pytest.mark.django_db


def test_an_administrator_registers_a_platform_with_two_deployments(admin_client):
    listing = admin_client.get("/admin/lti_platforms/")
    assert listing.status_code == 200
    response = admin_client.post(
        "/admin/lti_platforms/new/",
        {
            "name": "Moodle of a partner",
            "issuer": "https://moodle.example",
            "client_id": "abc123",
            "auth_login_url": "https://moodle.example/mod/lti/auth.php",
            "auth_token_url": "https://moodle.example/mod/lti/token.php",
            "auth_audience": "",
            "key_set_url": "https://moodle.example/mod/lti/certs.php",
            "is_active": "on",
            "deployments-TOTAL_FORMS": "2",
            "deployments-INITIAL_FORMS": "0",
            "deployments-MIN_NUM_FORMS": "0",
            "deployments-MAX_NUM_FORMS": "1000",
            "deployments-0-deployment_id": "1",
            "deployments-0-ORDER": "1",
            "deployments-1-deployment_id": "7",
            "deployments-1-ORDER": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    platform = Platform.objects.get()
    assert (platform.issuer, platform.client_id) == ("https://moodle.example", "abc123")
    assert platform.deployment_ids() == ["1", "7"]
    assert "Moodle of a partner" in admin_client.get("/admin/lti_platforms/").content.decode()
