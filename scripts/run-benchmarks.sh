#!/usr/bin/env bash
#
# Builds the JMH benchmarks, runs them with the GC profiler, and writes
# benchmark-results/<name>.json and benchmark-results/RESULTS.md (generated from the JSON).
#
# Usage: scripts/run-benchmarks.sh [JMH benchmark regex ...]
#   scripts/run-benchmarks.sh                           # the whole suite (about 10 minutes on 2 cores)
#   scripts/run-benchmarks.sh SyncMulticastBenchmark    # one class
#   scripts/run-benchmarks.sh 'AsyncEndToEnd.*onePublisher' -p subject=lockfree-1lane,spring-executor
# Arguments are passed to JMH as they are: regexes select benchmarks, options (-p, -t, ...) override.
#
# Environment (defaults in brackets):
#   FORKS [1]  WARMUP_ITERATIONS [3]  WARMUP_TIME [1s]  ITERATIONS [5]  TIME [1s]
#   RESULTS_NAME [results-<UTC timestamp>]  name of the JSON file in RESULTS_DIR
#   RESULTS_DIR [benchmark-results]         where the JSON and RESULTS.md go
#   SKIP_BUILD [0]                          1 to reuse lockfree-events-benchmarks/target/benchmarks.jar
#   JAVA [java]                             the java launcher
set -euo pipefail

cd "$(dirname "$0")/.."

FORKS="${FORKS:-1}"
WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-3}"
WARMUP_TIME="${WARMUP_TIME:-1s}"
ITERATIONS="${ITERATIONS:-5}"
TIME="${TIME:-1s}"
RESULTS_DIR="${RESULTS_DIR:-benchmark-results}"
RESULTS_NAME="${RESULTS_NAME:-results-$(date -u +%Y%m%d-%H%M%S)}"
SKIP_BUILD="${SKIP_BUILD:-0}"
JAVA="${JAVA:-java}"
JAR=lockfree-events-benchmarks/target/benchmarks.jar

if [[ "$SKIP_BUILD" != 1 ]]; then
	echo "Building $JAR ..."
	mvn -B -q -pl lockfree-events-benchmarks -am package -DskipTests
fi
if [[ ! -f "$JAR" ]]; then
	echo "$JAR not found: build it, or run without SKIP_BUILD=1" >&2
	exit 1
fi

mkdir -p "$RESULTS_DIR"
JSON="$RESULTS_DIR/$RESULTS_NAME.json"
COMMAND=("$JAVA" -jar "$JAR" -f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$TIME"
	-prof gc -rf json -rff "$JSON" "$@")

# Words as a shell would need them: plain when safe, in single quotes otherwise.
quote() {
	local word text=""
	for word in "$@"; do
		if [[ "$word" =~ ^[A-Za-z0-9_./=:,+@%-]+$ ]]; then
			text+="$word "
		else
			text+="'${word//\'/\'\\\'\'}' "
		fi
	done
	printf '%s' "${text% }"
}
COMMAND_TEXT="$(quote "${COMMAND[@]}")"
SCRIPT_TEXT="$(quote "$@")"
echo "Running: $COMMAND_TEXT"
"${COMMAND[@]}"

"$JAVA" -cp "$JAR" dev.lockfree.events.report.ResultsTable "$JSON" "$RESULTS_DIR/RESULTS.md" \
	--command "FORKS=$FORKS WARMUP_ITERATIONS=$WARMUP_ITERATIONS WARMUP_TIME=$WARMUP_TIME ITERATIONS=$ITERATIONS TIME=$TIME scripts/run-benchmarks.sh ${SCRIPT_TEXT}
# which ran:
${COMMAND_TEXT}" \
	--nproc "$(nproc)" \
	--java-version "$("$JAVA" -version 2>&1)" \
	--date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
