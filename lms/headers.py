"""Security headers on every response: the Content-Security-Policy (django-csp, with the
policy in settings.CONTENT_SECURITY_POLICY) and the Permissions-Policy.

Harbour's pages and the API get the policy as it is: scripts only from Harbour's own files or
with the response's nonce, never inline without one. Wagtail's admin is Wagtail's code; it
gets the same policy plus what ``ADMIN_UPDATE`` says it needs (the browser test of the
editor's journey runs under it and fails on anything blocked). A response that carries a
nonce keeps it: browsers ignore 'unsafe-inline' beside a nonce.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# What the Wagtail and Django admins need beyond Harbour's policy: Wagtail 8's page editor
# runs inline scripts (its panels' start-up code, scripts its vendor bundle inserts). Its
# avatars (Gravatar) and update check, which would load from elsewhere, are off in settings.
ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"]}


class HarbourCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {**ADMIN_UPDATE, **(parts.update or {})}
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
