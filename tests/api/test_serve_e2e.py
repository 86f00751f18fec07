"""`birlik serve` in its own process, spoken to over real HTTP, as a deployment would be."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import Engine

BIRLIK = str(Path(sys.executable).with_name("birlik"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"{base_url}/api/v1/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("birlik serve did not answer within 30 s")


def test_birlik_serve_answers_over_http_and_runs_jobs(engine: Engine, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "BIRLIK_DATABASE_URL": url}
    created = subprocess.run(
        [BIRLIK, "users", "create", "chief", "--password-stdin"],
        input=b"a-long-coordinator-password\n",
        env=env,
        capture_output=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr.decode()
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [BIRLIK, "serve", "--port", str(port), "--log-level", "warning"], env=env, stderr=log_file
        )
    try:
        _wait_until_up(base_url, server, log)
        login = httpx.post(
            f"{base_url}/api/v1/auth/login",
            json={"username": "chief", "password": "a-long-coordinator-password"},
        )
        assert login.status_code == 200, login.text
        with httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {login.json()['token']}"}
        ) as client:
            buyer = {
                "code": "BY-MINSK",
                "name": "Minsk Trading House",
                "country": "BY",
                "kind": "trader",
                "city": {
                    "name": "Minsk",
                    "region": "Minsk",
                    "country": "BY",
                    "latitude": 53.9,
                    "longitude": 27.57,
                },
            }
            made = client.post("/api/v1/buyers", json=buyer, headers={"Idempotency-Key": "e2e-buyer"})
            again = client.post("/api/v1/buyers", json=buyer, headers={"Idempotency-Key": "e2e-buyer"})
            listed = client.get("/api/v1/buyers").json()
            job = client.post("/api/v1/plans", json={})
            for _ in range(200):
                state = client.get(job.headers["Location"]).json()
                if state["status"] in ("succeeded", "failed"):
                    break
                time.sleep(0.05)
            assert client.post("/api/v1/auth/logout").status_code == 204
            assert client.get("/api/v1/me").status_code == 401
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)
    assert made.status_code == 201 and again.content == made.content
    assert [b["code"] for b in listed["items"]] == ["BY-MINSK"] and listed["total"] == 1
    assert job.status_code == 202
    assert state["status"] == "failed" and "nothing to plan" in state["error"]  # the worker ran it
    assert server.returncode == 0, log.read_text()
    assert "Traceback" not in log.read_text()
