extensions = ["myst_parser", "medkb.content_policy"]
myst_enable_extensions = ["colon_fence"]
