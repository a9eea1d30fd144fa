"""The population's weekly flows over the run, and the quarter's figures seen from them."""

from agents.view import observed_figures
from sim.population import CareCapacity, WeekFlows


class WeekHistory:
    """Every week's ``WeekFlows`` in order (a sequence), and the last week's capacity.

    It also caches, per week, the system figures organisations observe.
    """

    def __init__(self) -> None:
        """Start with no weeks."""
        self._weeks: list[WeekFlows] = []
        self.last_capacity: CareCapacity | None = None
        self._observed: tuple[int, dict] | None = None

    def add(self, flows: WeekFlows, capacity: CareCapacity) -> None:
        """Keep a week's flows and the capacity it ran with."""
        self._weeks.append(flows)
        self.last_capacity = capacity

    @property
    def last(self) -> WeekFlows | None:
        """The latest week's flows (None before the first week)."""
        return self._weeks[-1] if self._weeks else None

    def observed(self, week: int, size_scale: float, lookback_weeks: int, lag_weeks: int = 0,
                 extra: dict | None = None, area: int | None = None) -> dict[str, float]:
        """True system figures of ``lookback_weeks`` ending ``lag_weeks`` ago, once per week.

        ``extra`` maps further published figures to the callables that give them now;
        ``area`` (a divided place) gives that area's figures where they are by area.
        """
        key = (week, lag_weeks, area)
        if self._observed is None or self._observed[0] != week:
            self._observed = (week, {})
        cache = self._observed[1]
        if key not in cache:
            figures = observed_figures(self._weeks, size_scale, lookback_weeks, lag_weeks, area)
            figures["care_home_days_equivalent"] = figures.get("care_home_resident_weeks", 0) * 7
            figures.update({name: get() for name, get in (extra or {}).items()})
            cache[key] = figures
        return cache[key]

    def __len__(self) -> int:
        """Weeks recorded."""
        return len(self._weeks)

    def __iter__(self):
        """The weeks in order."""
        return iter(self._weeks)

    def __getitem__(self, index):
        """A week, or a list of weeks for a slice."""
        return self._weeks[index]
