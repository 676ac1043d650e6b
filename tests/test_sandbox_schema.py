"""The OpenAPI document holds, and no generated input makes the emulator fail (faults off)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from conftest import sign_in, small_world
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from opiq_admin.sandbox.server import EmbeddedServer


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    with EmbeddedServer(Path(tmp_path_factory.mktemp("fuzzed")), make_world=small_world) as srv:
        yield srv


@pytest.fixture(scope="module")
def tokens(fuzzed: EmbeddedServer) -> dict[str, str]:
    with httpx.Client(base_url=fuzzed.url) as client:
        return {system: sign_in(client, system)["access_token"] for system in ("opiq", "ekool")}


@pytest.fixture(scope="module")
def api_schema(fuzzed: EmbeddedServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{fuzzed.url}/openapi.json")


def test_openapi_covers_both_systems(fuzzed: EmbeddedServer) -> None:
    paths = httpx.get(f"{fuzzed.url}/openapi.json").json()["paths"]
    assert len(paths) >= 15
    assert "/opiq/api/schools/{school_id}/users" in paths
    assert "/ekool/ims/oneroster/rostering/v1p2/users" in paths
    assert "/opiq/oauth/token" in paths and "/ekool/oauth/token" in paths


def _exercise(strategy: Any, headers: dict[str, str]) -> None:
    @given(case=strategy)
    @settings(max_examples=5, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    call()


def test_no_server_error_on_generated_input(api_schema: schemathesis.BaseSchema,
                                            tokens: dict[str, str]) -> None:
    """Positive and negative inputs for every operation; any 5xx fails the test.

    Driven by Hypothesis directly rather than schemathesis' pytest plugin, which does not
    run under the pytest version in use.
    """
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 30
    for operation in operations:
        system = operation.path.split("/")[1]
        headers = {"Authorization": f"Bearer {tokens[system]}"} if system in tokens else {}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _exercise(operation.as_strategy(generation_mode=mode), headers)
            except Unsatisfiable:
                # An operation with nothing to get wrong has no negative inputs.
                assert mode is GenerationMode.NEGATIVE
