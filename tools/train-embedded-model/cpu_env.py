"""Imported first by every entry script, before torch. Debian's torch calls the pthread OpenBLAS for
matrix products while its own OpenMP threads run too; on 2 cores the two pools fight (most time goes
to the kernel, spinning) and attention/linear layers ran 9-12x slower in our measurements. One
OpenBLAS thread inside torch's parallel regions removes the fight."""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
