"""Page weight as a reader pays for it: the built site served with gzip, as a CDN would, and a
count of every byte the server sends while a new visitor opens one page.

Used by tests/test_page_weight.py (the budget, in `make test`) and benchmarks/bench.py
(`make bench`, which writes the figures to benchmarks/RESULTS.md)."""

from __future__ import annotations

from playwright.sync_api import Browser

from servers import Transfer, TransferLog

# The page-weight budget: a first view, banner shown, at most 80 kB on the wire.
BUDGET_BYTES = 80_000


def first_view(browser: Browser, base_url: str, path: str, log: TransferLog,
               block_other_hosts: bool = False) -> list[Transfer]:
    """Open `path` as a new visitor (empty cache, no cookies) and return every response it cost.
    `block_other_hosts` refuses requests to other hosts (the plain Material baseline links Google
    Fonts, which an offline machine cannot reach)."""
    log.take()
    context = browser.new_context()
    try:
        if block_other_hosts:
            context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
        page = context.new_page()
        # Network idle: no request for half a second, so that anything started late (a worker, a
        # lazy script) is counted too.
        page.goto(base_url + path, wait_until="networkidle")
    finally:
        context.close()
    return log.take()


def total(transfers: list[Transfer]) -> int:
    return sum(t.wire_bytes for t in transfers)
