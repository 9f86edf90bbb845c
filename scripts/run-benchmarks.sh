#!/usr/bin/env bash
#
# Builds the benchmarks and runs the suite: the JMH benchmarks (with the GC profiler), the latency runs
# (dev.lockfree.events.latency.LatencyMain) and the JOL layout report (dev.lockfree.events.layout.LayoutReport).
# Writes to RESULTS_DIR: <name>.json and <name>-close.json (JMH), latency-<model>.csv (and latency-<model>-rounds.csv, each round of the
# interleaved models), machine-stalls.txt (the machine's own stalls, with the latency runs), layout.txt, and, from those,
# RESULTS.md (tables, the issue-7 goals met or not), throughput.svg and latency.svg.
#
# Usage: scripts/run-benchmarks.sh [JMH benchmark regex or option ...]
#   scripts/run-benchmarks.sh                           # the whole suite: JMH + latency + layout, ~15 min on 2 cores
#   scripts/run-benchmarks.sh SyncMulticastBenchmark    # one class, JMH only
#   scripts/run-benchmarks.sh 'AsyncEndToEnd.*onePublisher' -p subject=lockfree-1lane,spring-executor
#   LATENCY=1 LAYOUT=1 scripts/run-benchmarks.sh FanOutBenchmark   # one class, plus latency and layout
# Arguments are passed to JMH as they are: regexes select benchmarks, options (-p, -t, ...) override.
#
# Environment (defaults in brackets):
#   FORKS [1]  WARMUP_ITERATIONS [2]  WARMUP_TIME [1s]  ITERATIONS [3]  TIME [1s]
#   CLOSE_FORKS [3]                         forks of the benchmarks whose verdict sits near a goal's threshold
#                                           (RegistrationChurnBenchmark), run in a JMH run of their own when the
#                                           whole suite runs (no arguments); 0 to run them with FORKS like the rest
#   LATENCY [1 without arguments, else 0]   1 to run LatencyMain (about 4 minutes with its defaults) and MachineStalls (10 s)
#   LATENCY_ARGS []                         extra LatencyMain options, e.g. "--duration 30s --rate 50000"
#   LAYOUT [1 without arguments, else 0]    1 to write layout.txt with JOL
#   RESULTS_NAME [results-<UTC timestamp>]  name of the JSON file in RESULTS_DIR
#   RESULTS_DIR [benchmark-results]         where everything goes (benchmark-results/tmp is git-ignored)
#   SKIP_BUILD [0]                          1 to reuse lockfree-events-benchmarks/target/benchmarks.jar
#   JAVA [java]                             the java launcher
set -euo pipefail

cd "$(dirname "$0")/.."

DEFAULT_EXTRAS=0
if [[ $# -eq 0 ]]; then
	DEFAULT_EXTRAS=1
fi
FORKS="${FORKS:-1}"
CLOSE_FORKS="${CLOSE_FORKS:-3}"
CLOSE_BENCHMARKS=RegistrationChurnBenchmark
WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-2}"
WARMUP_TIME="${WARMUP_TIME:-1s}"
ITERATIONS="${ITERATIONS:-3}"
TIME="${TIME:-1s}"
LATENCY="${LATENCY:-$DEFAULT_EXTRAS}"
LATENCY_ARGS="${LATENCY_ARGS:-}"
LAYOUT="${LAYOUT:-$DEFAULT_EXTRAS}"
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
JMH_OPTIONS=(-wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$TIME" -prof gc -rf json)
COMMAND=("$JAVA" -jar "$JAR" -f "$FORKS" "${JMH_OPTIONS[@]}" -rff "$JSON" "$@")
# One fork of a benchmark near a threshold can land either side of it (forks differ by tens of percent on 2
# cores): the whole suite runs those with more forks, so that their verdict is the mean of several.
CLOSE_COMMAND=()
JSONS="$JSON"
if [[ "$DEFAULT_EXTRAS" == 1 && "$CLOSE_FORKS" != 0 ]]; then
	CLOSE_JSON="$RESULTS_DIR/$RESULTS_NAME-close.json"
	COMMAND+=(-e "$CLOSE_BENCHMARKS")
	CLOSE_COMMAND=("$JAVA" -jar "$JAR" "$CLOSE_BENCHMARKS" -f "$CLOSE_FORKS" "${JMH_OPTIONS[@]}" -rff "$CLOSE_JSON")
	JSONS="$JSON,$CLOSE_JSON"
fi
# shellcheck disable=SC2206 # LATENCY_ARGS is split into words on purpose
LATENCY_COMMAND=("$JAVA" -cp "$JAR" dev.lockfree.events.latency.LatencyMain --out "$RESULTS_DIR" $LATENCY_ARGS)
STALLS_COMMAND=("$JAVA" -cp "$JAR" dev.lockfree.events.latency.MachineStalls "$RESULTS_DIR/machine-stalls.txt" 5)
LAYOUT_COMMAND=("$JAVA" -cp "$JAR" dev.lockfree.events.layout.LayoutReport "$RESULTS_DIR/layout.txt")

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
SCRIPT_TEXT="$(quote "$@")"
RAN="$(quote "${COMMAND[@]}")"
echo "Running: $RAN"
"${COMMAND[@]}"
if [[ ${#CLOSE_COMMAND[@]} -gt 0 ]]; then
	RAN+=$'\n'"$(quote "${CLOSE_COMMAND[@]}")"
	echo "Running: $(quote "${CLOSE_COMMAND[@]}")"
	"${CLOSE_COMMAND[@]}"
fi

LATENCY_DIR=none
if [[ "$LATENCY" == 1 ]]; then
	RAN+=$'\n'"$(quote "${LATENCY_COMMAND[@]}")"
	echo "Running: $(quote "${LATENCY_COMMAND[@]}")"
	"${LATENCY_COMMAND[@]}"
	# The machine's own stalls, with one busy thread and with one per core: what every latency figure contains.
	RAN+=$'\n'"$(quote "${STALLS_COMMAND[@]}")"
	echo "Running: $(quote "${STALLS_COMMAND[@]}")"
	"${STALLS_COMMAND[@]}"
	LATENCY_DIR="$RESULTS_DIR"
fi
if [[ "$LAYOUT" == 1 ]]; then
	RAN+=$'\n'"$(quote "${LAYOUT_COMMAND[@]}")"
	echo "Running: $(quote "${LAYOUT_COMMAND[@]}")"
	"${LAYOUT_COMMAND[@]}"
fi

"$JAVA" -cp "$JAR" dev.lockfree.events.report.ResultsTable "$JSONS" "$RESULTS_DIR/RESULTS.md" \
	--command "FORKS=$FORKS CLOSE_FORKS=$CLOSE_FORKS WARMUP_ITERATIONS=$WARMUP_ITERATIONS WARMUP_TIME=$WARMUP_TIME ITERATIONS=$ITERATIONS TIME=$TIME LATENCY=$LATENCY LATENCY_ARGS='$LATENCY_ARGS' LAYOUT=$LAYOUT scripts/run-benchmarks.sh ${SCRIPT_TEXT}
# which ran:
${RAN}" \
	--nproc "$(nproc)" \
	--machine "$(uname -srm); $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'); $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB memory"}')" \
	--java-version "$("$JAVA" -version 2>&1)" \
	--date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" \
	--latency-dir "$LATENCY_DIR" \
	--svg-dir "$RESULTS_DIR"
