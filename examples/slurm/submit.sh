#!/bin/bash
# Submit a sharded maxnvm sweep: a job array of SHARDS tasks, then the merge job, which
# Slurm starts only after every task succeeded (--dependency=afterok).
#   SHARDS=16 MAXNVM_OUT=study examples/slurm/submit.sh --grid study.json
# Arguments are those of `maxnvm sweep` (without --out and --shard).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shards="${SHARDS:-4}"
array=$(sbatch --parsable --array="0-$((shards - 1))" "$here/shard.sbatch" "$@")
array="${array%%;*}" # --parsable prints "id;cluster" on multi-cluster setups
merge=$(sbatch --parsable --dependency="afterok:$array" "$here/merge.sbatch" "$shards")
echo "submitted shards as job $array (array 0-$((shards - 1))) and the merge as job ${merge%%;*}"
echo "results: ${MAXNVM_OUT:-maxnvm-study}/merged (sweep.csv, report.html)"
