"""Direct quotations in an article body and who said them.

`extract` finds and attributes them; `marks`, `cues` and `speakers` are its parts and never
import it.
"""
