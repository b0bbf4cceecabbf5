"""One throttle for the whole API, with a rate for each kind of client.

- a request with an API key: the key's own ``throttle_rate``, else the ``api_key`` rate;
- a signed-in learner: the ``user`` rate;
- anyone else: the ``anon`` rate, per IP address: ``lms.clients.client_address``, which
  reads X-Forwarded-For only from the proxies the operator declares.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] at request time (HARBOUR_THROTTLE_*
in the environment), so they can be changed in settings without touching code.

Every answer the throttle counted says where the client stands (``Quota``, in the IETF
RateLimit fields that the base view sends), so that a client backs off before a 429::

    RateLimit-Policy: "anon";q=100;w=3600     (100 requests per 3600 seconds)
    RateLimit: "anon";r=57;t=1800             (57 left; the window moves on in 1800 s)
"""

import math
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from lms.clients import client_address
from lms.models import APIKey


@dataclass(frozen=True)
class Quota:
    policy: str  # the kind of client: anon, user, api_key
    limit: int
    window: int  # seconds
    remaining: int
    reset: int  # seconds until a request is free again

    def headers(self):
        return {
            "RateLimit-Policy": f'"{self.policy}";q={self.limit};w={self.window}',
            "RateLimit": f'"{self.policy}";r={self.remaining};t={self.reset}',
        }


class HarbourRateThrottle(SimpleRateThrottle):
    def __init__(self):
        # The scope and rate depend on the request; they are chosen in allow_request.
        self.scope = self.rate = None

    def client(self, request):
        """``(scope, identity, rate)`` of the client making the request."""
        rates = api_settings.DEFAULT_THROTTLE_RATES
        auth = getattr(request, "auth", None)
        if isinstance(auth, APIKey):
            rate = auth.throttle_rate.strip() or rates.get("api_key")
            try:
                self.parse_rate(rate)
            except (ValueError, KeyError, IndexError, AttributeError):
                rate = rates.get("api_key")
            return "api_key", f"key-{auth.pk}", rate
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return "user", f"user-{user.pk}", rates.get("user")
        return "anon", self.get_ident(request), rates.get("anon")

    def allow_request(self, request, view):
        self.scope, self.ident, self.rate = self.client(request)
        if self.rate is None:
            return True
        try:
            self.num_requests, self.duration = self.parse_rate(self.rate)
        except (ValueError, KeyError, IndexError) as error:
            raise ImproperlyConfigured(f"Bad throttle rate {self.rate!r}") from error
        allowed = super().allow_request(request, view)
        request.quota = self.quota()
        return allowed

    def quota(self):
        """Where the client stands after this request was counted (or refused)."""
        history = self.history
        remaining = max(self.num_requests - len(history), 0)
        # The oldest request in the window leaves it first and frees a request.
        reset = self.duration - (self.now - history[-1]) if history else 0
        return Quota(
            self.scope, self.num_requests, self.duration, remaining, max(math.ceil(reset), 0)
        )

    def get_ident(self, request):
        # DRF's own reads X-Forwarded-For unless NUM_PROXIES is set: any client could pick
        # a new identity per request.
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


class LearnerActionThrottle(SimpleRateThrottle):
    """A rate for one thing a signed-in learner does on the web pages too (not an API call):
    ``scope`` names its rate in DEFAULT_THROTTLE_RATES, read at request time; None turns it
    off. ``allow(request)`` counts the attempt; ``wait()`` is the seconds until the next."""

    def __init__(self, scope):
        self.scope = scope
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if self.rate is not None:
            self.num_requests, self.duration = self.parse_rate(self.rate)

    def allow(self, request):
        if self.rate is None:
            return True
        return self.allow_request(request, None)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
