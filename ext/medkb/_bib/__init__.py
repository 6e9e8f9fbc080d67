"""Reading BibTeX: the files as written (lines, syntax) and the fields medkb defines."""
