"""The page in a real browser: Debian's Chromium driven by Playwright against `solara run`."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from experiments.serving import SCENARIO_ENV
from tests.app.conftest import DEFAULT_SCENARIO, ROOT, SHARING_DESIGN
from viz.app import initial_settings
from viz.formatting import format_value
from viz.overrides import build_scenario
from viz.session import run_to_end
from viz.settings import PEOPLE_ENV, YEARS_ENV

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(240)]

ARTIFACTS = ROOT / "tests" / "artifacts"
PEOPLE, YEARS = 5000, 2  # small so the whole browser test stays well under two minutes
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, SCENARIO_ENV: str(DEFAULT_SCENARIO), PEOPLE_ENV: str(PEOPLE),
           YEARS_ENV: str(YEARS)}
    log = (ARTIFACTS / "server.log")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "placesim"), "app",
                                 str(DEFAULT_SCENARIO), "--port", str(port)], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            proc.kill()
            pytest.fail(f"the app did not start in 60 s; see {log}")
        yield url
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make browser-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--disable-dev-shm-usage", "--disable-gpu"])
        yield b
        b.close()


def open_page(browser, url):
    page = browser.new_context(viewport={"width": 1500, "height": 1100}).new_page()
    page.goto(url)
    page.get_by_text("Press Run to simulate").wait_for(timeout=30_000)
    return page


def choose(page, label, option):
    page.get_by_label(label, exact=True).click(force=True)
    page.locator(".v-menu__content .v-list-item", has_text=option).first.click()


def headline_values(page) -> dict[str, str]:
    cells = page.locator("td.headline-value")
    return {cells.nth(i).get_attribute("data-key"): cells.nth(i).inner_text()
            for i in range(cells.count())}


# A cheap digest of each chart image's bytes, read back from the page itself.
DIGEST_JS = """els => Promise.all(els.map(async e => {
    const bytes = new Uint8Array(await (await fetch(e.src)).arrayBuffer());
    let h = 0;
    for (let i = 0; i < bytes.length; i++) { h = (h * 31 + bytes[i]) >>> 0; }
    return [bytes.length, h];
}))"""


def image_digests(page) -> list:
    return page.locator("img").evaluate_all(DIGEST_JS)


def expected_headline(raw, **changes) -> dict[str, str]:
    settings = replace(initial_settings(raw), people=PEOPLE, years=YEARS, **changes)
    outcome = run_to_end(build_scenario(raw, settings), settings)
    return {k: format_value(k, v) for k, v in outcome.headline.items()}


def test_change_design_and_slider_run_and_read_the_models_numbers(server, browser, raw):
    page = open_page(browser, server)
    page.get_by_role("button", name="Run", exact=True).click()
    page.locator("td.headline-value").first.wait_for(timeout=60_000)
    before = headline_values(page)
    images_before = image_digests(page)
    page.screenshot(path=str(ARTIFACTS / "01-first-run.png"), full_page=True)

    choose(page, "Design", SHARING_DESIGN)
    slider = page.locator(".v-input", has_text="NEL demand growth per year").locator(
        ".v-slider__thumb-container")
    slider.focus()
    for _ in range(4):  # 4 steps of 0.005 from the file's 0.0
        page.keyboard.press("ArrowRight")
    page.get_by_text("Settings changed since the last run").wait_for(timeout=10_000)
    assert page.locator("td.headline-value").count() == 0, "stale figures must not show"

    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_text(f"Design {SHARING_DESIGN}").wait_for(timeout=60_000)
    page.locator("td.headline-value").first.wait_for(timeout=60_000)
    after = headline_values(page)
    page.screenshot(path=str(ARTIFACTS / "02-after-design-and-slider.png"), full_page=True)

    growth = raw.get("demand", {}).get("nel_demand_growth_per_year", 0.0) + 4 * 0.005
    expected = expected_headline(raw, design=SHARING_DESIGN, demand_growth_per_year=round(
        growth, 3))
    assert after == expected
    assert after != before
    images_after = image_digests(page)
    assert len(images_after) == 5 and all(n > 10_000 for n, _ in images_after)
    assert all(a != b for a, b in zip(images_before, images_after, strict=True))
    assert page.get_by_text("The gain/loss pool and its distribution").count() == 1


def test_a_second_session_keeps_its_own_state(server, browser):
    first = open_page(browser, server)
    choose(first, "Design", "block")
    first.get_by_role("button", name="Run", exact=True).click()
    first.get_by_text("Design block").wait_for(timeout=60_000)

    second = open_page(browser, server)
    second.screenshot(path=str(ARTIFACTS / "03-second-session.png"), full_page=True)
    assert second.get_by_text("Press Run to simulate").count() == 1
    assert second.locator("td.headline-value").count() == 0
    assert "block" not in second.get_by_label("Design", exact=True).input_value()
    assert first.locator("td.headline-value").count() > 0


def test_an_impossible_proportion_shows_a_message_and_the_server_lives_on(server, browser):
    page = open_page(browser, server)
    choose(page, "Design", SHARING_DESIGN)
    box = page.get_by_label("Proportion to icb (0-1, all add to 1)")
    box.fill("1.5")
    page.get_by_text("These settings cannot be run").wait_for(timeout=10_000)
    assert page.get_by_text("less than or equal to 1").count() >= 1
    assert page.get_by_role("button", name="Run", exact=True).is_disabled()
    page.screenshot(path=str(ARTIFACTS / "04-bad-proportion.png"), full_page=True)
    again = open_page(browser, server)  # a new session still loads: the server did not crash
    assert again.get_by_text("Press Run to simulate").count() == 1


def test_compare_mode_shows_both_designs_with_differences_highlighted(server, browser):
    page = open_page(browser, server)
    page.get_by_role("button", name="Compare designs").click()
    page.locator("table.compare").wait_for(timeout=60_000)
    header = page.locator("table.compare tr").first.inner_text()
    assert "activity_based" in header and "block" in header
    # the two designs pay providers differently on the same seed: some surplus must differ
    assert page.locator("table.compare tr.changed").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "05-compare.png"), full_page=True)
