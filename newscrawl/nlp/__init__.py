"""Language analysis of article bodies (spaCy): entities, people resolution, quotes."""
