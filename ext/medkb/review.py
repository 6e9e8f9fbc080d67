"""How current each page is: its review dates, shown next to the disclaimer.

Every page's front matter says when it was last checked against its sources,
when it must be checked again, and how it was checked::

    reviewed: 2026-11-28
    next-review: 2027-11-28
    review-status: sources-checked   # or clinician-reviewed, with reviewed-by

A box goes under the page's title (after the disclaimer) in every builder, out
of the search index: one short line with the review date and the status,
linked to the review policy, then the next review date. On a phone the line
keeps to one row, so the page's own first sentence is on the first screen:
the next review date is hidden from sight there (``medkb.css``), still read
by screen readers and printed.
A missing or malformed value is an error naming the file, the line and the key.
A page past its next-review date is a warning (``review-overdue``), and an error
with ``medkb_review_audit = True``, which also lists every page's review dates.
"Today" is the date of ``SOURCE_DATE_EPOCH`` when it is set, so builds and
tests can fix it.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from babel import UnknownLocaleError
from babel.dates import format_date
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from medkb import __version__
from medkb._core import config as _config
from medkb._core.frontmatter import (
    FrontMatterField,
    front_matter_field,
    front_matter_line,
    source_lines,
)
from medkb._core.messages import N_, _, use_catalog
from medkb._core.placement import under_title
from medkb._core.problems import WARNING_TYPE, note_problem, report_build_errors
from medkb._core.state import DocumentStore
from medkb._core.static import add_stylesheet
from medkb._core.subtypes import Subtype
from medkb.disclaimer import is_disclaimer

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

#: Marks the box, so checks, styles and tests can find it in any output.
CLASS = "medkb-review"
REVIEWED, NEXT_REVIEW, STATUS, REVIEWED_BY = (
    "reviewed",
    "next-review",
    "review-status",
    "reviewed-by",
)
#: What each review status tells a reader.
#: Each status as the review box names it (linked to the review policy) and
#: what follows the date: short enough for one line on a phone.
STATUSES = {
    "sources-checked": (N_("Sources checked"), N_(", not by a clinician")),
    "clinician-reviewed": (N_("Clinician-reviewed"), N_(" by {reviewer}")),
}
#: The class of the box's next-review part, which phones do not show.
NEXT_CLASS = "medkb-review-next"


OPTIONS = (
    _config.Option(
        "medkb_review_audit",
        False,
        (bool,),
        "Treat pages past their next-review date as errors, and list every "
        "page's review dates and status.",
    ),
    _config.Option(
        "medkb_review_policy_page",
        "",
        (str,),
        "Page that explains how pages are reviewed; each review box links to it.",
        _config.check_docname,
    ),
)


@dataclass(frozen=True)
class ReviewInfo:
    """A page's review dates and status, as its front matter gives them."""

    next_review: datetime.date
    reviewed: datetime.date
    status: str
    reviewer: str
    #: Line of ``next-review:`` in the source, for the overdue warning.
    line: int | None


_reviews: DocumentStore[ReviewInfo] = DocumentStore("medkb_reviews")


def review_of(env: BuildEnvironment, docname: str) -> ReviewInfo | None:
    """The page's review dates and status, once its front matter has been read."""
    return _reviews.get(env).get(docname)


def today() -> datetime.date:
    """The build's date: ``SOURCE_DATE_EPOCH`` if set, so builds can be repeated."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.datetime.now(tz=datetime.UTC).date()


#: The locale whose long date each language's pages write: English pages
#: write the day first, as the site always has ("28 November 2026").
DATE_LOCALES = {"en": "en_GB"}


def long_date(day: datetime.date, language: str | None = "en") -> str:
    """The long date of *language*, from Babel's (CLDR's) data, not from the
    build machine's locale: ``28 November 2026``, ``28 de noviembre de 2026``."""
    code = (language or "en").replace("-", "_")
    locale = DATE_LOCALES.get(code.partition("_")[0], code)
    try:
        return format_date(day, "long", locale=locale)
    except (UnknownLocaleError, ValueError):  # a language CLDR has no data for
        return format_date(day, "long", locale=DATE_LOCALES["en"])


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


class AddReviewBox(SphinxTransform):
    """Check the page's review front matter and show it in a box."""

    # After the disclaimer (700), so the box can follow it; before doctree-read.
    default_priority = 710

    def apply(self, **_kwargs: Any) -> None:
        if _front_matter_is_malformed(self.env, self.document):
            return
        review = self._read_review()
        if review is None:
            return
        _reviews.get(self.env)[self.env.docname] = review
        parent, index = under_title(self.document, after=is_disclaimer)
        parent.insert(index, self._box(review))

    def _read_review(self) -> ReviewInfo | None:
        if not any(True for _ in self.document.findall(nodes.docinfo)):
            self._problem(
                1,
                "the page has no front matter with its review dates; start it with "
                f"'---', '{REVIEWED}: YYYY-MM-DD', '{NEXT_REVIEW}: YYYY-MM-DD', "
                f"'{STATUS}: sources-checked' and '---', one per line.",
            )
            return None
        reviewed = self._date(REVIEWED, "the date the page was last checked")
        next_review = self._date(NEXT_REVIEW, "the date it must be checked again")
        status = self._status()
        if reviewed is None or next_review is None or status is None:
            return None
        if next_review[0] <= reviewed[0]:
            self._problem(
                next_review[1],
                f"'{NEXT_REVIEW}: {next_review[0]}' must be later than "
                f"'{REVIEWED}: {reviewed[0]}'; set it to the date the page must be "
                "checked again, for example a year after it was reviewed.",
            )
            return None
        return ReviewInfo(
            next_review[0], reviewed[0], status[0], status[1], next_review[1]
        )

    def _date(self, key: str, meaning: str) -> tuple[datetime.date, int | None] | None:
        field = front_matter_field(self.document, key)
        if field is None:
            self._problem(
                1,
                f"the front matter has no '{key}' date; add a line "
                f"'{key}: YYYY-MM-DD' with {meaning}.",
            )
            return None
        try:
            return datetime.date.fromisoformat(field.value.strip()), field.line
        except ValueError:
            self._problem(
                field.line,
                f"'{key}: {field.value}' is not a date; write it as YYYY-MM-DD, "
                "for example 2026-11-28.",
            )
            return None

    def _status(self) -> tuple[str, str] | None:
        field = front_matter_field(self.document, STATUS)
        allowed = " or ".join(STATUSES)
        if field is None:
            self._problem(
                1,
                f"the front matter has no '{STATUS}'; add '{STATUS}: "
                "sources-checked' if the page was checked against its sources.",
            )
            return None
        status = field.value.strip()
        if status not in STATUSES:
            self._problem(
                field.line,
                f"'{STATUS}: {field.value}' is not a review status; use {allowed}.",
            )
            return None
        reviewer = front_matter_field(self.document, REVIEWED_BY)
        if status == "clinician-reviewed" and (
            reviewer is None or not reviewer.value.strip()
        ):
            self._problem(
                field.line,
                f"'{STATUS}: clinician-reviewed' needs a '{REVIEWED_BY}' line naming "
                "the clinician and their role; without one, use 'sources-checked'.",
            )
            return None
        name = reviewer.value.strip() if reviewer else ""
        if status == "clinician-reviewed" and not self._registered(name, reviewer):
            return None
        return status, name

    def _registered(self, name: str, field: FrontMatterField | None) -> bool:
        """With medkb.reviewers on, the name must be on its registry."""
        from medkb.reviewers import registry

        reg = registry(self.env)
        if reg is None:
            return True
        self.env.note_dependency(reg.path)
        if name in reg.reviewers:
            return True
        known = ", ".join(sorted(reg.reviewers)) or "none yet"
        self._problem(
            field.line if field else None,
            f"'{REVIEWED_BY}: {name}' is not a registered reviewer "
            f"(registered: {known}); a page is clinician-reviewed only by a "
            f"reviewer on record in {reg.path.name}, with their qualification and "
            "declared conflicts. Until then, use 'review-status: sources-checked'.",
        )
        return False

    def _problem(self, line: int | None, message: str) -> None:
        note_problem(self.env, Subtype.REVIEW_DATE, message, line=line, is_error=True)

    def _box(self, review: ReviewInfo) -> nodes.container:
        status, after = STATUSES[review.status]
        reviewer_link = self._reviewer_link(review)
        paragraph = nodes.paragraph()
        paragraph += self._status_text(status)
        paragraph += nodes.Text(f" {long_date(review.reviewed, self.config.language)}")
        if reviewer_link is None:
            paragraph += nodes.Text(_(after).format(reviewer=review.reviewer))
        else:
            paragraph += nodes.Text(_(after).split("{")[0])
            paragraph += reviewer_link
        paragraph += nodes.Text(".")
        following = nodes.inline(classes=[NEXT_CLASS])
        next_due = long_date(review.next_review, self.config.language)
        following += nodes.Text(
            " " + _("Next review due {date}.").format(date=next_due)
        )
        paragraph += following
        box = nodes.container(classes=[CLASS, "no-search"])
        box += paragraph
        return box

    def _reviewer_link(self, review: ReviewInfo) -> nodes.Node | None:
        """The reviewer's name, linked to their entry, where a registry has it."""
        from medkb.reviewers import registry

        reg = registry(self.env)
        if reg is None or review.reviewer not in reg.reviewers:
            return None
        page = self.config.medkb_reviewers_page
        if not page:
            return None
        reviewer = reg.reviewers[review.reviewer]
        return addnodes.pending_xref(
            "",
            nodes.inline(text=f"{reviewer.name}, {reviewer.role}"),
            refdomain="std",
            reftype="ref",
            reftarget=reviewer.label,
            refexplicit=True,
            refdoc=self.env.docname,
        )

    def _status_text(self, status: str) -> nodes.Node:
        page = self.config.medkb_review_policy_page
        if not page:
            return nodes.Text(_(status))
        xref = addnodes.pending_xref(
            "",
            nodes.inline(text=_(status)),
            refdomain="std",
            reftype="doc",
            reftarget=f"/{page}",
            refexplicit=True,
            refdoc=self.env.docname,
        )
        return xref


def _front_matter_is_malformed(env: BuildEnvironment, document: nodes.document) -> bool:
    """Report YAML front matter myst-parser could not read, at its own line.

    myst-parser only warns and drops the whole block, which would leave the
    page without its description and dates for a reason the reader never sees.
    """
    if any(True for _ in document.findall(nodes.docinfo)):
        return False
    lines = source_lines(document)
    if not lines or lines[0].strip() != "---" or "---" not in lines[1:]:
        return False
    block = "\n".join(lines[1 : lines.index("---", 1)])
    try:
        # Every value as text: a syntax error here is the block's own fault.
        fields = yaml.load(block, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # after '---', 1-based
        problem = getattr(error, "problem", None) or "it cannot be read"
        _front_matter_error(
            env,
            line,
            f"the front matter is not valid YAML ({problem}), so none of it was "
            "used; a value holding ': ' must be quoted, as in "
            'description: "Botox: who should not have it".',
        )
        return True
    # YAML reads 2026-13-01 as a date and fails on it, dropping the block too.
    for key, value in fields.items() if isinstance(fields, dict) else ():
        try:
            yaml.safe_load(f"value: {value}")
        except ValueError:
            _front_matter_error(
                env,
                front_matter_line(document, str(key)) or 1,
                f"'{key}: {value}' is not a date, so none of the front matter was "
                "used; write it as YYYY-MM-DD, for example 2026-11-28.",
            )
            return True
    return False


def _front_matter_error(env: BuildEnvironment, line: int, message: str) -> None:
    note_problem(env, Subtype.FRONT_MATTER, message, line=line, is_error=True)


def check_review_dates(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Warn about pages past their next-review date; in an audit, list them all.

    This runs on every build, not only when a page is read: a page falls
    overdue when the calendar moves on, not when its file changes.
    """
    reviews = _reviews.get(env)
    audit = app.config.medkb_review_audit
    now = today()
    overdue = 0
    for docname in sorted(reviews):
        review = reviews[docname]
        if review.next_review >= now:
            continue
        overdue += 1
        log = logger.error if audit else logger.warning
        log(
            "page is past its next-review date (%s); check it against its sources, "
            "then update '%s' and '%s' in its front matter.",
            review.next_review.isoformat(),
            REVIEWED,
            NEXT_REVIEW,
            location=(docname, review.line),
            type=WARNING_TYPE,
            subtype=Subtype.REVIEW_OVERDUE,
        )
    if audit:
        _print_audit(env, reviews, now)
    report_build_errors(env, "review-overdue", overdue if audit else 0)
    return []


def _print_audit(
    env: BuildEnvironment, reviews: dict[str, ReviewInfo], now: datetime.date
) -> None:
    width = max((len(d) for d in env.found_docs), default=4)
    logger.info("")
    logger.info("Review dates on %s (today):", now.isoformat())
    logger.info(f"{'page':<{width}}  reviewed    next-review  status")
    for docname in sorted(env.found_docs):
        review = reviews.get(docname)
        if review is None:
            logger.info(f"{docname:<{width}}  {'no valid review dates (see errors)'}")
            continue
        state = "OVERDUE" if review.next_review < now else review.status
        logger.info(
            f"{docname:<{width}}  {review.reviewed}  {review.next_review}   {state}"
        )
    due = sum(r.next_review < now for r in reviews.values())
    logger.info(f"{len(env.found_docs)} pages; {due} past their next-review date.")


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    app.setup_extension("myst_parser")
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config, priority=400)
    app.add_transform(AddReviewBox)
    _reviews.connect(app)
    app.connect("env-updated", check_review_dates)
    app.connect("builder-inited", add_stylesheet)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
