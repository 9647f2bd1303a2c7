#!/usr/bin/env bash
# CI: print the dossiers as a reader would and check the printed PDFs (issue 17).
#
#   tools/ci_dossier_pdf.sh BIN OUTDIR [EXPECTED_ALL_SECTIONS]
#
# Makes the Spain, United Kingdom, United States and whole-data-set dossiers with BIN (the
# overseas-stations binary), prints each HTML file to PDF with headless Chromium (Debian package
# `chromium`) and reads the PDFs back with pdftotext (`poppler-utils`):
# - the `all` PDF has one "Country N of M" heading per country that has stations, as counted by
#   `check` (or EXPECTED_ALL_SECTIONS when given: pass a wrong number to see it fail), as many as
#   the command reported writing, numbered 1..M in order;
# - each single-country PDF names its country (as the command reported it) and has no such
#   heading;
# - every PDF keeps its sources (the "Sources" list with its last footnote number) and the "How to
#   cite this dossier" line.
# Exits 1 on any mismatch, 2 on a missing tool or a failed command. The PDFs stay in OUTDIR.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
    echo "usage: $0 BIN OUTDIR [EXPECTED_ALL_SECTIONS]" >&2
    exit 2
fi
bin=$1
out=$2
expected_override=${3:-}
for tool in chromium pdftotext; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (apt: chromium, poppler-utils)" >&2; exit 2; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Writes the dossier, prints it, and leaves the PDF's text in $out/NAME.txt; echoes the
# command's summary line.
make_pdf() {
    local scope=$1 name=$2 summary
    if ! summary=$("$bin" dossier "$scope" --output "$out/$name.html" 2>&1); then
        echo "error: $bin dossier $scope failed: $summary" >&2
        exit 2
    fi
    timeout 600 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$profile" --print-to-pdf="$out/$name.pdf" "file://$out/$name.html" \
        >/dev/null 2>&1 || true
    if [[ ! -s "$out/$name.pdf" ]]; then
        echo "error: chromium wrote no PDF for $name" >&2
        exit 2
    fi
    # Form feeds (page breaks) are dropped so each heading is a line of its own.
    pdftotext -enc UTF-8 "$out/$name.pdf" - | tr -d '\f' >"$out/$name.txt"
    echo "$summary"
}

# The "Country N of M" headings (printed upper case by the style sheet), one number per line.
section_numbers() {
    grep -iE '^country [0-9]+ of [0-9]+[[:space:]]*$' "$1" | awk '{print $2 "/" $4}' || true
}

# The last footnote number of an HTML dossier, and whether the PDF keeps the sources.
check_common() {
    local name=$1 last
    last=$(grep -o '<li id="fn-[0-9]*"' "$out/$name.html" | tail -1 | grep -o '[0-9]*' || true)
    grep -qx 'Sources' "$out/$name.txt" || fail "$name: no Sources list in the PDF"
    grep -q 'How to cite this dossier' "$out/$name.txt" || fail "$name: no citation line in the PDF"
    if [[ -n "$last" ]]; then
        grep -qE "^${last}\. " "$out/$name.txt" || fail "$name: footnote $last not in the PDF"
    fi
    echo "$name: $(pdfinfo "$out/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages, ${last:-0} sources"
}

for iso in ES GB US; do
    summary=$(make_pdf "$iso" "$iso")
    # "wrote the dossier of Spain (1 country section, …"
    country=$(sed -n 's/^wrote the dossier of \(.*\) ([0-9]* country section.*/\1/p' <<<"$summary")
    [[ -n "$country" ]] || fail "$iso: no country name in the command's summary: $summary"
    grep -qF "$country" "$out/$iso.txt" || fail "$iso: the PDF does not name $country"
    [[ -z "$(section_numbers "$out/$iso.txt")" ]] || fail "$iso: a single-country PDF with section headings"
    check_common "$iso"
done

summary=$(make_pdf all all)
reported=$(sed -n 's/.*(\([0-9]*\) country sections\{0,1\},.*/\1/p' <<<"$summary")
# Expected: one section per country with a station, counted by `check` (not by the dossier command
# itself): its first line reads "91 stations in 44 countries, …".
counted=$("$bin" check 2>/dev/null | sed -n '1s/^[0-9]* stations in \([0-9]*\) countries.*/\1/p' || true)
expected=${expected_override:-$counted}
[[ -z "$reported" || "$reported" == "$expected" ]] || fail "all: the command reported $reported sections, check counts $expected countries"
[[ -n "$expected" ]] || { echo "error: no section count in: $summary" >&2; exit 2; }
numbers=$(section_numbers "$out/all.txt")
found=$(grep -c . <<<"$numbers" || true)
[[ -n "$numbers" ]] || found=0
if [[ "$found" -ne "$expected" ]]; then
    fail "all: $found country sections in the PDF, expected $expected"
fi
want=$(seq 1 "$expected" | awk -v m="$expected" '{print $1 "/" m}')
[[ "$numbers" == "$want" ]] || fail "all: the section headings are not 1..$expected of $expected in order"
check_common all
echo "all: $found country sections (the command reported ${reported:-?})"

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "dossier PDFs: all checks passed ($out)"
