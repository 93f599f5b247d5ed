"""Small sample texts shared by the ingest tests."""

ARTICLE = (
    "Ceasefire Holds After Border Clashes\n\n"
    "The ceasefire between the two countries held overnight, officials said on Wednesday.\n\n"
    '"The situation is calm," the defence ministry said in a statement.\n'
)
