project = "Numbers"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "medkb.uncited_numbers"]
bibtex_bibfiles = ["refs.bib"]
medkb_uncited_numbers_exempt = ["exempt"]
