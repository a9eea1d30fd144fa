"""The stylised-fact document counts, per direction, the seeds it holds in."""

from experiments import stylised_facts as sf


def _silo(values_by_design):
    return {design: {"silo_index": value} for design, value in values_by_design.items()}


def test_direction_counts_count_seeds_where_the_claim_holds():
    # Three seeds built by hand: activity-based above capitation on seeds 1 and 3 only;
    # block above capitation on seed 1 only; every index >= 0 on seeds 1 and 2 only.
    by_seed = {
        1: _silo({"activity_based": 0.02, "block": 0.01, "capitation_gain_loss": 0.0,
                  "blended": 0.0}),
        2: _silo({"activity_based": 0.01, "block": 0.01, "capitation_gain_loss": 0.03,
                  "blended": 0.0}),
        3: _silo({"activity_based": 0.01, "block": -0.01, "capitation_gain_loss": 0.0,
                  "blended": 0.0}),
    }
    counts = {claim: (held, n) for claim, held, n in sf.direction_counts(by_seed,
                                                                          "5 silo index")}
    assert counts == {"activity-based silo index above capitation's": (2, 3),
                      "block silo index above capitation's": (1, 3),
                      "every design's silo index is at least 0": (2, 3)}


def test_document_states_seeds_and_counts_without_running_the_model(monkeypatch):
    monkeypatch.setattr(sf, "FACTS", {"5 silo index": None})
    measures = {"5 silo index": {
        seed: _silo({d: float(seed) for d in sf.DESIGNS}) for seed in (1, 2, 3, 4)}}
    text = sf.document(measures, range(1, 5))
    assert "over seeds 1–4 (4 seeds)" in text
    assert "3 degrees of freedom" in text
    # Equal indices: "above capitation" holds in no seed, "at least 0" in all four.
    assert "| 5 silo index | block silo index above capitation's | 0 of 4 |" in text
    assert "| 5 silo index | every design's silo index is at least 0 | 4 of 4 |" in text


def test_measures_are_gathered_per_fact_then_seed(monkeypatch):
    monkeypatch.setattr(sf, "FACTS", {"a": None, "b": None})
    monkeypatch.setattr(sf, "_one_seed", lambda seed, names: {
        n: {"d": seed if n == "a" else -seed} for n in names})
    assert sf.measures_over([3, 1]) == {"a": {3: {"d": 3}, 1: {"d": 1}},
                                        "b": {3: {"d": -3}, 1: {"d": -1}}}
