"""What ``placesim plan`` writes: the scenario with the derived values set, and how.

The file keeps every value of the input except the derived ones, and opens with a comment
that says how they were derived (design, seeds, people, years, margin, rounding, the
command that re-derives them) and each derived value with what it came from. Nothing in it
depends on the date or the machine, so the same inputs write the same file.
"""

import textwrap
from pathlib import Path

from experiments.overrides import apply_overrides, scenario_with
from experiments.planning.derive import Plan, PlanSettings
from sim.scenario import scenario_from_dict
from sim.scenario.loader import read_toml


def seeds_text(seeds: tuple[int, ...]) -> str:
    """``1-5`` for a run of consecutive seeds, else ``1, 3, 7``."""
    ordered = sorted(seeds)
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(map(str, ordered))


def command_line(scenario_file: Path, settings: PlanSettings) -> str:
    """The ``placesim plan`` command that derives this plan again."""
    first = min(settings.seeds)
    return (f"placesim plan {scenario_file} --design {settings.design} --seeds "
            f"{len(settings.seeds)} --first-seed {first} --people {settings.people} "
            f"--years-of-cost {settings.years} --margin {settings.margin} --round-to "
            f"{settings.round_to}" + (" --derive-uplifted" if settings.derive_uplifted else ""))


WIDTH = 88


def years_text(years: int) -> str:
    """``year 1``, or ``years 1-3`` for a mean over several."""
    return "year 1" if years == 1 else f"years 1-{years}"


def header(scenario_file: Path, plan: Plan) -> str:
    """The opening comment of the planned scenario."""
    s = plan.settings
    paragraphs = [
        f"Planned by `placesim plan` from {scenario_file}: every value is that file's except "
        "the derived ones below.",
        f"Runs: design {s.design}, seeds {seeds_text(s.seeds)}, {s.people:,} people, "
        f"{years_text(s.years)}; each figure is a year's cost or payments"
        + (" (the mean year)." if s.years > 1 else "."),
        f"Blocks: the mean over seeds of the cost each buys x (1 + {s.margin}), rounded to "
        f"£{s.round_to:,} (halves up).",
        "Allocations: each commissioner's derived blocks plus the mean over seeds of its "
        "other contracts as paid, its out-of-area and spot-purchase charges and its pool "
        f"contributions, x (1 + {s.margin}), rounded to £{s.round_to:,}.",
        f"Derive again with: {command_line(scenario_file, s)}",
    ]
    lines = [line for text in paragraphs
             for line in textwrap.wrap(text, WIDTH, subsequent_indent="  ",
                                       break_on_hyphens=False, break_long_words=False)]
    lines.append("Derived (was -> now; from the mean over seeds):")
    for item in plan.items:
        if item.derived_gbp is not None:
            lines.extend(textwrap.wrap(
                f"{item.kind} {item.name}: {item.current_gbp:,.0f} -> {item.derived_gbp:,} "
                f"({item.basis}; mean £{item.spread.mean:,.0f})", WIDTH,
                initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False))
    kept = [i for i in plan.items if i.derived_gbp is None and i.note.startswith("kept")]
    if kept:
        lines.append("Kept as they were:")
        for item in kept:
            lines.extend(textwrap.wrap(
                f"{item.kind} {item.name}: {item.note.removeprefix('kept: ')}", WIDTH,
                initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False))
    return "".join(f"# {line}\n" for line in lines)


PLANNED_BY = "# Planned by `placesim plan`"
OPENING = "'s opening comment:"


def opening_comment(scenario_file: Path) -> str:
    """The input file's opening comment block (its lines before the first value).

    An input planned before loses its old plan's header (the new one replaces it) and
    keeps the comment that header carried.
    """
    kept = []
    for line in Path(scenario_file).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        kept.append(line.rstrip())
    if kept and kept[0].startswith(PLANNED_BY):
        ends = [i for i, line in enumerate(kept) if line.endswith(OPENING)]
        kept = kept[ends[0] + 1:] if ends else []
    while kept and not kept[-1].strip():
        kept.pop()
    return "".join(f"{line}\n" for line in kept)


def write_planned(scenario_file: Path, plan: Plan, out: Path) -> Path:
    """Write the input scenario with the plan's derived values set; return ``out``.

    The written scenario is validated before it is written, so it loads like any other.

    Raises:
        ScenarioError: If the planned scenario does not validate (nothing is written).
    """
    import tomli_w

    raw = apply_overrides(read_toml(scenario_file, "a scenario"), plan.overrides)
    scenario_from_dict(raw, source=out)
    text = header(scenario_file, plan)
    opening = opening_comment(scenario_file)
    if opening:
        text += f"#\n# {scenario_file}{OPENING}\n{opening}"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n" + tomli_w.dumps(raw), encoding="utf-8")
    return out


def set_into(files: list[Path], plan: Plan) -> list[Path]:
    """Set the plan's derived values in each of ``files`` in place; return them.

    Each file keeps its comments, layout and every other value (it is edited as a TOML
    document, not rewritten); a whole number is written with thousands underscores. Every
    file is checked (each derived value's path exists and the edited scenario validates)
    before any is written, so a failure leaves all of them as they were.

    Raises:
        ScenarioError: Naming the file, for a missing file, a path it lacks, or an edited
            scenario that does not validate.
    """
    import tomlkit

    values = {path: tomlkit.integer(f"{int(value):_}") for path, value in plan.overrides.items()}
    edited = []
    for path in files:
        read_toml(path, "a scenario")  # a missing or unreadable file: one line naming it
        document = tomlkit.parse(Path(path).read_text(encoding="utf-8"))
        # Each path must exist, and the edited scenario validate, before anything is written.
        scenario_with(document.unwrap(), plan.overrides, path)
        edited.append((path, tomlkit.dumps(apply_overrides(document, values))))
    for path, text in edited:
        Path(path).write_text(text, encoding="utf-8")
    return [path for path, _ in edited]
