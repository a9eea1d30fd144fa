"""England at full scale: the 42 ICB footprints, each a place scaled from a template.

``footprints`` reads the published footprint table; ``scaling`` turns a template
scenario into one footprint's scenario (a pure function); ``plan`` expands footprints ×
designs × replications into sweep runs; ``results`` builds England and per-ICB tables;
``report`` writes the HTML report. Runs execute with the sweep machinery
(``experiments.sweep``), so a national run resumes from the same Parquet store.
"""
