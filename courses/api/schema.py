"""Hooks for the OpenAPI schema."""


def only_public_api(endpoints, **kwargs):
    """The schema documents /api/v1/ only, not the admin's internal APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
