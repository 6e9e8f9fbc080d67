"""What every feature shares.

Problems found, state kept between builds, options, front matter and data files.
"""
