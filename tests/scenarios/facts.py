"""What the stylised-fact modules share: the suite's seeds and a fact's measure over them."""

SEEDS = tuple(range(1, 11))  # docs/stylised-facts.md reports 20


def values(fact, design: str, measure: str, **kwargs) -> list[float]:
    """``measure`` of ``fact`` for ``design`` on each of the suite's seeds."""
    return [fact(design, seed, **kwargs)[measure] for seed in SEEDS]
