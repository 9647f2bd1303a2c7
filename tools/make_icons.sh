#!/usr/bin/env bash
# Renders the app icon's PNG sizes for the hicolor theme from the two SVG drawings in assets/icons/
# (the small drawing for 16 and 24 px, where the globe's lines would blur the pin). Needs
# rsvg-convert (Debian: librsvg2-bin). The PNGs are committed; rerun this after changing an SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
for size in 16 24 32 48 64 128 256 512; do
  src=overseas-stations.svg
  if [ "$size" -le 24 ]; then src=overseas-stations-16.svg; fi
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$src" -o "hicolor/${size}x${size}/apps/overseas-stations.png"
done
