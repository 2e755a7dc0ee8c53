"""The bulk-send check as one package: :func:`check_message` and its :class:`BulkIndex`.

``checker`` decides findings and the verdict (its docstring lists every finding); ``message``
reads a text (language, words, how specific it is to the recipients); ``lang`` holds the
wording rules of each judged language; ``wordstats`` word frequencies and language detection
(from wordfreq); ``placeholders`` unfilled merge fields; ``index`` the history and contact
order a check searches; ``snapshot`` the check cache ``outreach check`` reads; ``text``
normalising and framing; ``words`` greeting, sign-off and calendar words.
"""

from planner.bulk.checker import CODES, Finding, Verdict, check_message
from planner.bulk.index import BulkIndex

__all__ = ["BulkIndex", "CODES", "Finding", "Verdict", "check_message"]
