"""What every worker of a `--cluster local[:N]` needs, loaded once, in the process they are
forked from.

The workers of a LocalCluster are forked from a fork server that imports this module first:
Dask, pandas, Arrow, pandera, the pipeline's modules and the engine's reference data are then
loaded once and shared by the workers page by page, instead of loaded again by each spawned
worker (about 230 MB apiece). The objects are frozen out of the garbage collector, whose
walks would otherwise write to every shared page in every worker, and so copy it. Prefect is
left out: it reads its settings once, when imported, and each worker must read the Prefect
server's address its nanny gives it.
"""

import gc

import distributed  # noqa: F401 (what Dask's own fork server loads)

from corroborate import batches  # noqa: F401 (the workers' work, with pandas, Arrow and pandera
from corroborate.extract.document import warm_up

warm_up()
gc.collect()
gc.freeze()
