//! The files a package installs beside the binary that are made from the clap definitions: the
//! manual pages (`clap_mangen`) and the bash, zsh and fish completions (`clap_complete`).
//!
//! `overseas-stations completions SHELL` prints one completion script (for people who install with
//! `cargo install`); the hidden `overseas-stations package-files DIR` writes them all, which is how
//! `packaging/generated/` is made (tools/package_files.sh). A test keeps that directory equal to
//! what the current definitions generate, so the Debian package never ships a stale page.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory as _;
use clap_complete::Shell;

use super::Cli;

/// The command's name as installed (`/usr/bin/overseas-stations`), which completions bind to.
const BIN_NAME: &str = "overseas-stations";

/// The shells a package installs completions for, each with the file name and the directory
/// (under `/usr/share`) where that shell looks for them.
pub const PACKAGED_SHELLS: [(Shell, &str, &str); 3] = [
    (
        Shell::Bash,
        "overseas-stations",
        "bash-completion/completions",
    ),
    (Shell::Zsh, "_overseas-stations", "zsh/vendor-completions"),
    (
        Shell::Fish,
        "overseas-stations.fish",
        "fish/vendor_completions.d",
    ),
];

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, BIN_NAME, &mut out);
    out
}

/// The manual pages: `overseas-stations.1` and one page per visible subcommand
/// (`overseas-stations-export.1`, …), as (file name, roff text).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn collect(command: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub.clone(), pages)?;
        }
        let man = clap_mangen::Man::new(command);
        let mut text = Vec::new();
        man.render(&mut text)?;
        pages.push((man.get_filename(), text));
        Ok(())
    }
    // As clap_mangen's own `generate_to` does: subcommands get display names
    // ("overseas-stations-export") and no `help` subcommand is documented.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    collect(command, &mut pages)?;
    pages.sort();
    Ok(pages)
}

/// Every generated file, as (path relative to the output directory, contents): `man/*.1` and
/// `completions/<file name of each packaged shell>`.
pub fn package_files() -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = man_pages()?
        .into_iter()
        .map(|(name, text)| (Path::new("man").join(name), text))
        .collect();
    for (shell, name, _) in PACKAGED_SHELLS {
        files.push((
            Path::new("completions").join(name),
            completion_script(shell),
        ));
    }
    Ok(files)
}

/// Runs `completions SHELL`: prints the script to `out`. Returns the exit code.
pub fn run_completions(shell: Shell, out: &mut dyn Write) -> i32 {
    match out.write_all(&completion_script(shell)) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: could not write the completion script: {e}");
            1
        }
    }
}

/// Runs `package-files DIR`: writes every generated file under `dir` (each atomically, through
/// the one writer of user-chosen files). Returns the exit code.
pub fn run_package_files(dir: &Path) -> i32 {
    let files = match package_files() {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: could not render the manual pages: {e}");
            return 1;
        }
    };
    for (relative, bytes) in &files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            eprintln!("error: {}: {e}", parent.display());
            return 1;
        }
        if let Err(e) = crate::files::write_atomically(&path, bytes) {
            eprintln!("error: {e}");
            return 1;
        }
    }
    eprintln!("wrote {} files under {}", files.len(), dir.display());
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_has_a_page_and_hidden_ones_none() {
        let names: Vec<String> = man_pages().unwrap().into_iter().map(|(n, _)| n).collect();
        for expected in [
            "overseas-stations.1",
            "overseas-stations-check.1",
            "overseas-stations-diff.1",
            "overseas-stations-export.1",
            "overseas-stations-completions.1",
            "overseas-stations-image.1",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        assert!(
            !names.iter().any(|n| n.contains("package-files")),
            "{names:?}"
        );
    }

    #[test]
    fn completions_know_the_subcommands_and_flags() {
        for (shell, _, _) in PACKAGED_SHELLS {
            let text = String::from_utf8(completion_script(shell)).unwrap();
            // Fish spells a long flag `-l select`; the others `--select`.
            for word in ["export", "check", "select", "data", "bureau"] {
                assert!(text.contains(word), "{shell:?} completion lacks {word}");
            }
        }
    }
}
