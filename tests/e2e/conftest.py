"""A real Birlik server in its own process (uvicorn, SQLite demo database in a temp dir) and headless
Debian chromium driven by Playwright. The browser is the system's (/usr/bin/chromium): no download."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BIRLIK = str(Path(sys.executable).with_name("birlik"))
COORDINATOR = ("chief", "coordinator-password-1")
MEMBER = ("weaver", "member-password-123")


@dataclass(frozen=True)
class Site:
    base_url: str
    member_bin: str


def _birlik(env: dict[str, str], *args: str, password: str | None = None) -> str:
    done = subprocess.run(
        [BIRLIK, *args],
        input=None if password is None else (password + "\n").encode(),
        env=env,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo consortium with its first plan approved, a coordinator and a member user made by the CLI."""
    folder = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "BIRLIK_DATABASE_URL": f"sqlite:///{folder / 'birlik.db'}"}
    _birlik(env, "demo")
    _birlik(env, "plans", "approve", "1")
    plan = json.loads(_birlik(env, "plans", "show", "1", "--json", "-"))
    member_bin = plan["assignments"][0]["member_bin"]
    _birlik(env, "users", "create", COORDINATOR[0], "--password-stdin", password=COORDINATOR[1])
    _birlik(
        env,
        "users",
        "create",
        MEMBER[0],
        "--role",
        "member",
        "--member",
        member_bin,
        "--password-stdin",
        password=MEMBER[1],
    )
    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [BIRLIK, "serve", "--port", str(port), "--log-level", "warning"],
            env=env,
            stdout=sink,
            stderr=sink,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base_url}/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not answer within 30 s"
            time.sleep(0.1)
        yield Site(base_url, member_bin)
    finally:
        server.terminate()
        server.wait(15)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    yield context.new_page()
    context.close()


def log_in(page: Page, site: Site, user: tuple[str, str]) -> None:
    page.goto(f"{site.base_url}/login")
    page.fill("#username", user[0])
    page.fill("#password", user[1])
    page.press("#password", "Enter")  # the keyboard, not the mouse
    page.wait_for_load_state()
