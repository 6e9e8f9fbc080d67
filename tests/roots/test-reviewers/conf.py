project = "Reviewers"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "medkb.reviewers"]
medkb_reviewers_file = "_data/reviewers.yaml"
medkb_reviewers_page = "reviewers"
