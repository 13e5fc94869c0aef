"""`python -m tests.support.messy_exports OUT_DIR`: write every messy export into OUT_DIR and list them."""

import sys
from pathlib import Path

from tests.support.messy_exports import build_all

out = Path(sys.argv[1] if len(sys.argv) > 1 else "messy_exports_out")
for built in build_all(out):
    state = f"ok rows={built.rows} totals={built.totals}" if built.ok else f"refused {len(built.errors)} problem(s)"
    print(f"{built.name:45} {built.path.relative_to(out)}  {state}")
