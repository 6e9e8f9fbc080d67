project = "Quokkaville Handbook"
extensions = ["myst_parser", "medkb.print_header"]
html_baseurl = "https://handouts.example.org/en/latest/"
