"""Bad input fails the build with a message naming the file, the line and the fix.

Other bad inputs are tested with their features: review dates and front matter
in test_review.py, refs.bib syntax in test_bibcheck.py, the disclaimer snippet
in test_disclaimer_config.py, unsafe content in test_content_policy.py.
"""

from __future__ import annotations

import pytest

from tests.helpers import plain


@pytest.fixture
def log(app) -> str:
    app.build()
    return plain(app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="bad-input", freshenv=True)
def test_an_unknown_citation_key_is_an_error_at_its_line(app, log):
    assert (
        "index.md:4: ERROR: unknown citation key 'one2001migrane': no entry in "
        "refs.bib has it; check the key's spelling there, or add the source first "
        "(with where its details were checked in x-checked) [medkb.bib-unknown-key]"
    ) in log
    # sphinxcontrib-bibtex's own warning gives a line off by one for MyST pages.
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="bad-input", freshenv=True)
def test_a_page_in_no_toctree_is_an_error(app, log):
    assert (
        "forgotten.md:1: ERROR: page 'forgotten' is in no toctree, so readers "
        "cannot reach it from the navigation; add 'forgotten' to the toctree in "
        "index.md. [medkb.unreachable]"
    ) in log
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="bad-input", freshenv=True)
def test_a_duplicate_label_is_reported_at_its_line(app, log):
    # docutils' own warning; `tox -e docs` builds with -W, which makes it fail.
    assert 'index.md:9: WARNING: Duplicate explicit target name: "shared-label".' in log
