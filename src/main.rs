//! Command line → the app, a screenshot, `check`, `diff`, `export`, `image` or `dossier`: parses the arguments and
//! dispatches. Everything else lives in the library (`cli` runs each command).

#![deny(clippy::unwrap_used, clippy::expect_used)]

use clap::Parser as _;

use overseas_stations::cli::{
    Cli, Command, prepare_process, run_check, run_completions, run_diff, run_dossier, run_export,
    run_gui, run_image, run_package_files,
};

fn main() {
    prepare_process();
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Check { file, strict }) => {
            let file = file.as_deref().or(cli.data.as_deref());
            run_check(file, *strict, &mut std::io::stdout())
        }
        Some(Command::Diff {
            old,
            new,
            changelog_into,
        }) => run_diff(old, new, changelog_into.as_deref(), &mut std::io::stdout()),
        Some(Command::Export(args)) => {
            let args = args.with_top_level_filters(&cli.filters);
            run_export(&args, cli.data.as_deref(), &mut std::io::stdout())
        }
        Some(Command::Image(args)) => {
            let mut args = args.with_top_level_filters(&cli.filters);
            // `--select` before `image` selects too.
            args.select = args.select.or_else(|| cli.select.clone());
            run_image(&args, cli.data.as_deref())
        }
        Some(Command::Dossier(args)) => {
            let args = args.with_top_level_filters(&cli.filters);
            run_dossier(&args, cli.data.as_deref())
        }
        Some(Command::Completions { shell }) => run_completions(*shell, &mut std::io::stdout()),
        Some(Command::PackageFiles { dir }) => run_package_files(dir),
        None => run_gui(&cli),
    };
    std::process::exit(code);
}
