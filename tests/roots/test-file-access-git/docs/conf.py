extensions = ["myst_parser", "medkb.file_access"]
