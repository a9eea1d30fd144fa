#!/usr/bin/env bash
# Re-run the examples quoted in docs/design.md (about 10 minutes on 2 cores).
# Usage: bash experiments/examples/design_agreement.sh [OUT_DIR]
set -euo pipefail
out="${1:-results/design-examples}"
place=scenarios/default.toml
placesim influence "$place" --design capitation_gain_loss \
    --people 20000 --years 3 --replications 3 --out "$out/influence"
placesim coalitions "$place" --design capitation_gain_loss \
    --parties acute,community,social_care --people 20000 --years 3 --replications 3 \
    --out "$out/coalitions"
placesim design-agreement "$place" --design capitation_gain_loss --search shares \
    --stress half_benefit,demand+2% --budget 24 --replications 2 --people 10000 --years 3 \
    --out "$out/design" || true   # exit 1 means "no deal found", which is a result
