"""The model's calendar: weeks, months, quarters and years.

A model year is 52 weeks (364 days). Month m of a year (0–11) holds the weeks whose
``week_in_year * 12 // 52 == m``, so months have 4 or 5 weeks and every month ends on a week
boundary; quarters are three months.
"""

from dataclasses import dataclass

WEEKS_PER_YEAR = 52
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class WeekInfo:
    """Where a week falls in the calendar, and which cycles end with it."""

    week: int
    year: int
    week_in_year: int
    month: int
    ends_month: bool
    ends_quarter: bool
    ends_year: bool


def month_of(week_in_year: int) -> int:
    """Month (0–11) that a week of the year belongs to."""
    return week_in_year * 12 // WEEKS_PER_YEAR


def week_info(week: int) -> WeekInfo:
    """Calendar facts for a model week (0-based)."""
    year, week_in_year = divmod(week, WEEKS_PER_YEAR)
    month = month_of(week_in_year)
    ends_year = week_in_year == WEEKS_PER_YEAR - 1
    ends_month = ends_year or month_of(week_in_year + 1) != month
    return WeekInfo(
        week=week,
        year=year,
        week_in_year=week_in_year,
        month=month,
        ends_month=ends_month,
        ends_quarter=ends_month and month % 3 == 2,
        ends_year=ends_year,
    )
