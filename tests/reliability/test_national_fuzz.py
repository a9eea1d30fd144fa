"""Fuzzing the national inputs: the footprint table (CSV) and the template (TOML).

Each example edits the shipped footprint table (one cell changed or blanked, a row cut
short, bytes corrupted) or the shipped template (one value changed anywhere, then scaled
to two footprints), and loads it. The only acceptable outcomes are a valid result or the
national loaders' own error (``FootprintError``, ``NationalError``) whose every line is
one problem; never another exception, and never a hang (hypothesis's deadline).
"""

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from experiments.national.footprints import (
    FOOTPRINTS_CSV,
    FootprintError,
    PopulationBasis,
    load_footprints,
)
from experiments.national.plan import NationalError, read_template, validated_footprints
from sim.scenario import ScenarioError, scenario_from_dict
from tests.core.helpers import DEFAULT_TOML
from tests.reliability.fuzzing import FUZZ, VALUES, corrupted, edited, paths
from tests.reliability.test_loader_fuzz import SCENARIO

ROWS = list(csv.reader(io.StringIO(FOOTPRINTS_CSV.read_text(encoding="utf-8"))))
FOOTPRINTS = load_footprints()[:2]
CELLS = st.one_of(
    st.text(max_size=12), st.sampled_from(["", "0", "-5", "1e6", "1.5", "99999999999999999999",
                                           "QE1", " 42 ", "nan", "\x00"]),
    st.integers().map(str))


def _one_line_each(error: Exception) -> None:
    lines = str(error).split("\n")
    assert all(line.strip() for line in lines)


def _write(tmp_path_factory, data: bytes) -> Path:
    target = tmp_path_factory.mktemp("national") / "fuzz.csv"
    target.write_bytes(data)
    return target


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.slow
@FUZZ
@given(row=st.integers(0, len(ROWS) - 1), column=st.integers(0, len(ROWS[0]) - 1),
       cell=CELLS, cut=st.booleans())
def test_footprint_table_edits_load_or_are_refused(tmp_path_factory, row, column, cell, cut):
    rows = [list(r) for r in ROWS]
    rows[row] = rows[row][:column] if cut else [*rows[row][:column], cell, *rows[row][column + 1:]]
    try:
        footprints = load_footprints(_write(tmp_path_factory, _csv(rows)))
    except FootprintError as error:
        assert "\n" not in str(error) and str(error).strip()
    else:
        assert all(f.registered > 0 and f.weighted_acute > 0 and f.code for f in footprints)


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_footprint_table_corrupted_bytes_are_refused(tmp_path_factory, data):
    try:
        load_footprints(_write(tmp_path_factory, corrupted(data, FOOTPRINTS_CSV.read_bytes())))
    except FootprintError as error:
        assert "\n" not in str(error) and str(error).strip()


@pytest.mark.slow
@FUZZ
@given(path=st.sampled_from(paths(SCENARIO)), value=VALUES)
def test_template_edits_scale_or_are_refused(path, value):
    raw = edited(SCENARIO, path, value)
    try:
        scenario_from_dict(raw, source="fuzz.toml")
    except ScenarioError:
        return  # the scenario loader's own fuzz suite covers refusals of the template
    try:
        validated_footprints(raw, FOOTPRINTS, PopulationBasis.RESIDENT)
    except NationalError as error:
        _one_line_each(error)


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_template_corrupted_bytes_are_refused(tmp_path_factory, data):
    target = tmp_path_factory.mktemp("template") / "fuzz.toml"
    target.write_bytes(corrupted(data, DEFAULT_TOML.read_bytes()))
    try:
        read_template(target)
    except NationalError as error:
        _one_line_each(error)



def test_a_blank_icb_code_is_refused_in_one_line(tmp_path_factory):
    rows = [list(r) for r in ROWS]
    rows[1][0] = ""  # the case the fuzzing first found: a footprint with no code
    with pytest.raises(FootprintError, match=r"row 2: icb_code: expected a non-empty value"):
        load_footprints(_write(tmp_path_factory, _csv(rows)))


def test_a_non_utf8_table_is_refused_in_one_line(tmp_path_factory):
    with pytest.raises(FootprintError, match="not UTF-8"):
        load_footprints(_write(tmp_path_factory, b"icb_code\xff\n"))
