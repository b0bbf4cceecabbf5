"""LTI Assignment and Grade Services 2.0: Harbour's scores to a platform's gradebook, as
outbox deliveries, so a platform that is down gets them later (the outbox's retries and
back-off; dead ones are replayed from the admin like any delivery).

Which events send what, to the line items a launch recorded (lti.models.LineItem):

- ``quiz.attempted`` → the lesson's line items of the learner: ``scoreGiven`` the attempt's
  score out of ``scoreMaximum`` 100;
- ``course.completed`` → the course's line items: 100 out of 100;

each with ``activityProgress: Completed``, ``gradingProgress: FullyGraded``, the platform's
``userId`` (the launch's ``sub``) and the event's time (with milliseconds) as ``timestamp``.

The access token comes from the platform's token URL by the client credentials grant with a
JWT client assertion (RFC 7523) that Harbour's LTI key signs (lti.keys, ``kid`` in the header),
for the scope ``https://purl.imsglobal.org/spec/lti-ags/scope/score``; it is cached until a
minute before it expires. The score is POSTed to the line item's URL with ``/scores`` added to
its path, as ``application/vnd.ims.lis.v1.score+json``. Requests go through outbox.net (no
private addresses, no redirects).
"""

import json
import time
import uuid
from urllib.parse import urlencode, urlsplit, urlunsplit

import jwt
from django.core.cache import cache
from django.utils.translation import gettext as _

from lti import keys
from lti.models import SCORE_SCOPE, LineItem

from . import net

SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
EVENTS = {"quiz.attempted": LineItem.Kind.LESSON, "course.completed": LineItem.Kind.COURSE}


def line_items(event_type, user, translation_key):
    """The learner's line items an event of this type scores."""
    kind = EVENTS.get(event_type)
    if kind is None or translation_key is None:
        return []
    return list(
        LineItem.objects.filter(
            identity__user=user,
            identity__platform__is_active=True,
            kind=kind,
            translation_key=translation_key,
        )
    )


def scores_url(line_item_url):
    parts = urlsplit(line_item_url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/scores"))


def score(delivery):
    event, line_item = delivery.event, delivery.line_item
    given = int(event.data.get("score") or 0) if event.type == "quiz.attempted" else 100
    return {
        "userId": line_item.identity.sub,
        "scoreGiven": given,
        "scoreMaximum": 100,
        "activityProgress": "Completed",
        "gradingProgress": "FullyGraded",
        "timestamp": event.occurred_at.isoformat(timespec="milliseconds"),
    }


def _token_key(platform):
    return f"lti:ags-token:{platform.pk}:{platform.client_id}"


def client_assertion(platform):
    private_pem, kid = keys.signing_key()
    now = int(time.time())
    claims = {
        "iss": platform.client_id,
        "sub": platform.client_id,
        "aud": platform.auth_audience or platform.auth_token_url,
        "iat": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, private_pem, algorithm="RS256", headers={"kid": kid})


def access_token(platform):
    key = _token_key(platform)
    token = cache.get(key)
    if token:
        return token
    body = urlencode(
        {
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": client_assertion(platform),
            "scope": SCORE_SCOPE,
        }
    ).encode()
    response = net.post(
        platform.auth_token_url,
        body=body,
        headers={"content-type": "application/x-www-form-urlencoded", "accept": "application/json"},
    )
    if response.status_code != 200:
        raise RuntimeError(
            _("The platform's token endpoint answered %(status)s: %(text)s")
            % {"status": response.status_code, "text": response.text[:300]}
        )
    answer = response.json()
    token = answer["access_token"]
    lifetime = int(answer.get("expires_in") or 3600)
    cache.set(key, token, max(lifetime - 60, 1))
    return token


def send(delivery):
    """POST the event's score to the delivery's line item; returns the platform's status."""
    line_item = delivery.line_item
    if line_item is None:
        raise net.Refused(_("This delivery has no LTI line item."))
    platform = line_item.identity.platform
    if not platform.is_active:
        raise net.Refused(_("The LTI platform %(name)s is not active.") % {"name": platform})
    try:
        token = access_token(platform)
    except keys.KeyUnavailable as error:
        raise net.Refused(str(error.message)) from error
    response = net.post(
        scores_url(line_item.url),
        body=json.dumps(score(delivery), separators=(",", ":")).encode(),
        headers={"content-type": SCORE_MEDIA_TYPE, "authorization": f"Bearer {token}"},
    )
    if response.status_code == 401:
        cache.delete(_token_key(platform))  # a revoked or expired token: ask anew next time
    return response.status_code, response.text[:500]
