"""The full example in docs/agreements.md settles to the result the page states."""

import re
from pathlib import Path

from sim.sharing import REINVESTMENT_PARTY, load_settlement_file, settle_risk_share

DOC = Path(__file__).resolve().parents[2] / "docs" / "agreements.md"


def test_full_example_settles_as_documented(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1
    path = tmp_path / "frailty_alliance.toml"
    path.write_text(blocks[0])
    loaded = load_settlement_file(path)
    settlement = settle_risk_share(loaded.agreement, loaded.figures)
    # Hand arithmetic is in the page: 20% reinvested, a £1m band by fixed shares, the
    # rest by scores 0.6 : 0.9 : 0.5.
    assert settlement.totals_by_party() == {
        "acute": 40_000_000,
        "community": 55_000_000,
        "council": 20_000_000,
        "icb": 50_000_000,
        REINVESTMENT_PARTY: 50_000_000,
        "vcs": 35_000_000,
    }
    assert "Net: reinvestment +500,000.00, icb +500,000.00" in " ".join(text.split())


def test_full_example_loss_is_limited_by_revenue_caps(tmp_path):
    # The same agreement with a £5,000,000 loss: the reserve absorbs 750,000; the
    # 425,000,000p left is shared by reserves of 20m : 8m : 5m : 0.15m (acute's negative
    # reserves count as none), quotas icb 256,410,256.41p, council 102,564,102.56p,
    # community 64,102,564.10p, vcs 1,923,076.92p; floors leave 2p for the largest
    # remainders (vcs, council). Community's cap is 2% x 30,000,000 = 60,000,000p, so its
    # 4,102,564p excess moves to the ICB: 256,410,256 + 4,102,564 = 260,512,820p.
    text = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)[0]
    path = tmp_path / "loss.toml"
    path.write_text(text.replace('outturn_gbp = "117500000.00"', 'outturn_gbp = "125000000.00"'))
    loaded = load_settlement_file(path)
    totals = settle_risk_share(loaded.agreement, loaded.figures).totals_by_party()
    assert totals == {
        "contingency_reserve": -75_000_000,
        "community": -60_000_000,
        "council": -102_564_103,
        "icb": -260_512_820,
        "vcs": -1_923_077,
    }
    assert sum(totals.values()) == -500_000_000
