import datetime

import jwt
import pytest
from django.core.management import call_command
from django.urls import reverse
from jwcrypto.jwk import JWK

from lti import keys

pytestmark = pytest.mark.django_db


def test_the_jwks_publishes_the_tool_key_under_its_thumbprint_and_it_verifies_a_signature(
    client,
):
    response = client.get(reverse("lti:jwks"))
    assert response.status_code == 200
    published = response.json()["keys"]
    assert len(published) == 1
    key = published[0]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert "d" not in key  # the public half only
    private_pem, kid = keys.signing_key()
    assert key["kid"] == kid == JWK(**{k: key[k] for k in ("kty", "n", "e")}).thumbprint()
    token = jwt.encode({"x": 1}, private_pem, algorithm="RS256", headers={"kid": kid})
    public = JWK(**key).export_to_pem()
    assert jwt.decode(token, public, algorithms=["RS256"]) == {"x": 1}


def test_a_rotation_keeps_the_old_key_in_the_jwks_for_the_grace_period_only(
    client, settings, lti_key, capsys
):
    _old_pem, old_kid = keys.signing_key()
    call_command("create_lti_key")  # an existing key is kept
    assert keys.signing_key()[1] == old_kid
    call_command("create_lti_key", "--rotate")
    out = capsys.readouterr().out
    _new_pem, new_kid = keys.signing_key()
    assert new_kid != old_kid and new_kid in out
    kids = [key["kid"] for key in client.get(reverse("lti:jwks")).json()["keys"]]
    assert kids == [new_kid, old_kid]
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(
        hours=settings.HARBOUR_LTI_KEY_GRACE_HOURS + 1
    )
    assert [key["kid"] for key in keys.jwks(now=later)["keys"]] == [new_kid]
    assert len(list(lti_key.parent.glob("lti-rsa.pem.*.old"))) == 1  # never deleted


def test_without_a_key_the_jwks_answers_503_with_the_command_to_run(client, lti_key):
    lti_key.unlink()
    response = client.get(reverse("lti:jwks"))
    assert response.status_code == 503
    assert response.json()["code"] == "lti_key_unavailable"
    assert "create_lti_key" in response.json()["detail"]


def test_two_rotations_in_one_second_keep_both_retired_keys_in_the_jwks(client, lti_key):
    first_kid = keys.signing_key()[1]
    call_command("create_lti_key", "--rotate")
    second_kid = keys.signing_key()[1]
    call_command("create_lti_key", "--rotate")
    third_kid = keys.signing_key()[1]
    assert len(list(lti_key.parent.glob("lti-rsa.pem.*.old"))) == 2
    kids = [key["kid"] for key in client.get(reverse("lti:jwks")).json()["keys"]]
    assert kids == [third_kid, second_kid, first_kid]
