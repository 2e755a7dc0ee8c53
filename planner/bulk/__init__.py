"""The bulk-send check as one package: :func:`check_message` and its :class:`BulkIndex`.

``checker`` decides findings and the verdict (its docstring lists every finding), ``index``
holds the history and contact order the check reads, ``signals`` the wording patterns,
``text`` normalising and tokenising, ``words`` the word lists.
"""

from planner.bulk.checker import CODES, Finding, Verdict, check_message
from planner.bulk.index import BulkIndex

__all__ = ["BulkIndex", "CODES", "Finding", "Verdict", "check_message"]
