#!/usr/bin/env bash
# Regenerates packaging/generated/ (manual pages and shell completions) from the clap definitions.
# Run after changing a command-line flag or subcommand; tests/suite/packaging.rs fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf packaging/generated
cargo run --quiet -- package-files packaging/generated
