"""One set of pound formats for report, app and CLI: worked by hand."""

from experiments.money_text import millions, pounds


def test_pounds_round_to_what_a_board_reads():
    assert pounds(1_362_953_207) == "£1,363m"
    assert pounds(12_640_000) == "£12.6m"
    assert pounds(-72_400) == "−£72k"
    assert pounds(896.4) == "£896"
    assert pounds(0.0) == "£0"


def test_millions_carry_a_minus_only_when_something_is_lost():
    assert millions(-93_040_000) == "−£93.0m"
    assert millions(-6_610_649, decimals=2) == "−£6.61m"
    assert millions(-40_000) == "£0.0m"  # rounds to nothing: no "−£0.0m"
    assert millions(-4_000, decimals=2) == "£0.00m"
    assert millions(2_345_678_901) == "£2,345.7m"


def test_the_report_says_whether_money_is_real_or_nominal_and_its_price_year():
    from experiments.money_text import basis_sentence

    assert basis_sentence("real", "2015/16") == "Money is in real terms, at 2015/16 prices."
    nominal = basis_sentence("nominal", "2023/24")
    assert nominal.startswith("Money is nominal (cash): 2023/24 prices grown")
