"""pylti1p3next (the maintained fork of pylti1p3) wired to Harbour: registrations from the
admin's Platform rows, the tool key from lti.keys, and launch state kept on the server.

Launch state is cookie-less. Inside a platform's iframe Harbour is a third party, and
browsers drop or partition third-party cookies, so the OIDC ``state`` and ``nonce`` do not
travel in a cookie: both are kept in the cache (shared by every web worker: Redis in
production) under their own random value, for five minutes, and each is used once: the
launch that presents them deletes them, so a replayed id_token (same state and nonce) is
refused. pylti1p3 only checks that a nonce was issued; ``LaunchState.check_nonce`` consumes it.

The library checks the signature (against the platform's JWKS, by ``kid``), ``exp`` (and here
also requires ``exp`` and ``iat``), the registration of (``iss``, ``aud``), the deployment id
and the message type's claims; ``check_audience`` adds the ``azp`` rule of LTI 1.3 §5.1.2
for several audiences.
"""

import logging
import uuid

import jwt
from django.core.cache import cache
from django.utils.translation import gettext as _
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.contrib.django.request import DjangoRequest
from pylti1p3.cookie import CookieService
from pylti1p3.deployment import Deployment as LibDeployment
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.registration import Registration
from pylti1p3.tool_config import ToolConfAbstract
from pylti1p3.tool_config.abstract import IssuerToClientRelation

from . import keys
from .models import Deployment, Platform

logger = logging.getLogger(__name__)

STATE_SECONDS = 5 * 60
LAUNCH_SECONDS = 60 * 60
PREFIX = "lti:"


class LaunchRefused(Exception):
    """A login or launch Harbour does not accept; the message says why, for the error page.
    ``detail``: the LTI library's own words (English), shown apart for the administrator."""

    def __init__(self, message, detail=None):
        super().__init__(message)
        self.detail = detail


def library_refusal(error, login=False):
    """LaunchRefused for an error raised while the LTI library checked a login (``login``)
    or a launch. Only the library's and the token decoder's own words are shown apart as the
    detail; any other error's text stays in the log."""
    if isinstance(error, keys.KeyUnavailable):
        return LaunchRefused(str(error.message))
    if login:
        reason = _(
            "The login from your learning platform could not be started: it lacks what LTI 1.3 "
            "asks for, or it does not match the platform's registration with Harbour."
        )
    else:
        reason = _(
            "The launch could not be checked: the platform's message is not signed, addressed "
            "or formed as LTI 1.3 asks, or it has expired."
        )
    detail = None
    if isinstance(error, LtiException | OIDCException | jwt.PyJWTError):
        detail = getattr(error, "message", None) or str(error) or None
    else:
        logger.warning("LTI library error: %r", error)
    return LaunchRefused(reason, detail=detail)


def registration_for(platform):
    private_pem, _kid = keys.signing_key()
    public_pem = keys.public_pem()
    return (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
        .set_auth_audience(platform.auth_audience or None)
        .set_key_set_url(platform.key_set_url)
        .set_tool_private_key(private_pem)
        .set_tool_public_key(public_pem)
    )


def find_platform(iss, client_id):
    platforms = Platform.objects.filter(issuer=iss, is_active=True)
    if client_id:
        platforms = platforms.filter(client_id=client_id)
    found = list(platforms[:2])
    return found[0] if len(found) == 1 else None


class ToolConf(ToolConfAbstract):
    """Every issuer may have several client ids (Canvas), so registrations are found by
    (iss, client_id); a login without client_id works while the issuer has one."""

    def __init__(self):
        self.issuers_relation_types = _ManyClients()

    def find_registration_by_issuer(self, iss, *args, **kwargs):
        return self.find_registration_by_params(iss, None)

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        platform = find_platform(iss, client_id)
        return registration_for(platform) if platform else None

    def find_deployment(self, iss, deployment_id):
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        platform = find_platform(iss, client_id)
        if platform is None or not deployment_id:
            return None
        if not Deployment.objects.filter(platform=platform, deployment_id=deployment_id).exists():
            return None
        return LibDeployment().set_deployment_id(deployment_id)

    def get_jwks(self, iss=None, client_id=None, **kwargs):
        return keys.jwks()


class _ManyClients(dict):
    def get(self, key, default=None):
        return IssuerToClientRelation.MANY_CLIENTS_IDS_PER_ISSUER


class StateStore(CookieService):
    """The library's state "cookie", kept on the server instead, and taken once."""

    def get_cookie(self, name):
        key = f"{PREFIX}state:{name}"
        value = cache.get(key)
        cache.delete(key)
        return value

    def set_cookie(self, name, value, exp=STATE_SECONDS):
        cache.set(f"{PREFIX}state:{name}", value, exp or STATE_SECONDS)

    def update_response(self, response):
        return response


class LaunchState:
    """The library's session service, on the cache: nonces (used once) and launch data."""

    def __init__(self, request=None):
        pass

    def save_nonce(self, nonce):
        cache.set(f"{PREFIX}nonce:{nonce}", True, STATE_SECONDS)

    def check_nonce(self, nonce):
        # delete() answers whether the key was there: a nonce is good for one launch.
        return bool(cache.delete(f"{PREFIX}nonce:{nonce}"))

    def save_state_params(self, state, params):
        cache.set(f"{PREFIX}params:{state}", params, STATE_SECONDS)

    def get_state_params(self, state):
        return cache.get(f"{PREFIX}params:{state}")

    def set_state_valid(self, state, id_token_hash):
        return None  # a state is good once; a re-posted id_token is refused

    def check_state_is_valid(self, state, id_token_hash):
        return False

    def save_launch_data(self, key, jwt_body):
        cache.set(f"{PREFIX}launch:{key}", jwt_body, LAUNCH_SECONDS)

    def get_launch_data(self, key):
        return cache.get(f"{PREFIX}launch:{key}")

    def set_data_storage(self, data_storage):
        return None

    def set_launch_data_lifetime(self, time_sec):
        return None


def oidc_login(request):
    return DjangoOIDCLogin(
        request, ToolConf(), session_service=LaunchState(), cookie_service=StateStore()
    )


class MessageLaunch(DjangoMessageLaunch):
    def __init__(self, request, **kwargs):
        super().__init__(
            request if isinstance(request, DjangoRequest) else DjangoRequest(request, True),
            ToolConf(),
            session_service=LaunchState(),
            cookie_service=StateStore(),
            **kwargs,
        )
        self.set_jwt_verify_options({"verify_aud": False, "require": ["exp", "iat"]})
        self.set_launch_id(f"launch-{uuid.uuid4().hex}")


def check_audience(body, client_id):
    """LTI 1.3 §5.1.2: aud holds the client id; with several audiences azp is the client id."""
    audience = body.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise LaunchRefused(_("The id_token is not addressed to Harbour (aud)."))
    if len(audiences) > 1 and body.get("azp") != client_id:
        raise LaunchRefused(_("The id_token names several audiences but not Harbour as azp."))


def validated_launch(request):
    """The launch of a POSTed id_token, validated; LaunchRefused with a reason otherwise."""
    launch = MessageLaunch(request)
    try:
        launch.validate()
    except Exception as error:  # the library raises bare errors for some malformed tokens
        raise library_refusal(error) from error
    body = launch.get_launch_data()
    check_audience(body, launch._registration.get_client_id())
    return launch, body


def restored_launch(request, launch_id):
    """A launch saved by validated_launch (the deep linking picker's), or None."""
    body = LaunchState().get_launch_data(launch_id)
    if not body:
        return None
    launch = MessageLaunch(DjangoRequest(request))
    try:
        return (
            launch.set_launch_id(launch_id)
            .set_auto_validation(enable=False)
            .set_jwt({"body": body})
            .set_restored()
            .validate_registration()
        )
    except (LtiException, keys.KeyUnavailable):
        return None
