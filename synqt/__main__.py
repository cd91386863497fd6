"""`python -m synqt`: the `synqt` command line (also `accelerate launch -m synqt train ...`)."""
import sys

from synqt.cli import main

sys.exit(main())
