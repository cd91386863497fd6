__version__ = "0.1.0"

from .model import SynQT, SynQTConfig, preset
