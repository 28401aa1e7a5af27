"""The workspace in a real browser: Chromium (Debian's, headless) driven by Playwright against a served instance."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.workspace_db import PASSWORD, ROOT, copy_workspace

SCREENSHOTS = ROOT / "docs" / "screenshots"
MAX_INTERACTIONS = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerExited(RuntimeError):
    """The server process ended before it answered (e.g. its port was taken meanwhile)."""


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise ServerExited("the workspace server exited")
        try:
            with urllib.request.urlopen(url) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the workspace server did not start")


@pytest.fixture
def server(pipeline_database: tuple[Path, Path], tmp_path: Path) -> Iterator[str]:
    settings, engine = copy_workspace(pipeline_database, tmp_path)
    engine.dispose()
    env = {**os.environ, "TEKSER_DATA_DIR": str(tmp_path), "TEKSER_DATABASE_URL": settings.resolved_database_url,
           "TEKSER_STORAGE_DIR": str(settings.resolved_storage_dir), "PYTHONPATH": str(ROOT)}
    for attempt in range(3):  # the free port may be taken by another test before the server binds it
        port = _free_port()
        process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "tests.web.served_app:app_from_env",
                                    "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                                   cwd=ROOT, env=env)
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/login", process)
            break
        except ServerExited:
            if attempt == 2:
                raise
        except BaseException:
            process.terminate()
            process.wait(timeout=10)
            raise
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                              args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True,
                                  locale="ru-RU")
    yield context.new_page()
    context.close()


def sign_in(page: Page, base: str, login: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")


def _on_document(page: Page) -> bool:
    return re.search(r"/documents/\d+$", page.url.split("?")[0]) is not None


def test_reviewer_clears_the_queue_in_few_interactions(server: str, page: Page) -> None:
    sign_in(page, server, "rev1")
    page.goto(f"{server}/queue")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)
    queued = page.locator("tr.queue-row").count()
    assert queued >= 3
    with page.expect_navigation():
        page.locator("tr.queue-row a.open").first.click()  # interaction 1: open (claims the document)
    interactions, cleared = 1, 0
    page.screenshot(path=str(SCREENSHOTS / "document.png"), full_page=True)
    per_document = []
    while _on_document(page) and cleared <= queued:
        assert page.locator("#approve").is_visible(), page.url
        with page.expect_navigation():
            page.keyboard.press("a")  # approve; lands on the next document
        interactions += 1
        per_document.append(interactions)
        interactions, cleared = 0, cleared + 1
    assert cleared == queued
    assert max(per_document) <= MAX_INTERACTIONS
    assert page.locator("#queue-empty").is_visible()
    print(f"cleared {cleared} documents, interactions per document: {per_document}")


def test_correction_changes_the_credit_units(server: str, page: Page) -> None:
    sign_in(page, server, "rev1")
    page.goto(f"{server}/queue?flag=REGISTRY_MISMATCH")
    rows = page.locator("tr.queue-row a.open")
    for index in range(rows.count()):
        page.goto(f"{server}/queue?flag=REGISTRY_MISMATCH")
        with page.expect_navigation():
            page.locator("tr.queue-row a.open").nth(index).click()
        evidence = page.locator(".flag.sev-high table.evidence tr").nth(1).locator("td")
        if page.locator(".flag.sev-high").count() == 1 and evidence.first.inner_text() == "hours":
            break
    register_hours = evidence.nth(1).inner_text()
    before = page.locator("#doc-units").inner_text()
    page.select_option("#correct-field", "hours")
    page.fill("#correct-value", register_hours.removesuffix(".0"))
    with page.expect_navigation():
        page.click("#correct")
    after = page.locator("#doc-units").inner_text()
    assert float(after) == float(register_hours) != float(before)


def test_appendix2_pdf_matches_the_ledger(server: str, page: Page) -> None:
    sign_in(page, server, "admin")
    page.goto(f"{server}/submissions")
    with page.expect_navigation():
        page.locator("#submissions-table a").first.click()
    total = page.locator("#total-units").inner_text()
    with page.expect_download() as download:
        page.click("#appendix2")
    content = "\n".join(p.extract_text() or "" for p in pdfplumber.open(io.BytesIO(
        Path(download.value.path()).read_bytes())).pages)
    assert f"Total {float(total):g}" in content


@pytest.mark.parametrize(("login", "page_path"), [("op1", "/queue"), ("hr1", "/admin/audit"), ("rev1", "/upload")])
def test_forbidden_page_for_each_role(server: str, page: Page, login: str, page_path: str) -> None:
    sign_in(page, server, login)
    answer = page.goto(f"{server}{page_path}")
    assert answer is not None and answer.status == 403
    assert page.locator("#forbidden").is_visible()


def test_operator_uploads_a_submission_and_follows_it(server: str, page: Page,
                                                      pipeline_database: tuple[Path, Path]) -> None:
    sample = pipeline_database[0].parents[1] / "sample" / "inbox"
    document = next(sample.glob("*/*.pdf"))
    sign_in(page, server, "op1")
    page.goto(f"{server}/upload")
    page.fill("input[name=iin]", "880514450128")
    page.fill("input[name=full_name]", "Жақсыбекова Әйгерім Серікқызы")
    page.fill("input[name=submitted_at]", "2025-11-03")
    page.set_input_files("#files", str(document))
    page.click("#send")
    page.wait_for_url(re.compile(r"/submissions/\d+$"))
    assert page.locator("#documents-table").inner_text().count(document.name) == 1
    assert "8805******28" in page.locator("#iin").inner_text()
