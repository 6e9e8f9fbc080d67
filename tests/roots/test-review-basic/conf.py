project = "Review"
version = release = "1"
copyright = "2026, Authors"
extensions = ["medkb.review"]
latex_documents = [("index", "review.tex", "Review", "Authors", "manual")]
man_pages = [("index", "review", "Review", ["Authors"], 7)]
