"""tekser: reads and checks healthcare workers' certificates against the registers."""

__version__ = "0.1.0"
PIPELINE_VERSION = "1"
