"""Money as people read it: one set of pound formats for the report, the app and the CLI.

Negative amounts take a true minus sign (−£1.2m), which reads as a loss in a board paper
where a hyphen looks like a dash.
"""


def pounds(value: float) -> str:
    """Pounds with sensible rounding: £1,363m, £12.6m, £72k, £896 (− for a loss)."""
    sign = "−" if value < 0 else ""
    size = abs(value)
    if size >= 100e6:
        return f"{sign}£{size / 1e6:,.0f}m"
    if size >= 1e6:
        return f"{sign}£{size / 1e6:,.1f}m"
    if size >= 10e3:
        return f"{sign}£{size / 1e3:,.0f}k"
    return f"{sign}£{size:,.0f}"


def millions(value: float, decimals: int = 1) -> str:
    """Pounds in £m to ``decimals`` places (−£93.0m); no minus sign on a rounded zero."""
    text = f"{abs(value) / 1e6:,.{decimals}f}"
    negative = value < 0 and float(text.replace(",", "")) != 0
    return f"{'−' if negative else ''}£{text}m"


def basis_sentence(money_basis: str, price_year: str) -> str:
    """Whether a report's pounds are real or nominal, and from which price year."""
    if money_basis == "nominal":
        return (f"Money is nominal (cash): {price_year} prices grown by the scenario's pay,"
                " price and fee inflation.")
    return f"Money is in real terms, at {price_year} prices."
