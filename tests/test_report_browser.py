"""The HTML review page in a real browser: Debian's chromium driven by Selenium.

The browser comes from the project's set-up (`make browser`, apt's chromium and
chromium-driver); nothing is downloaded by the test.  The screenshot is saved under
tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.io import read_jsonl
from extract.report import write_report
from extract.views import entities

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                                reason="chromium/chromedriver missing: run `make browser`")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000",
                 f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_report_highlights_and_filters(browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.ui import Select

    assert isinstance(browser, WebDriver)
    records = read_jsonl(ROOT / "out" / "seeds.jsonl")
    page = tmp_path / "report.html"
    write_report(records, page)
    browser.get(page.as_uri())

    # Highlights: every person mention is a visible, coloured span carrying its value.
    people = browser.find_elements(By.CSS_SELECTOR, "article .xt-ent.xt-k-person")
    expected = {e.value for r in records for e in entities(r, "person")}
    assert expected and {p.get_attribute("data-value") for p in people} == expected
    bg = people[0].value_of_css_property("background-color")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    # Overlaps stay readable: an organization inside a title is its own highlighted span
    # nested in the title's, each with its hover text.
    nested = browser.find_elements(By.CSS_SELECTOR, ".xt-k-title .xt-k-org")
    assert nested and all(n.get_attribute("title").startswith("org: ") for n in nested)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report.png"))
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000

    # Kind filter: unticking "person" removes the highlight and the table rows.
    browser.find_element(By.CSS_SELECTOR, ".kind-filter[value='person']").click()
    assert people[0].value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)",
                                                                  "transparent")
    assert not any(r.is_displayed() for r in browser.find_elements(By.CSS_SELECTOR,
                                                                   "tr.row-person"))
    dates = browser.find_elements(By.CSS_SELECTOR, "tr.row-date")
    assert dates and all(d.is_displayed() for d in dates)

    # Document filter: only the chosen article and its rows stay visible.
    chosen = records[1].doc_id
    Select(browser.find_element(By.ID, "doc-filter")).select_by_value(chosen)
    shown = [a.get_attribute("data-doc") for a in
             browser.find_elements(By.TAG_NAME, "article") if a.is_displayed()]
    assert shown == [chosen]
    rows = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr[data-doc]")
            if r.is_displayed()]
    assert rows and {r.get_attribute("data-doc") for r in rows} == {chosen}
    browser.save_screenshot(str(ARTIFACTS / "report-filtered.png"))
