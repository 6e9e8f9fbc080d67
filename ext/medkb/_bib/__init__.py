"""BibTeX fields medkb defines, read the same way by the checks and the style."""
