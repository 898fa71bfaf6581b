"""End to end in headless Chromium: the documents page of ``plany serve``, its search box, a facet, a review page.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and
selenium (the ``test`` extra).  Set ``PLANY_SCREENSHOTS=DIR`` to keep screenshots of the pages.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import pytest

pytest.importorskip("datasette")

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)

if not CHROMIUM:
    pytest.skip("no Chromium (/usr/bin/chromium): apt-get install chromium chromium-driver", allow_module_level=True)
if not CHROMEDRIVER:
    pytest.skip("no chromedriver (/usr/bin/chromedriver): apt-get install chromium-driver", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from test_serve import Server, build_db, free_port  # noqa: E402

WAIT = 30


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("browser") / "plany.db")
    srv = Server(db, free_port())
    try:
        srv.wait()
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="plany-chromium-")
    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1400"):
        opts.add_argument(flag)
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shot(drv, name: str, tmp_path: Path) -> None:
    out = os.environ.get("PLANY_SCREENSHOTS")
    path = Path(out) if out else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(path / f"{name}.png"))


def row_count(drv) -> int:
    return len(drv.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr"))


def test_search_and_facet(server, browser, tmp_path):
    drv = browser
    drv.get(server.base + "plany/documents")
    WebDriverWait(drv, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns")))
    assert "Dokumenty / Documents" in drv.title or "Dokumenty" in drv.page_source
    all_rows = row_count(drv)
    assert all_rows >= 40
    # facets are shown: threat category with Polish names, doc type, year
    facets = drv.find_element(By.CSS_SELECTOR, ".facet-results").text
    assert "threat category" in facets and "doc_type" in facets and "year" in facets
    shot(drv, "documents", tmp_path)

    # the search box: an inflected form with Polish letters
    box = drv.find_element(By.ID, "_search")
    box.clear()
    box.send_keys("Łańcucie")
    box.submit()
    WebDriverWait(drv, WAIT).until(lambda d: "_search=" in d.current_url)
    WebDriverWait(drv, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns")))
    found = row_count(drv)
    assert 0 < found < all_rows
    assert "Łańcut" in drv.find_element(By.CSS_SELECTOR, "table.rows-and-columns").text
    assert drv.find_element(By.ID, "_search").get_attribute("value") == "Łańcucie"
    shot(drv, "search", tmp_path)

    # clear the search, then apply a facet by clicking one of its values
    drv.get(server.base + "plany/documents")
    WebDriverWait(drv, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".facet-results")))
    link = None
    for a in drv.find_elements(By.CSS_SELECTOR, ".facet-info a"):
        href = a.get_attribute("href") or ""
        if "_threat=" in href:
            link = a
            break
    assert link is not None, "no threat facet value to click"
    code = urllib.parse.parse_qs(urllib.parse.urlparse(link.get_attribute("href")).query)["_threat"][0]
    link.click()
    WebDriverWait(drv, WAIT).until(lambda d: "_threat=" in d.current_url)
    WebDriverWait(drv, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns")))
    filtered = row_count(drv)
    assert 0 < filtered < all_rows
    assert f'threat category is "{code}"' in drv.page_source
    shot(drv, "facet", tmp_path)

    # the title of a row opens its review page, with highlights
    first = drv.find_element(By.CSS_SELECTOR, "table.rows-and-columns tbody tr td.col-title a")
    first.click()
    WebDriverWait(drv, WAIT).until(lambda d: "/-/review/" in d.current_url)
    WebDriverWait(drv, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#doc mark.hl")))
    assert drv.find_elements(By.CSS_SELECTOR, "mark.f-threats")
    shot(drv, "review", tmp_path)
