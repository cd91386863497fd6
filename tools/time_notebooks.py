"""Time every notebook on its own, one after another, each in its own `nbdev_test` process; write the timings as JSON.

What `images/workshop/cpu-path.json` records and `workshop.ipynb` shows. Run from the repository root, with nothing else running:
Usage: python tools/time_notebooks.py images/workshop/cpu-path.json
"""
import json
import subprocess
import sys
import time
from pathlib import Path


def time_notebook(name: str) -> dict:
    "Run `nbdev_test` on one notebook; its name, wall-clock seconds and whether it passed."
    start = time.perf_counter()
    result = subprocess.run(['nbdev_test', '--path', f'nbs/{name}.ipynb'], capture_output=True, text=True)
    return dict(notebook=name, seconds=round(time.perf_counter() - start, 1), passed=result.returncode == 0)


if __name__ == '__main__':
    names = sorted(p.stem for p in Path('nbs').glob('*.ipynb') if p.stem != 'workshop')  # the workshop notebook shows the result
    rows = []
    for name in names:
        rows.append(time_notebook(name))
        print(rows[-1], flush=True)
    record = dict(command="python tools/time_notebooks.py images/workshop/cpu-path.json  (nbdev_test --path nbs/<notebook>.ipynb for each "
                          "notebook, one after another, each in its own process)",
                  machine="the project machine: 2 CPU cores, no GPU (the #| slow and #| cuda cells skipped)",
                  date=time.strftime('%Y-%m-%d'), notebooks=rows)
    Path(sys.argv[1]).write_text(json.dumps(record, indent=1) + '\n')
