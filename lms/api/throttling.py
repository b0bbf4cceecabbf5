"""One throttle for the whole API, with a rate for each kind of client.

- a request with an API key: the key's own ``throttle_rate``, else the ``api_key`` rate;
- a signed-in learner: the ``user`` rate;
- anyone else: the ``anon`` rate, per IP address: ``lms.clients.client_address``, which
  reads X-Forwarded-For only from the proxies the operator declares.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] at request time (HARBOUR_THROTTLE_*
in the environment), so they can be changed in settings without touching code.
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from lms.clients import client_address
from lms.models import APIKey


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
        return super().allow_request(request, view)

    def get_ident(self, request):
        # DRF's own reads X-Forwarded-For unless NUM_PROXIES is set: any client could pick
        # a new identity per request.
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}
