#!/usr/bin/env bash
# Usage: scripts/spark-als-start/run.sh SPARK_PEER_DIR DATA_DIR SPLIT_DIR [--history] SEED...
# SPARK_PEER_DIR: a built copy of the peers' spark-als runner (its target/classpath.txt gives Spark's jars).
# Needs the bench jar: mvn -q -B -o -pl cinerec-bench -am package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
peer="$1"; shift
cp="$root/cinerec-bench/target/cinerec-bench.jar:$(cat "$peer/target/classpath.txt")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac -nowarn -d "$out" -cp "$cp" "$here/SparkStart.java"
# same JVM flags as the peer's run.sh where they matter: netlib's VectorBLAS for snrm2
java -Xmx2g --add-modules=jdk.incubator.vector -cp "$out:$cp" org.cinerec.model.als.SparkStart "$@"
