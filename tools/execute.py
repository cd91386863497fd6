"""Execute notebooks as `nbdev_test` does (cells flagged `#| slow` or `#| cuda` skipped unless asked) and keep their outputs.

For notebooks whose flagged cells cannot run here (13_fewshot's `#| cuda` cells on a CPU machine): their outputs stay as
they were. Run from the repository root; the notebooks run in `nbs/`, as under nbdev_test.
Usage: python tools/execute.py nbs/04_model.ipynb nbs/90_cli.ipynb [--flags slow]
"""
import argparse
import os
import time
from pathlib import Path

from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell


def flags_of(cell) -> set[str]:
    "The `#| slow` / `#| cuda` flags of a code cell, and 'eval: false' (never run by nbdev_test)."
    return {line[3:].strip() for line in cell.source.splitlines() if line.startswith('#| ') and line[3:].strip() in ('slow', 'cuda', 'eval: false')}


def execute(path: Path, flags: set[str]):
    "Run the notebook's cells in order in one kernel, skipping flagged cells not in `flags`; write the outputs back."
    notebook = read_nb(path)
    skipped = [c for c in notebook.cells if c.cell_type == 'code' and flags_of(c) - flags]
    kept = {id(c): c.get('outputs', []) for c in skipped}
    shell = CaptureShell()
    start, cwd = time.perf_counter(), os.getcwd()
    os.chdir(path.parent)
    try: shell.run_all(notebook, exc_stop=True, preproc=lambda cell: bool(flags_of(cell) - flags))
    finally: os.chdir(cwd)
    for cell in skipped: cell.outputs = kept[id(cell)]
    write_nb(notebook, path)
    print(f"{path}: {time.perf_counter() - start:.0f} s, {len(skipped)} flagged cells skipped")


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('notebooks', nargs='+', type=Path)
    parser.add_argument('--flags', default='', help="space-separated flags to run too, e.g. 'slow'")
    args = parser.parse_args()
    for notebook in args.notebooks: execute(notebook.resolve(), set(args.flags.split()))
