"""Article body extraction: trafilatura plus the repairs news pages need.

`extract` runs the steps; the other modules are the steps, and none of them imports `extract`.
"""
