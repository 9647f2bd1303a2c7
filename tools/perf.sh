#!/usr/bin/env bash
# Prints every performance figure of the README's table on this machine:
# criterion benches (frame, pan/zoom sweep, hit test, start-up, 100k stations) and, under Xvfb,
# launch -> PNG wall time and peak RSS of `overseas-stations --screenshot`, and idle CPU.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin overseas-stations --example floor
echo "== binary: $(stat -c %s target/release/overseas-stations) bytes ($(strip -o /tmp/os-stripped target/release/overseas-stations && stat -c %s /tmp/os-stripped) stripped)"

cargo bench --quiet --bench frame -- --warm-up-time 1 2>/dev/null | sed -n '/== overseas-stations performance/,/^$/p'

command -v xvfb-run >/dev/null || { echo "xvfb-run missing: apt-get install xvfb xauth"; exit 1; }
out=$(mktemp -d)
echo "== launch -> PNG written and the window closed (--screenshot, software GL, X server already running), 5 runs each"
# One X server for all runs: its own start-up (0.1-0.2 s) is not the app's.
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  for view in "--select ES" ""; do
    echo "${view:-world view}:"
    for i in 1 2 3 4 5; do
      /usr/bin/time -f "%e s wall, peak RSS %M KB" target/release/overseas-stations \
        --screenshot "$1/shot.png" $view --size 1280x800 2>&1 | grep wall
    done
  done
  echo "the first frame on screen (the app'"'"'s own log), 3 runs each:"
  for view in "--select ES" ""; do
    for i in 1 2 3; do
      RUST_LOG=overseas_stations=info target/release/overseas-stations --screenshot "$1/shot.png" \
        $view --size 1280x800 2>&1 | sed -n "s/.*launch: the first frame was on screen/${view:-world view}:/p"
    done
  done
  # The floor: an empty egui window (same renderer) writing the same screenshot. What the app
  # peaks at above this is its own; this much any egui window costs on this graphics stack.
  echo "an empty egui window (examples/floor.rs), for comparison:"
  for i in 1 2 3; do
    /usr/bin/time -f "%e s wall, peak RSS %M KB" target/release/examples/floor "$1/floor.png" 1280x800 2>&1 | grep wall
  done' _ "$out"

echo "== idle: CPU ticks and frames while nothing changes (10 s after start-up)"
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  target/release/overseas-stations & pid=$!
  sleep 4; a=$(awk "{print \$14+\$15}" /proc/$pid/stat)
  sleep 6; b=$(awk "{print \$14+\$15}" /proc/$pid/stat)
  echo "CPU ticks between 4 s and 10 s: $((b-a)) (100 ticks = 1 CPU second)"
  kill $pid'
