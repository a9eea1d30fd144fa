"""The 42 ICB footprints of England from NHS England's 2024/25 allocation data.

Source and citation: ``experiments/national/data/README.md``. Each footprint carries its
registered population, a resident estimate and its need index for acute care.
"""

import csv
import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
FOOTPRINTS_CSV = DATA_DIR / "icb_populations_2024_25.csv"

# ONS mid-2023 resident estimate for England and the sum of the 42 ICBs' registered lists
# (data/README.md): registered lists run ~7.7% above residents (people who moved or died).
ENGLAND_RESIDENTS_MID_2023 = 57_690_000
ENGLAND_REGISTERED_2022_23 = 62_154_634
RESIDENT_PER_REGISTERED = ENGLAND_RESIDENTS_MID_2023 / ENGLAND_REGISTERED_2022_23

COLUMNS = ("icb_code", "icb_name", "region", "registered_population_2022_23",
           "weighted_population_general_acute", "weighted_population_community",
           "weighted_population_mental_health", "weighted_population_final")


class PopulationBasis(StrEnum):
    """Which head count a footprint simulates."""

    RESIDENT = "resident"      # estimate: registered list x England's resident/registered
    REGISTERED = "registered"  # GP-registered list, as NHS allocations count it


class FootprintError(ValueError):
    """The footprint table cannot be used: one line naming the file, row and field."""


@dataclass(frozen=True)
class Footprint:
    """One ICB footprint.

    Attributes:
        code: ICB code (e.g. ``QOC``).
        name: ICB name.
        region: NHS region.
        registered: GP-registered population 2022/23.
        weighted_acute: Weighted population for general and acute services.
        weighted_community: Weighted population for community services.
        weighted_final: The final overall weighted population.
    """

    code: str
    name: str
    region: str
    registered: int
    weighted_acute: int
    weighted_community: int
    weighted_final: int

    @property
    def need_index(self) -> float:
        """Acute need per head relative to England (1.0 = average)."""
        return self.weighted_acute / self.registered

    def population(self, basis: PopulationBasis = PopulationBasis.RESIDENT) -> int:
        """Head count on a basis: the registered list or the resident estimate."""
        if basis is PopulationBasis.REGISTERED:
            return self.registered
        return round(self.registered * RESIDENT_PER_REGISTERED)


def _integer(row: dict, field: str, where: str) -> int:
    try:
        value = int(row[field])
    except (KeyError, TypeError, ValueError):
        raise FootprintError(f"{where}: {field}: expected a whole number, got "
                             f"{row.get(field)!r}") from None
    if value <= 0:
        raise FootprintError(f"{where}: {field}: expected a positive number, got {value}")
    return value


def _text(row: dict, field: str, where: str) -> str:
    value = row.get(field)
    if not isinstance(value, str) or not value.strip():
        raise FootprintError(f"{where}: {field}: expected a non-empty value, got {value!r}")
    return value.strip()


def _footprint(row: dict, where: str) -> Footprint:
    if None in row:  # DictReader keeps cells beyond the header under the key None
        raise FootprintError(f"{where}: expected {len(COLUMNS)} cells, got more")
    return Footprint(
        code=_text(row, "icb_code", where), name=_text(row, "icb_name", where),
        region=_text(row, "region", where),
        registered=_integer(row, "registered_population_2022_23", where),
        weighted_acute=_integer(row, "weighted_population_general_acute", where),
        weighted_community=_integer(row, "weighted_population_community", where),
        weighted_final=_integer(row, "weighted_population_final", where))


def load_footprints(path: Path = FOOTPRINTS_CSV) -> list[Footprint]:
    """Every footprint of the table, in file order.

    Raises:
        FootprintError: Naming the file, the row and the field that is wrong.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise FootprintError(f"{path}: not UTF-8 text (byte {error.start}); expected a CSV "
                             f"file") from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise FootprintError(f"{path}: missing columns {', '.join(missing)}; expected "
                                 f"{', '.join(COLUMNS)}")
        footprints = [_footprint(row, f"{path}: row {i}") for i, row in enumerate(reader, 2)]
    except csv.Error as error:
        raise FootprintError(f"{path}: not a readable CSV file: {error}") from None
    codes = [f.code for f in footprints]
    if len(set(codes)) != len(codes):
        raise FootprintError(f"{path}: icb_code: expected each code once")
    return footprints


def select_footprints(footprints: list[Footprint], codes: list[str] | None) -> list[Footprint]:
    """The footprints named by ``codes`` (all when None), in table order.

    Raises:
        FootprintError: For a code not in the table.
    """
    if not codes:
        return list(footprints)
    known = {f.code for f in footprints}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise FootprintError(f"--icb: unknown ICB code {', '.join(unknown)}; expected codes "
                             f"of the footprint table, e.g. {', '.join(sorted(known)[:3])}")
    wanted = set(codes)
    return [f for f in footprints if f.code in wanted]
