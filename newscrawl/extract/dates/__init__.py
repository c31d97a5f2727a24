"""Publication and modification dates of a page, with provenance.

`extract` weighs the candidates; the other modules find and normalise them, and none of them
imports `extract`.
"""
