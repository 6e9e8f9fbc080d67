extensions = ["myst_parser", "medkb.content_policy"]
