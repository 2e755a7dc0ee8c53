"""``python -m outreach``: the same as the ``outreach`` console script."""

import sys

from outreach import main

sys.exit(main())
