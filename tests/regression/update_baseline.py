"""Refresh ``baseline.json`` by hand: ``python -m tests.regression.update_baseline``.

Only after a deliberate change of the model's behaviour; review the diff before committing.
"""

import json

from tests.regression.figures import BASELINE, all_figures

if __name__ == "__main__":
    BASELINE.write_text(json.dumps(all_figures(), indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {BASELINE}")
