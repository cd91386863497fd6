__version__ = "0.1.0"

from .blocks import share_cores_in_test_workers
from .model import SynQT, SynQTConfig, preset

share_cores_in_test_workers()  # each worker of `nbdev_test`'s pool computes on its own share of the cores (notebook 00a)
