project = "Warning signs"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "medkb.warning_signs"]
bibtex_bibfiles = ["refs.bib"]
suppress_warnings = ["bibtex.duplicate_citation"]
html_theme = "basic"
medkb_warning_signs_file = "_data/warning-signs.yaml"
medkb_warning_signs_required = {"headache": ["headache/*", "other/extra"]}
