"""``Authorization: Api-Key <key>``: how partner sites identify themselves."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from lms.models import APIKey

KEYWORD = "Api-Key"


class APIKeyAuthentication(authentication.BaseAuthentication):
    """A valid key authenticates the client, not a user: ``request.auth`` is the APIKey and
    ``request.user`` stays anonymous. A wrong, unknown or inactive key is a 401; no header at
    all is fine (anonymous)."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != KEYWORD.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as “Authorization: Api-Key <key>”.")
            )
        api_key = APIKey.from_plain(header[1])
        if api_key is None:
            raise exceptions.AuthenticationFailed(_("Invalid or inactive API key."))
        # One write per minute at most: enough to see which keys are in use.
        now = timezone.now()
        if api_key.last_used_at is None or (now - api_key.last_used_at).total_seconds() > 60:
            APIKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        return AnonymousUser(), api_key

    def authenticate_header(self, request):
        # DRF asks the first authentication class for the challenge of every 401: a learner
        # without credentials is told about tokens, a partner site about keys.
        auth = authentication.get_authorization_header(request).decode("latin-1")
        return KEYWORD if auth.lower().startswith(KEYWORD.lower()) else "Token"


class APIKeyScheme(OpenApiAuthenticationExtension):
    target_class = APIKeyAuthentication
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Partner sites send “Api-Key <key>”; keys are made in the admin.",
        }


class PartnerKeyRequired(permissions.BasePermission):
    """Only a request with a valid API key passes; without one it is a 401 that asks for it."""

    message = _("This operation is for partner sites: send “Authorization: Api-Key <key>”.")

    def has_permission(self, request, view):
        return isinstance(request.auth, APIKey)
