# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_overseas_stations_global_optspecs
    string join \n data= screenshot= select= tiles= theme= size= bureau= listing= status= precision= sourcing= as-of= h/help V/version
end

function __fish_overseas_stations_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_overseas_stations_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_overseas_stations_using_subcommand
    set -l cmd (__fish_overseas_stations_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l screenshot -d 'Open the window, render it (toolbars and panels included), write it to this PNG file and exit. For the map alone, see the `image` command' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l select -d 'Select this country (ISO 3166-1 alpha-2, e.g. ES) at start' -r
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l tiles -d 'Draw an online raster basemap from this tile URL template under the countries, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (the default map needs no network)' -r
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l theme -d 'Start in the light or dark theme, as choosing it in the toolbar would (otherwise the app follows the system, or the choice remembered from the toolbar)' -r -f -a "light\t'Light land on a light page (print)'
dark\t'The app\'s dark theme'"
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l size -d 'Window size, e.g. 1280x800' -r
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l bureau -d 'Operating bureau (` PSB` may be left out: nantong)' -r -f -a "Fuzhou PSB\t''
Qingtian PSB\t''
Wenzhou PSB\t''
Nantong PSB\t''
Lishui PSB\t''
unknown\t''"
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l listing -d 'First listing' -r -f -a "110-overseas\t'110 Overseas (Sep 2022)'
patrol-and-persuade\t'new in Patrol and Persuade (Dec 2022)'
other\t'other listings (authorities, press)'"
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l status -d 'Current status (as of --as-of), as shown (a closure claimed only by the PRC side is closure_claimed); `-` may stand for `_` (ordered-closed)' -r -f -a "reported\t'reported'
investigation\t'under investigation'
no_charges\t'investigation ended without charges'
no_evidence_found\t'no evidence found by host authorities'
denied_by_host\t'denied by host authorities'
ordered_closed\t'ordered closed by host authorities'
closed\t'closed (per host authorities)'
closure_claimed\t'closure claimed (not by host authorities)'
referred_to_prosecutors\t'referred to prosecutors'
charges_filed\t'charges filed'
conviction\t'conviction'
activity_continued\t'activity reported to continue'
disputed\t'disputed'
other\t'other'"
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l precision -d 'Location precision' -r -f -a "address\t'at the address'
district\t'district-level'
city\t'city-level'
region\t'region-level'
country\t'country-level'"
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l sourcing -d 'How well the station\'s listing is sourced' -r -f -a "supported\t'an original or primary source'
weak\t'weakly sourced (only reposts or aggregators)'"
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -l as-of -d 'The state of knowledge on this date (YYYY, YYYY-MM or YYYY-MM-DD): stations reported by then, with their status as of then' -r
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -s V -l version -d 'Print version'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "check" -d 'Validate a data file (the embedded one by default) and print a summary or every problem'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "diff" -d 'List what changed between two data files (stations added, removed or moved, status changes, sources replaced) and the changelog entry that sums it up'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "export" -d 'Export the stations (those the filters select; all by default) with their sources as CSV, GeoJSON or a data file (formats: docs/export-formats.md, installed in /usr/share/doc/overseas-stations/)'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "image" -d 'Write the map alone (title, legend, caption; no toolbars or panels) as SVG or PNG, for the stations the filters select, without opening a window'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "dossier" -d 'Write the dossier of a country (or of all countries: `all`) as one HTML file that stands alone (maps inline, for screen and print) or as Markdown: summary, map, stations, timeline, disagreements, caveats, every statement with numbered sources'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "completions" -d 'Print the shell completion script for bash, zsh, fish, elvish or powershell (the Debian package installs the first three)'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "package-files" -d 'Write the manual pages and the completion scripts under DIR (makes packaging/generated/)'
complete -c overseas-stations -n "__fish_overseas_stations_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand check" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand check" -l strict -d 'Treat evidence warnings (bracketed titles, claims resting only on reposts, statuses stronger than their claimant, points off land) as errors'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand check" -s h -l help -d 'Print help'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand diff" -l changelog-into -d 'Also insert the changelog entry at the top of `meta.changelog` in this JSON file (a data file, or a `{"meta": …}` file such as data-src/meta.json)' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand diff" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand diff" -s h -l help -d 'Print help'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l format -d 'The format: csv (spreadsheets), geojson (GIS) or json (a data file the app reads back)' -r -f -a "csv\t'Comma-separated values (RFC 4180, UTF-8 with a byte order mark), one row per station'
geojson\t'A GeoJSON (RFC 7946) FeatureCollection, one Point feature per station'
json\t'A complete data file in the app\'s own format, which the app and `check` read back'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -s o -l output -d 'Write to this file (atomically: a temporary file, then a rename) instead of standard output' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l bureau -d 'Operating bureau (` PSB` may be left out: nantong)' -r -f -a "Fuzhou PSB\t''
Qingtian PSB\t''
Wenzhou PSB\t''
Nantong PSB\t''
Lishui PSB\t''
unknown\t''"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l listing -d 'First listing' -r -f -a "110-overseas\t'110 Overseas (Sep 2022)'
patrol-and-persuade\t'new in Patrol and Persuade (Dec 2022)'
other\t'other listings (authorities, press)'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l status -d 'Current status (as of --as-of), as shown (a closure claimed only by the PRC side is closure_claimed); `-` may stand for `_` (ordered-closed)' -r -f -a "reported\t'reported'
investigation\t'under investigation'
no_charges\t'investigation ended without charges'
no_evidence_found\t'no evidence found by host authorities'
denied_by_host\t'denied by host authorities'
ordered_closed\t'ordered closed by host authorities'
closed\t'closed (per host authorities)'
closure_claimed\t'closure claimed (not by host authorities)'
referred_to_prosecutors\t'referred to prosecutors'
charges_filed\t'charges filed'
conviction\t'conviction'
activity_continued\t'activity reported to continue'
disputed\t'disputed'
other\t'other'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l precision -d 'Location precision' -r -f -a "address\t'at the address'
district\t'district-level'
city\t'city-level'
region\t'region-level'
country\t'country-level'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l sourcing -d 'How well the station\'s listing is sourced' -r -f -a "supported\t'an original or primary source'
weak\t'weakly sourced (only reposts or aggregators)'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l as-of -d 'The state of knowledge on this date (YYYY, YYYY-MM or YYYY-MM-DD): stations reported by then, with their status as of then' -r
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l format -d 'svg (vector: outlines, markers and text stay editable) or png' -r -f -a "svg\t'Scalable vector graphics: outlines, markers and text stay editable (Inkscape, browsers)'
png\t'A raster image, the SVG rendered at the chosen size'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l select -d 'Show this country (ISO 3166-1 alpha-2, e.g. PT) with all its shown stations; the whole world by default' -r
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l size -d 'Size in pixels, WIDTHxHEIGHT (each side 200 to 10000, at most 40 megapixels), or a preset: 1200x675, 1920x1080, a4-300dpi, a4-portrait-300dpi' -r
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l theme -d 'Colours: light or dark' -r -f -a "light\t'Light land on a light page (print)'
dark\t'The app\'s dark theme'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l bureau -d 'Operating bureau (` PSB` may be left out: nantong)' -r -f -a "Fuzhou PSB\t''
Qingtian PSB\t''
Wenzhou PSB\t''
Nantong PSB\t''
Lishui PSB\t''
unknown\t''"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l listing -d 'First listing' -r -f -a "110-overseas\t'110 Overseas (Sep 2022)'
patrol-and-persuade\t'new in Patrol and Persuade (Dec 2022)'
other\t'other listings (authorities, press)'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l status -d 'Current status (as of --as-of), as shown (a closure claimed only by the PRC side is closure_claimed); `-` may stand for `_` (ordered-closed)' -r -f -a "reported\t'reported'
investigation\t'under investigation'
no_charges\t'investigation ended without charges'
no_evidence_found\t'no evidence found by host authorities'
denied_by_host\t'denied by host authorities'
ordered_closed\t'ordered closed by host authorities'
closed\t'closed (per host authorities)'
closure_claimed\t'closure claimed (not by host authorities)'
referred_to_prosecutors\t'referred to prosecutors'
charges_filed\t'charges filed'
conviction\t'conviction'
activity_continued\t'activity reported to continue'
disputed\t'disputed'
other\t'other'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l precision -d 'Location precision' -r -f -a "address\t'at the address'
district\t'district-level'
city\t'city-level'
region\t'region-level'
country\t'country-level'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l sourcing -d 'How well the station\'s listing is sourced' -r -f -a "supported\t'an original or primary source'
weak\t'weakly sourced (only reposts or aggregators)'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l as-of -d 'The state of knowledge on this date (YYYY, YYYY-MM or YYYY-MM-DD): stations reported by then, with their status as of then' -r
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand image" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -s o -l output -d 'The file to write (atomically); its extension (.html, .md) gives the format unless --format does' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l format -d 'html (one file that stands alone: maps and styles inline, for screen and print) or md (Markdown with footnotes)' -r -f -a "html\t'One HTML file that stands alone (no network), for screen and print'
md\t'Markdown with footnotes (CommonMark with the footnote extension)'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l bureau -d 'Operating bureau (` PSB` may be left out: nantong)' -r -f -a "Fuzhou PSB\t''
Qingtian PSB\t''
Wenzhou PSB\t''
Nantong PSB\t''
Lishui PSB\t''
unknown\t''"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l listing -d 'First listing' -r -f -a "110-overseas\t'110 Overseas (Sep 2022)'
patrol-and-persuade\t'new in Patrol and Persuade (Dec 2022)'
other\t'other listings (authorities, press)'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l status -d 'Current status (as of --as-of), as shown (a closure claimed only by the PRC side is closure_claimed); `-` may stand for `_` (ordered-closed)' -r -f -a "reported\t'reported'
investigation\t'under investigation'
no_charges\t'investigation ended without charges'
no_evidence_found\t'no evidence found by host authorities'
denied_by_host\t'denied by host authorities'
ordered_closed\t'ordered closed by host authorities'
closed\t'closed (per host authorities)'
closure_claimed\t'closure claimed (not by host authorities)'
referred_to_prosecutors\t'referred to prosecutors'
charges_filed\t'charges filed'
conviction\t'conviction'
activity_continued\t'activity reported to continue'
disputed\t'disputed'
other\t'other'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l precision -d 'Location precision' -r -f -a "address\t'at the address'
district\t'district-level'
city\t'city-level'
region\t'region-level'
country\t'country-level'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l sourcing -d 'How well the station\'s listing is sourced' -r -f -a "supported\t'an original or primary source'
weak\t'weakly sourced (only reposts or aggregators)'"
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l as-of -d 'The state of knowledge on this date (YYYY, YYYY-MM or YYYY-MM-DD): stations reported by then, with their status as of then' -r
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand dossier" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand completions" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand completions" -s h -l help -d 'Print help'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand package-files" -l data -d 'Use this data file instead of the embedded data set' -r -F
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand package-files" -s h -l help -d 'Print help'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "check" -d 'Validate a data file (the embedded one by default) and print a summary or every problem'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "diff" -d 'List what changed between two data files (stations added, removed or moved, status changes, sources replaced) and the changelog entry that sums it up'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "export" -d 'Export the stations (those the filters select; all by default) with their sources as CSV, GeoJSON or a data file (formats: docs/export-formats.md, installed in /usr/share/doc/overseas-stations/)'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "image" -d 'Write the map alone (title, legend, caption; no toolbars or panels) as SVG or PNG, for the stations the filters select, without opening a window'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "dossier" -d 'Write the dossier of a country (or of all countries: `all`) as one HTML file that stands alone (maps inline, for screen and print) or as Markdown: summary, map, stations, timeline, disagreements, caveats, every statement with numbered sources'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "completions" -d 'Print the shell completion script for bash, zsh, fish, elvish or powershell (the Debian package installs the first three)'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "package-files" -d 'Write the manual pages and the completion scripts under DIR (makes packaging/generated/)'
complete -c overseas-stations -n "__fish_overseas_stations_using_subcommand help; and not __fish_seen_subcommand_from check diff export image dossier completions package-files help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
