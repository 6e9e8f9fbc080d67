extensions = ["myst_parser", "medkb.file_access"]
myst_enable_extensions = ["colon_fence"]
# The folder above this one is the repository; the test puts the files the
# page must not reach beside it, in outside/.
medkb_repository_root = ".."
exclude_patterns = ["_parts"]
