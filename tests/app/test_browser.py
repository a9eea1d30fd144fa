"""The page in a real browser: Debian's Chromium driven by Playwright against `placesim app`.

Each test reads what a person sees (text, widths, highlighted rows) and checks it against
the model run in this process with the same settings.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from experiments.names import all_names
from experiments.serving import SCENARIO_ENV
from tests.app.conftest import DEFAULT_SCENARIO, ROOT, SHARING_DESIGN, SHARING_DESIGN_NAME
from tests.app.processes import children, wait_gone
from viz.app import initial_settings
from viz.compare import compare_ensembles
from viz.components.influence_view import BUTTON
from viz.ensemble import Ensemble
from viz.formatting import format_interval, label
from viz.influence import INFLUENCE_PEOPLE_ENV, measure, plan_for, shapley_rows
from viz.overrides import build_scenario
from viz.replicate import replica_settings
from viz.session import run_to_end
from viz.settings import PEOPLE_ENV, YEARS_ENV

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(300)]

ARTIFACTS = ROOT / "tests" / "artifacts"
PEOPLE, YEARS = 5000, 2  # small so the whole browser test stays well under two minutes
INFLUENCE_PEOPLE = 1000  # the influence panel's 74 runs, tiny
MIN_TRACK_PX = 160
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, SCENARIO_ENV: str(DEFAULT_SCENARIO), PEOPLE_ENV: str(PEOPLE),
           YEARS_ENV: str(YEARS), INFLUENCE_PEOPLE_ENV: str(INFLUENCE_PEOPLE)}
    out = log.open("w")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "placesim"), "app",
                             str(DEFAULT_SCENARIO), "--port", str(port)], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    pytest.fail(f"the app did not start in 60 s; see {log}")


@pytest.fixture(scope="module")
def server():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    proc, url = start_app(ARTIFACTS / "server.log")
    yield url
    family = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert not wait_gone(family), "the app left a process running after SIGTERM"


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


@pytest.fixture
def open_page(browser):
    """Opens pages on the module's one server; each test's pages are closed after it, so
    their sessions do not hold the server's memory through the later tests."""
    contexts = []

    def open_one(url, width=1500):
        context = browser.new_context(viewport={"width": width, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.get_by_text("Press Run to simulate").wait_for(timeout=60_000)
        return page

    yield open_one
    for context in contexts:
        context.close()


def choose(page, label_text, option):
    page.get_by_label(label_text, exact=True).click(force=True)
    page.locator(".v-menu__content .v-list-item", has_text=option).first.click()


def headline_values(page) -> dict[str, str]:
    cells = page.locator("td.headline-value")
    return {cells.nth(i).get_attribute("data-key"): cells.nth(i).inner_text()
            for i in range(cells.count())}


def ensemble(raw, **changes) -> Ensemble:
    settings = replace(initial_settings(raw), people=PEOPLE, years=YEARS, **changes)
    scenario = build_scenario(raw, settings)
    return Ensemble(settings, [run_to_end(scenario, s) for s in replica_settings(settings)])


def expected_headline(raw, **changes) -> dict[str, str]:
    return {k: format_interval(k, v.mean, v.low, v.high)
            for k, v in ensemble(raw, **changes).figures().items()}


def slider_readings(page) -> list[tuple[str, str, float]]:
    """(label, value shown, track width in px) for every slider on the page."""
    return page.locator(".number-slider").evaluate_all("""els => els.map(e => [
        e.querySelector('.slider-label').innerText, e.querySelector('.slider-value').innerText,
        e.querySelector('.v-slider').getBoundingClientRect().width])""")


def test_sliders_read_and_set_and_a_bad_share_is_said_once(server, open_page, raw):
    page = open_page(server, width=1280)
    choose(page, "Design", SHARING_DESIGN_NAME)
    page.get_by_text("Share of the pool to each party").wait_for(timeout=10_000)
    readings = slider_readings(page)
    page.screenshot(path=str(ARTIFACTS / "01-controls-1280.png"), full_page=True)
    assert len(readings) >= 10  # years, demand, scheme, transparency, 2 per organisation, ...
    narrow = [(name, width) for name, _, width in readings if width < MIN_TRACK_PX]
    assert not narrow, f"tracks narrower than {MIN_TRACK_PX} px at 1280 px: {narrow}"
    assert all(value.strip() for _, value, _ in readings)
    shown = {name: value for name, value, _ in readings}
    assert shown["NEL demand growth per year"] == "0.0%"  # the file says 0.0

    box = page.get_by_label("NEL demand growth per year", exact=True)
    box.fill("2")
    page.locator(".slider-value", has_text="2.0%").first.wait_for(timeout=10_000)
    assert dict((n, v) for n, v, _ in slider_readings(page))["NEL demand growth per year"] \
        == "2.0%"

    names = all_names(raw)
    icb = page.get_by_label(f"Share to {names['icb']}", exact=True)
    icb.fill("150")
    page.get_by_text("Must be between 0.0% and 100.0%").wait_for(timeout=10_000)
    icb.fill("50")  # file shares: icb 20, council 10, acute 30, community 20, social care 20
    page.get_by_text("The shares add to 130%").wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "02-bad-share.png"), full_page=True)
    # the page redraws the results column a moment after the controls
    page.get_by_text("Press Run to simulate").wait_for(state="detached", timeout=10_000)
    assert page.get_by_text("The shares add to 130%").count() == 1
    assert page.get_by_text("must add to 100%").count() == 1
    assert page.get_by_text("Press Run to simulate").count() == 0
    assert page.get_by_text("fixed_proportions").count() == 0  # no field paths
    assert page.get_by_role("button", name="Run", exact=True).is_disabled()

    icb.fill("20")
    page.get_by_role("button", name="Run", exact=True).click()
    page.locator("td.headline-value").first.wait_for(timeout=90_000)
    got = headline_values(page)
    page.screenshot(path=str(ARTIFACTS / "03-run-with-typed-value.png"), full_page=True)
    # icb back at the file's 20%: the agreement is the file's own
    expected = expected_headline(raw, design=SHARING_DESIGN, demand_growth_per_year=0.02)
    assert got == expected


def test_compare_highlights_only_real_differences_then_run_and_step(server, open_page, raw):
    page = open_page(server)
    # the capitation design's pool moves money between parties on every seed
    choose(page, "Compare with design", SHARING_DESIGN_NAME)
    page.get_by_role("button", name="Compare designs").click()
    page.locator("table.compare").wait_for(timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "04-compare.png"), full_page=True)
    table = compare_ensembles(ensemble(raw), ensemble(raw, design=SHARING_DESIGN))
    names = all_names(raw)
    rows = page.locator("table.compare tr")
    seen = {}
    for i in range(1, rows.count()):
        cells = rows.nth(i).locator("td")
        seen[cells.nth(0).inner_text()] = (rows.nth(i).get_attribute("class"),
                                           cells.nth(3).inner_text())
    expected = {label(r.figure, names): "changed" if r.changed else "same"
                for r in table.itertuples()}
    assert {k: v[0] for k, v in seen.items()} == expected
    assert 0 < list(expected.values()).count("changed") < len(expected)
    assert all(text == "can't be told from none" for css, text in seen.values()
               if css == "same")

    page.get_by_role("button", name="Run", exact=True).click()
    page.locator("table.headline").wait_for(timeout=90_000)
    assert page.locator("table.compare").count() == 0  # Run shows its own results

    page.get_by_role("button", name="Step a quarter").click()
    page.get_by_text("already reach the last week").wait_for(timeout=10_000)
    page.get_by_role("button", name="Reset").click()
    page.get_by_text("Press Run to simulate").wait_for(timeout=10_000)
    page.get_by_role("button", name="Step a quarter").click()
    page.get_by_text("13 of 104 weeks run").wait_for(timeout=60_000)
    labels = page.locator("td.headline-label").all_inner_texts()
    page.screenshot(path=str(ARTIFACTS / "05-step.png"), full_page=True)
    assert any("so far (13 weeks" in text for text in labels)
    assert not any("(final year)" in text for text in labels)


def test_a_second_session_keeps_its_own_state(server, open_page):
    first = open_page(server)
    choose(first, "Design", "Block contracts")
    first.get_by_role("button", name="Step a quarter").click()
    first.get_by_text("Block contracts").first.wait_for(timeout=60_000)
    first.locator("td.headline-value").first.wait_for(timeout=60_000)
    second = open_page(server)
    assert second.locator("td.headline-value").count() == 0
    assert "Block" not in second.locator(".v-select__selection").first.inner_text()
    assert first.locator("td.headline-value").count() > 0


def test_a_control_low_on_the_page_hides_results_with_the_notice_in_view(server, open_page):
    page = open_page(server)
    # A quarter's results hide and come back as a full run's do (the same result key), at
    # a fraction of the cost.
    page.get_by_role("button", name="Step a quarter").click()
    page.locator("td.headline-value").first.wait_for(timeout=90_000)
    box = page.get_by_label("Home from Hospital (voluntary): trust", exact=True)
    box.scroll_into_view_if_needed()
    shown = box.input_value()
    box.fill("0.1")
    notice = page.get_by_text("Settings changed since these results")
    notice.wait_for(timeout=10_000)
    top = notice.bounding_box()["y"]
    assert 0 <= top <= page.viewport_size["height"], "the notice must be in view"
    # the results column is redrawn a moment after the notice appears
    page.locator("td.headline-value").first.wait_for(state="detached", timeout=10_000)
    assert page.locator("td.headline-value").count() == 0
    page.screenshot(path=str(ARTIFACTS / "06-stale-notice.png"))
    box.fill(shown)  # back to the value of the run: its results come back
    page.locator("td.headline-value").first.wait_for(timeout=10_000)
    assert notice.count() == 0


@pytest.mark.timeout(480)  # 2 × 74 small runs (here and on the page)
def test_the_influence_panel_measures_the_design_on_show(server, open_page, raw):
    page = open_page(server)
    choose(page, "Design", SHARING_DESIGN_NAME)
    page.get_by_label("Years", exact=True).fill("1")  # the measurement runs the page's years
    page.get_by_text("people simulated, 1 year(s)").wait_for(timeout=10_000)
    button = page.get_by_role("button", name=BUTTON)
    button.wait_for(timeout=10_000)
    settings = replace(initial_settings(raw), design=SHARING_DESIGN, people=PEOPLE, years=1)
    scenario = build_scenario(raw, settings)
    plan = plan_for(raw, scenario, settings, str(DEFAULT_SCENARIO), INFLUENCE_PEOPLE)
    button.click()
    # Progress shows while the page measures (checked before the in-process measurement,
    # which can outlast the page's own and the progress with it).
    page.get_by_text("Measuring influence… run").wait_for(timeout=60_000)
    # The same measurement in this process, while the page's runs go on.
    with ThreadPoolExecutor(1) as pool:
        expected = measure(plan, SHARING_DESIGN, pool)
    page.locator("table.shapley").wait_for(timeout=240_000)
    page.screenshot(path=str(ARTIFACTS / "07-influence.png"), full_page=True)
    cells = page.locator("td.shapley-value")
    seen = {cells.nth(i).get_attribute("data-party"): float(cells.nth(i).get_attribute(
        "data-value")) for i in range(cells.count())}
    names = all_names(raw)
    rows = shapley_rows(expected, names)
    assert seen == pytest.approx(dict(zip(rows["party"], rows["shapley_gbp"], strict=True)))
    assert set(seen) == {"icb", "council", "acute", "community", "social_care", "all"}
    shown_names = page.locator("table.shapley th").all_inner_texts()
    assert names["acute"] in shown_names and "acute" not in shown_names
    heatmap = page.locator(".v-card", has_text="Who has the influence?").locator("img")
    assert heatmap.count() == 1 and heatmap.evaluate("img => img.naturalWidth") > 0
