"""Write README.md from nbs/index.ipynb with nbconvert (nbdev_readme needs Quarto, which is not installable here)."""
from pathlib import Path

import nbformat
from nbconvert import MarkdownExporter

root = Path(__file__).resolve().parent.parent
notebook = nbformat.read(root / 'nbs' / 'index.ipynb', as_version=4)
notebook.metadata['language_info'] = {'name': 'python'}  # nbdev_clean strips it; code blocks need it
body, _ = MarkdownExporter().from_notebook_node(notebook)
if '](output_' in body: raise SystemExit('index.ipynb shows a figure in a code cell: the README cannot hold it; close the figure or link an image of images/')
header = '<!-- Generated from nbs/index.ipynb by .ci/build_readme.py: edit the notebook, not this file. -->\n\n'
(root / 'README.md').write_text(header + body.replace('](../images/', '](images/'), encoding='utf-8')
