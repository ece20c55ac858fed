from __future__ import annotations

from lint.cli import main

raise SystemExit(main())
