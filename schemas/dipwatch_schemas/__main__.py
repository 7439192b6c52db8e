"""``python -m dipwatch_schemas [DIR]`` rewrites the JSON Schema files (default ``schemas/json``)."""

import sys
from pathlib import Path

from dipwatch_schemas.generate import write_all

target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "json"
for path in write_all(target):
    print(path)
