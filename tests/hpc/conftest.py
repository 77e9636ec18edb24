"""The HPC tests use the CLI fixtures (a real server, the installed `torc`) and the real Slurm
test cluster."""

from tests.cli.conftest import cli  # noqa: F401
from tests.slurm.conftest import slurm_cluster  # noqa: F401
