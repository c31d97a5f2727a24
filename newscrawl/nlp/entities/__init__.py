"""Named entities of an article: spaCy's spans, then mentions, groups and labelled entities.

Each module imports only those before it: `acronyms`, `spans`, `mentions`, `gender`,
`labels`, `variants`, `grouping`, `people`, `records`.
"""
