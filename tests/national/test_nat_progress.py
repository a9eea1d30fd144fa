"""The national progress bar counts tasks and person-weeks, and starts from runs done."""

from rich.console import Console

from experiments.national.progress import national_progress
from experiments.sweep.execute import RunOutcome
from experiments.sweep.plan import RunSpec


def _spec(run_id: str, people: int) -> RunSpec:
    return RunSpec(run_id=run_id, design="d", seed=0, replication=0, sample=0, params={},
                   scenario_raw={"population": {"size": people}}, years=1, people=people)


def test_progress_counts_tasks_and_person_weeks():
    runs = [_spec("a", 1_000_000), _spec("b", 2_000_000), _spec("c", 500_000)]
    console = Console(record=True, width=200, force_terminal=False)
    weeks = {"a": 52_000_000, "b": 104_000_000, "c": 26_000_000}
    with national_progress(console, runs, {"a"}, lambda s: weeks[s.run_id], "t") as tick:
        tick(runs[1], RunOutcome("b", True, 1.0))
        tick(runs[2], RunOutcome("c", False, 1.0, error="boom"))
    text = console.export_text()
    # a (done before) and b: 2 of 3 tasks; c failed; 52M + 104M person-weeks simulated
    assert "2/3 tasks" in text and "1 failed" in text and "156.0M person-weeks" in text
