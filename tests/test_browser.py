"""Tested as a person would: real headless Chromium reads the report from disk and uses the app.

Skips when Chromium, its driver or selenium is missing (scripts/install-browser.sh installs them).
Everything stays on 127.0.0.1: the app listens there and Chromium runs with its background
networking off.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium (pip install storyline[test])")
uvicorn = pytest.importorskip("uvicorn", reason="browser tests need uvicorn")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from storyline import report  # noqa: E402
from test_report import sample_contract  # noqa: E402
from test_web import open_app  # noqa: E402

CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).exists()), None)
DRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and Path(p).exists()), None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium found (run scripts/install-browser.sh)"),
    pytest.mark.skipif(DRIVER is None, reason="no chromedriver found (run scripts/install-browser.sh)"),
]
# Each payload would change the page title, or open a dialog, if it ever ran.
PAYLOAD = ("<script>document.title='pwned';window.pwned=1</script><img src=x onerror=\"alert('pwned')\">"
           "<a href=\"javascript:alert('pwned')\">x</a><svg onload=\"document.title='pwned'\"></svg><div><p>unclosed")
SHOTS = Path(tempfile.gettempdir()) / "storyline-screenshots"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1800"):
        options.add_argument(flag)
    # The driver path is given, so selenium never looks for (or downloads) a driver of its own.
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on 127.0.0.1 on a free port, served by uvicorn in a thread."""
    app = open_app(tmp_path_factory.mktemp("app"), [PAYLOAD, "plain", "another plain"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def assert_nothing_ran(driver, title):
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.title == title
    assert driver.execute_script("return window.pwned === undefined")


def test_report_from_disk_shows_every_part_and_runs_nothing(browser, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(report.render(sample_contract(PAYLOAD)), encoding="utf-8")
    browser.get(path.as_uri())
    assert_nothing_ran(browser, "storyline report — 3 articles")
    assert browser.find_element(By.ID, "n-articles").text == "3"
    chart = browser.find_element(By.ID, "timeline-chart")
    assert chart.size["width"] > 600 and len(chart.find_elements(By.CSS_SELECTOR, "circle.marker")) == 2
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.card")) == 3
    assert browser.find_element(By.CSS_SELECTOR, ".text mark.quote").text == "We will keep it"
    assert browser.find_element(By.ID, "stance-matrix").is_displayed()
    assert "<script>" in browser.find_element(By.ID, "a-a1").text  # shown as text, not run
    browser.save_screenshot(str(SHOTS / "report.png"))


def test_app_pages_work_and_run_nothing(browser, server):
    for path, title, element in [("/", "Overview — storyline", "n-articles"), ("/articles", "Articles — storyline", "result-count"),
                                 ("/add", "Add articles — storyline", None), ("/events", "Timeline — storyline", None)]:
        browser.get(server + path)
        assert_nothing_ran(browser, title)
        if element:
            assert browser.find_element(By.ID, element).text
    assert browser.find_element(By.TAG_NAME, "h1").text == "Timeline"


def test_searching_like_a_reader(browser, server):
    browser.get(server + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("ceasefire")
    box.submit()
    assert browser.current_url.startswith(server + "/articles?q=ceasefire")
    assert browser.find_element(By.ID, "result-count").text.startswith("3 matches")
    assert browser.find_elements(By.CSS_SELECTOR, "li.hit mark")
    browser.save_screenshot(str(SHOTS / "search.png"))
    hostile = next(a for a in browser.find_elements(By.CSS_SELECTOR, "li.hit a") if "pwned" in a.text)
    hostile.click()
    assert_nothing_ran(browser, browser.find_element(By.TAG_NAME, "h3").text + " — storyline")
    assert browser.find_element(By.CSS_SELECTOR, "article.card").is_displayed()
    browser.save_screenshot(str(SHOTS / "article.png"))


def test_pasting_an_article_through_the_form(browser, server):
    browser.get(server + "/add")
    browser.find_element(By.NAME, "title").send_keys("Zeppelin lands in Kallmora")
    browser.find_element(By.NAME, "text").send_keys("A zeppelin landed in Kallmora on Tuesday, officials said. " * 3)
    browser.find_element(By.CSS_SELECTOR, "form[action='/add/text'] button").click()
    # Adding runs ingest and the analysis stages before the answer page loads: wait for it.
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 120, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda b: b.find_element(By.TAG_NAME, "h1").text != "Add articles"
    )
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("1 added")
    browser.find_element(By.CSS_SELECTOR, "#added a").click()
    assert browser.find_element(By.TAG_NAME, "h3").text == "Zeppelin lands in Kallmora"
