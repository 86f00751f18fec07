"""schemathesis against the live API on 127.0.0.1: ≥ 100 generated cases per operation, as the
coordinator (who reaches every operation), with no server error and no response outside the schema.

Logging out is left out: it would end the session the run is using. One worker: hypothesis parses
lambdas with `ast`, which is not thread-safe on Python 3.11 (and the server, not the client, is the
bottleneck: two `st` processes at once took as long).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.api.world import World

ST = str(Path(sys.executable).with_name("st"))
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "unsupported_method",
        "ignored_auth",
    ]
)


def _st(world: World, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            ST,
            "run",
            f"{world.base_url}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {world.tokens['coordinator']}",
            "--exclude-path",
            "/api/v1/auth/logout",
            "--max-examples",
            "100",
            "--checks",
            CHECKS,
            "--workers",
            "1",
            "--seed",
            "20261128",
            "--no-color",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=folder,  # st keeps a cache folder in its working directory
    )


# PostgreSQL only: it is the stricter store (text lengths, NUL characters, integer ranges), so what
# passes there passes on SQLite.
@pytest.mark.parametrize("shared_world", ["postgresql"], indirect=True)
def test_generated_requests_meet_the_openapi_document(shared_world: World, tmp_path: Path) -> None:
    run = _st(shared_world, tmp_path)
    output = run.communicate(timeout=540)[0]
    assert run.returncode == 0, output[-6000:]
    print("\n".join(line for line in output.splitlines() if "generated" in line or "Tested" in line))
    tested = sum(int(m.group(1)) for m in re.finditer(r"Tested: (\d+)", output))
    with httpx.Client(base_url=shared_world.base_url) as client:
        paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert tested == sum(len(item) for item in paths.values()) - 1  # all but logout
