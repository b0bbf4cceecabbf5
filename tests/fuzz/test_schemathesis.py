"""Property-based fuzzing of the API against its own OpenAPI schema (/api/v1/schema/).

Every operation gets a bounded, deterministic set of generated requests, valid and invalid,
sent through the WSGI application, anonymously and as a signed-in learner (token header), with
the coverage phase on (every boundary and negative case the schema defines) and one fixed
seed. No response may be a server error, and every response must match the status codes,
content type and body that the schema declares for it, errors included (lms/api/schema.py
documents them).

    .venv/bin/pytest -m fuzz
    make fuzz      # the long run: FUZZ_MAX_EXAMPLES=200 and the stateful phase (FUZZ_STATEFUL=1)
"""

import os

import pytest
import schemathesis
from axes.models import AccessAttempt
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lms.wsgi import application
from tests import factories

pytestmark = pytest.mark.fuzz

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "15"))
# One seed for every run: CI never fails by chance, and a failure can be replayed.
SEED = int(os.environ.get("FUZZ_SEED", "20261201"))
# The stateful phase: sequences of calls, for the long run (`make fuzz`).
STATEFUL = os.environ.get("FUZZ_STATEFUL", "").lower() in {"1", "true", "yes"}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CONFIG = {
    "seed": SEED,
    "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
    # Explicit examples, the coverage phase (every boundary and negative case the schema
    # defines: empty values, minimums, maximums, wrong types, missing and unknown fields) and
    # generated cases. The stateful phase (test_stateful_sequences_as_a_learner, links between
    # operations inferred from the schema) is for `make fuzz`.
    "phases": {"coverage": {"enabled": True}, "stateful": {"enabled": STATEFUL}},
}

# Ids of objects that exist, filled in by the fixture: generated path ids are drawn from
# these half of the time, so detail operations answer 200 and their bodies get checked too.
KNOWN_IDS = []


@pytest.fixture
def learner(db):
    user = factories.UserFactory(username="fuzz-learner")
    return user, Token.objects.create(user=user)


@pytest.fixture
def api_schema(request, learner, course, case_study_index, locales):
    """The schema as a client fetches it, through the WSGI application. Only /api/v1/ is ours."""
    # schemathesis 4.32 renames the test node after each operation through `_nodeid`, which
    # pytest 9.2 no longer has; give it one so each operation still runs as a subtest.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
    # schemathesis calls the WSGI application directly, not through Django's test client, which
    # keeps the end of each request from closing the test's database connection (inside its
    # transaction: on PostgreSQL every later query would fail). Do as the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request.addfinalizer(lambda: request_started.connect(close_old_connections))
    request.addfinalizer(lambda: request_finished.connect(close_old_connections))
    case_study = factories.CaseStudyPageFactory(parent=case_study_index, locale=locales["en"])
    partner = factories.PartnerFactory()
    KNOWN_IDS[:] = [
        course.id,
        case_study.id,
        partner.id,
        *course.get_children().values_list("id", flat=True),
    ]
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/", application, config=SchemathesisConfig.from_dict(CONFIG)
    )

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        if not path_parameters:
            return st.just(path_parameters)
        strategies = {
            name: st.one_of(st.just(value), st.sampled_from(KNOWN_IDS))
            if isinstance(value, int)
            else st.just(value)
            for name, value in path_parameters.items()
        }
        return st.fixed_dictionaries(strategies)

    yield schema
    KNOWN_IDS.clear()


schema = schemathesis.pytest.from_fixture("api_schema").include(path_regex=r"^/api/v1/")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema_as_a_learner(case, learner):
    user, token = learner
    # Rate limits and log-in lockouts are part of the API but not of this test: start each
    # request with a clean throttle history and no failed log-ins, or generated traffic ends
    # in 429s. A generated "log out everywhere" revokes the token: it is put back.
    cache.clear()
    AccessAttempt.objects.all().delete()
    Token.objects.get_or_create(user=user, key=token.key)
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema_anonymously(case, learner):
    cache.clear()
    AccessAttempt.objects.all().delete()
    case.call_and_validate(checks=CHECKS)


@pytest.mark.skipif(not STATEFUL, reason="the stateful phase runs with `make fuzz`")
def test_stateful_sequences_as_a_learner(api_schema, learner):
    """Sequences of calls that feed one answer's values into the next request (the links
    schemathesis infers), as a learner: the stateful phase of `make fuzz`."""
    user, token = learner

    class Sequences(api_schema.as_state_machine()):
        def before_call(self, case):
            cache.clear()
            AccessAttempt.objects.all().delete()
            Token.objects.get_or_create(user=user, key=token.key)

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Token {token.key}"}}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    Sequences.run(
        settings=settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            stateful_step_count=8,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_schema_documents_the_errors_of_every_operation(client, db):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    operations = [
        op for item in schema["paths"].values() for op in item.values() if "responses" in op
    ]
    assert len(operations) > 20
    for operation in operations:
        for status in ("400", "401", "403", "404", "429"):
            content = operation["responses"][status]["content"]["application/json"]
            # APIError, or an operation's own error body (the search API's Error).
            name = content["schema"]["$ref"].removeprefix("#/components/schemas/")
            assert "detail" in components[name]["properties"]
