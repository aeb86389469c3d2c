"""Debian's chromium for the browser tests: headless, offline (any request to the outside fails)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pytests.support.paths import PROJECT_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
SCREENSHOTS = PROJECT_DIR / "screenshots"


def require_chromium() -> None:
    """Fail (not skip) without chromium: the browser tests are part of the suite."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test-deps` (installs Debian's chromium) to run the browser test")


def outside_blocker(outside_requests: list[str]) -> Callable[[Any], None]:
    """A playwright route handler: local files load, any other request is recorded and aborted."""

    def block_outside(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort()

    return block_outside
