"""A press of Run in the worker pool: every chart, in page order, for each design."""

import pytest

from experiments.names import all_names
from viz.components.views import ORDER, chart_specs
from viz.ensemble import Ensemble
from viz.overrides import build_scenario
from viz.pipeline import run_and_draw
from viz.replicate import ReplicaPool
from viz.session import RunCancelled, run_to_end
from viz.settings import RunSettings

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def pool():
    started = ReplicaPool(workers=2)
    yield started
    started.shutdown()


@pytest.mark.slow  # starts two worker processes
def test_run_and_draw_gives_each_design_its_runs_and_charts(pool, raw):
    names = all_names(raw)
    a = RunSettings(design="capitation_gain_loss", seed=7, people=1000, years=1,
                    replications=3)
    b = RunSettings(design="block", seed=7, people=1000, years=1, replications=3)
    ended = []
    (ens_a, charts_a), (ens_b, charts_b) = run_and_draw(
        pool, [(build_scenario(raw, a), a), (build_scenario(raw, b), b)], names,
        on_runs_done=lambda: ended.append(True))
    assert ended == [True]
    assert [run.settings.seed for run in ens_a.runs] == [7, 8, 9]  # the same seeds for both
    assert [run.settings.design for run in ens_b.runs] == ["block"] * 3
    # the pool's runs are the runs this process makes with the same settings
    here = run_to_end(build_scenario(raw, a), a)
    assert ens_a.first.headline == here.headline
    for ensemble, charts in ((ens_a, charts_a), (ens_b, charts_b)):
        expected = chart_specs(Ensemble(ensemble.settings, ensemble.runs), names)
        # the default place has no integrated provider, so no service-lines chart
        assert [c.filename for c in charts] == [
            f"{ensemble.settings.design}-{slug}.png" for slug in ORDER
            if slug != "service-lines"]
        assert [(c.title, c.caption) for c in charts] == [(t, cap) for t, _, _, cap, _ in
                                                          expected]
        assert all(c.png.startswith(PNG_SIGNATURE) for c in charts)
        assert sum("(first replication)" in c.title for c in charts) == 5  # all but outcomes


@pytest.mark.slow
def test_a_cancelled_press_draws_nothing(pool, raw):
    s = RunSettings(design="block", seed=1, people=1000, years=1, replications=1)
    with pytest.raises(RunCancelled):
        run_and_draw(pool, [(build_scenario(raw, s), s)], all_names(raw),
                     is_cancelled=lambda: True)
