"""The model as a Mesa model: its step runs ``PHASES`` in order, it stops at its horizon,
and it pickles mid-run and carries on to the same results."""

import pickle

import pytest
from pandas.testing import assert_frame_equal

import sim.model.model as model_module
from agents.provider import Provider
from sim.model import CareSystemModel
from tests.core.helpers import scenario_with

# Quarters end with the weeks whose next week starts month 3, 6, 9 or 12 of the year:
# (w + 1) * 12 // 52 reaches 3 at w = 12, 6 at w = 25, 9 at w = 38; the year ends at 51.
QUARTER_ENDS = (12, 25, 38, 51)


def _traced_model(monkeypatch, calls: list) -> CareSystemModel:
    """A one-year model whose phases, and the work inside them, log what ran and when."""
    def trace(owner, name, label):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            model = args[0] if isinstance(args[0], CareSystemModel) else None
            calls.append((model.week if model else None, label))
            return original(*args, **kwargs)
        monkeypatch.setattr(owner, name, wrapper)

    for phase in CareSystemModel.PHASES:
        trace(CareSystemModel, f"phase_{phase}", phase)
    # The work inside the phases that only some weeks do.
    for name, label in (("post_month", "paid"), ("close_year", "closed year")):
        trace(model_module, name, label)
    for name, label in (("observe", "observed"), ("decide", "decided")):
        trace(Provider, name, label)
    return CareSystemModel(scenario_with(), "capitation_gain_loss", rng=3, people=3_000,
                           years=1)


def test_step_runs_the_phases_in_the_order_of_phases(monkeypatch):
    calls: list = []
    model = _traced_model(monkeypatch, calls)
    for _ in range(3):
        calls.clear()
        week = model.week
        model.step()
        phases = [label for _, label in calls if label in CareSystemModel.PHASES]
        assert tuple(phases) == CareSystemModel.PHASES, week


def test_a_quarter_reviews_before_deciding_and_a_year_end_pays_before_the_annual_round(
        monkeypatch):
    calls: list = []
    model = _traced_model(monkeypatch, calls)
    weeks: dict[int, list[str]] = {}
    for _ in range(52):
        calls.clear()
        week = model.week
        model.step()
        weeks[week] = [label for _, label in calls]
    providers = len(model.providers)
    for week in QUARTER_ENDS:
        work = [label for label in weeks[week] if label not in CareSystemModel.PHASES]
        head = ["paid", *["observed"] * providers, *["decided"] * providers]
        assert work[:len(head)] == head, week
    assert [label for label in weeks[51] if label in ("paid", "closed year")] == [
        "paid", "closed year"]
    assert weeks[51].index("annual") > weeks[51].index("pay")
    # Every week each provider looks (its own cadence says whether it sees anything);
    # outside quarter ends nobody decides, and the year closes only once.
    others = [w for w in weeks if w not in QUARTER_ENDS]
    assert all(weeks[w].count("observed") == providers for w in weeks)
    assert not any("decided" in weeks[w] for w in others)
    assert sum(labels.count("closed year") for labels in weeks.values()) == 1


def test_the_model_stops_running_at_its_horizon():
    model = CareSystemModel(scenario_with(), "block", rng=1, people=2_000, years=1)
    steps = 0
    while model.running and steps < 1_000:
        model.step()
        steps += 1
    assert steps == 52 and model.week == 52
    assert len(model.datacollector.get_model_vars_dataframe()) == 52


def test_no_seed_gives_a_fresh_one_each_time_and_records_it():
    a, b = (CareSystemModel(scenario_with(), "block", rng=None, people=2_000, years=1)
            for _ in range(2))
    assert a.seed_label != b.seed_label
    assert CareSystemModel(scenario_with(), "block", rng=5, people=2_000).seed_label == 5
    for model in (a, b):
        model.run(years=1)
    # The week-by-week series, not the year's total: two fresh seeds can share a total at
    # 2,000 people, but 52 weeks' counts agreeing by chance is out of reach.
    weekly = [m.results().system_weekly["admissions"].to_list() for m in (a, b)]
    assert weekly[0] != weekly[1]


@pytest.mark.slow
def test_pickled_mid_run_the_model_carries_on_to_identical_results():
    def build():
        return CareSystemModel(scenario_with(), "capitation_gain_loss", rng=11, people=5_000,
                               years=2)

    whole = build()
    whole.run()
    interrupted = build()
    for _ in range(60):  # past the first settlement, into the second year
        interrupted.step()
    resumed = pickle.loads(pickle.dumps(interrupted))
    resumed.run()  # on to the horizon
    assert resumed.week == whole.week == 104 and not resumed.running
    expected, got = whole.results(), resumed.results()
    assert not expected.settlements.empty and not expected.decisions.empty
    for name, frame in expected.tables().items():
        assert_frame_equal(got.tables()[name], frame, check_exact=True, obj=name)
    assert got.meta == expected.meta
