"""Item 17 (issue 15): a bounded schemathesis run over every API operation as two roles.

Each operation gets ``EXAMPLES`` generated requests per role (>= 1,000 in all); every
response must be no server error and conform to the schema (status code, content type,
body). Runs in ``make test`` (no marker); about two minutes on a shared two-core machine.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connection_kept_across_requests():
    """The WSGI app runs in the test's own thread: Django closes the database connection when
    a request finishes, which on PostgreSQL ends the test's transaction. The test client
    detaches that handler for the same reason; so does this fixture, for the duration."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_as_two_roles_without_server_errors_or_schema_violations(
    make_user, agency_a, connection_kept_across_requests
):
    document = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = WSGIHandler()
    tokens = {}
    for role, agency in (("ice_program_manager", None), ("agency_officer", agency_a)):
        _, tokens[role] = AuthToken.objects.create(user=make_user(role, agency))
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    failures: list[str] = []

    def exercise(operation, role, headers):
        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            nonlocal calls
            response = case.call(headers=headers)
            calls += 1
            assert response.status_code < 500, (role, case.method, case.path)
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Exception as error:  # collect, so one run reports every failing operation
            failures.append(f"{role} {operation.method.upper()} {operation.path}: {error}"[:2000])

    for operation in operations:
        for role, token in tokens.items():
            exercise(operation, role, {"Authorization": f"Token {token}"})
    assert failures == []
    assert calls >= 1_000
