"""The page's settings are overrides of the one mechanism: several at once, no conflicts."""

from decimal import Decimal

from experiments.overrides import Override
from tests.app.conftest import SHARING_DESIGN
from viz.overrides import build_scenario, settings_overrides
from viz.settings import RunSettings, SchemeBenefit

AGREEMENT = f"designs.{SHARING_DESIGN}.agreements.system_gain_loss"


def test_every_sharing_modifier_at_once_reaches_both_sides(raw):
    settings = RunSettings(design=SHARING_DESIGN, seed=1).with_sharing(
        threshold_gbp=250_000, corridor_rate=0.02, cap_fraction=0.05)
    agreement = build_scenario(raw, settings).design(SHARING_DESIGN).agreements[0]
    for side in (agreement.gains, agreement.losses):
        kinds = {m.kind: m for m in side.modifiers}
        assert set(kinds) == {"threshold", "corridor", "cap"}
        assert kinds["threshold"].amount_gbp == Decimal(250_000)
        assert kinds["threshold"].party == "icb"  # the agreement's residual party
        assert kinds["corridor"].minimum_rate == Decimal("0.02")
        assert kinds["cap"].fraction == Decimal("0.05")


def test_controls_become_paths_and_untouched_controls_none(raw):
    untouched = RunSettings(design="block", seed=1)
    assert settings_overrides(raw, untouched) == []
    moved = RunSettings(design="block", seed=1, scheme_benefit=SchemeBenefit.HALF,
                        orientation=(("acute", 0.9),))
    assert settings_overrides(raw, moved) == [
        Override("demand.scheme_benefit_realised", 0.5),
        Override("organisations.acute.behaviour.system_orientation", 0.9)]


def test_proportions_replace_the_shares_table_of_both_sides(raw):
    shares = (("icb", 0.5), ("council", 0.1), ("acute", 0.2), ("community", 0.1),
              ("social_care", 0.1))
    settings = RunSettings(design=SHARING_DESIGN, seed=1).with_sharing(proportions=shares)
    assert settings_overrides(raw, settings) == [
        Override(f"{AGREEMENT}.gains.rule.shares", dict(shares)),
        Override(f"{AGREEMENT}.losses.rule.shares", dict(shares))]
