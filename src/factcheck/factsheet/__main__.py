"""``python -m factcheck.factsheet [FILE]``: write the fact-sheet JSON Schema (default: stdout)."""

from __future__ import annotations

import sys

from factcheck.atomic import write_atomic
from factcheck.factsheet import factsheet_json_schema_text


def main(argv: list[str]) -> int:
    text = factsheet_json_schema_text()
    if argv:
        write_atomic(argv[0], text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
