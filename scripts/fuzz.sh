#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of every fuzz target, DURATION each (default 5s: CI's smoke run;
# by hand: scripts/fuzz.sh 10m). `mvn test` alone only replays the saved inputs.
#   scripts/fuzz.sh [DURATION] [TARGET...]     e.g. scripts/fuzz.sh 10m datasetFile modelFile
# Targets are Class#method; a bare method name is looked up in the known classes. Each runs in its own JVM
# with a 1 GiB heap, so memory that grows with a lie in a header is a finding (OutOfMemoryError), not swap.
# A finding is saved by Jazzer as a crash-* file beside the saved inputs of its target
# (src/test/resources/.../<Class>Inputs/<method>/): fix it and keep the file, it is replayed by every
# `mvn test` from then on. The generated corpus stays in <module>/.cifuzz-corpus/ (git-ignored).
# Prints, per target: executions, corpus entries, findings; the run's log is under target/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-5s}
shift || true
all=(
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#movieLensCsv
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#movieLensDat
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#movieLens100k
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#kaggleMovies
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#ratingsCsv
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#genericCsv
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#netflixPrize
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#jsonLines
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#packed
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#datasetFile
  cinerec-core:org.cinerec.fuzz.ReaderFuzzTest#modelFile
)
if [ -f cinerec-server/src/test/java/org/cinerec/server/RequestFuzzTest.java ]; then
  all+=(cinerec-server:org.cinerec.server.RequestFuzzTest#requestBodies)
fi
chosen=()
if [ $# -eq 0 ]; then
  chosen=("${all[@]}")
else
  for want in "$@"; do
    hit=""
    for t in "${all[@]}"; do
      case "$t" in *"#$want"|*"${want}") hit=$t ;; esac
    done
    [ -n "$hit" ] || { echo "fuzz.sh: unknown target $want; known: ${all[*]##*#}" >&2; exit 2; }
    chosen+=("$hit")
  done
fi
mkdir -p target/fuzz
modules_for() { # module -> the -pl list it needs
  case "$1" in
    cinerec-core) echo cinerec-testkit,cinerec-core ;;
    cinerec-server) echo cinerec-testkit,cinerec-core,cinerec-server ;;
  esac
}
# One Maven build compiles what the chosen targets need and writes each module's test classpath; then each target
# runs in a JVM of its own (org.cinerec.testkit.FuzzLauncher, in the module's folder as surefire runs it), not in a
# Maven build of its own: that was most of a short run's time.
pl=$(for t in "${chosen[@]}"; do modules_for "${t%%:*}" | tr , '\n'; done | awk '!seen[$0]++' | paste -sd, -)
if ! mvn -B -ntp -q -pl "$pl" test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/fuzz-classpath.txt >target/fuzz/build.log 2>&1; then
  cat target/fuzz/build.log >&2
  echo "fuzz.sh: the build failed (log: target/fuzz/build.log)" >&2
  exit 2
fi
status=0
printf '%-40s %10s %8s %8s %s\n' target executions corpus findings seconds
for t in "${chosen[@]}"; do
  module=${t%%:*}
  test=${t#*:}
  cls=${test%%#*}
  method=${test#*#}
  log="$(pwd)/target/fuzz/${cls##*.}-$method.log"
  start=$SECONDS
  # JAZZER_SSRF_PERMISSIVE_UNTIL_CONFIGURED: the request target talks to its own server on loopback from the
  # HttpClient's threads, where Jazzer's SSRF detector would raise a finding nothing reports (a run hung so)
  if (cd "$module" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" JAZZER_SSRF_PERMISSIVE_UNTIL_CONFIGURED=1 \
      OPENBLAS_CORETYPE=Haswell java -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
      --enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -Djava.awt.headless=true -Xmx1g \
      -Dcinerec.shared="$(cd .. && pwd)/../shared" -Dcinerec.cache=target/test-cache \
      -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" \
      org.cinerec.testkit.FuzzLauncher "$test") >"$log" 2>&1; then
    found=0
  else
    found=1
    status=1
  fi
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  corpus_dir="$module/.cifuzz-corpus/$cls/$method"
  corpus=$( [ -d "$corpus_dir" ] && find "$corpus_dir" -type f | wc -l || echo 0)
  printf '%-40s %10s %8s %8s %s\n' "${cls##*.}#$method" "$runs" "$corpus" "$found" "$((SECONDS - start))"
  if [ "$found" = 1 ]; then
    grep -E 'Exception|Error|crash-|FAIL|failed' "$log" | grep -v '^\s*at ' | head -15 >&2
  fi
done
exit $status
