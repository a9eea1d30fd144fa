"""Values the model puts on outcomes for people (shared by indicators and organisations)."""

# estimate: the value of a day a person spends at home rather than in a hospital, community
# or care-home bed, or at home without the care they need. The same value is what an
# organisation's mission weight multiplies when it weighs outcomes.
VALUE_OF_A_DAY_AT_HOME_GBP = 150.0
